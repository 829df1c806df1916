package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.ValidationError;

import java.time.Clock;

/** Writes an {@link ApiException} in the style of the seed the endpoint belongs to. */
final class ErrorReplies {
    private final Clock clock;

    ErrorReplies(Clock clock) {
        this.clock = clock;
    }

    Reply render(ApiException e, Style style) {
        ApiError kind = e.kind();
        String detail = e.getMessage() == null ? kind.title() : e.getMessage();
        ObjectNode body = Json.object();
        switch (style) {
            case PLAIN:
                // FastAPI's shape (seed 001), with the stable code and field errors beside it
                body.put("detail", detail);
                body.put("status_code", kind.status());
                body.put("code", kind.code());
                if (!e.errors().isEmpty()) {
                    body.set("errors", errors(e));
                }
                break;
            case KCLOUD:
                ObjectNode error = body.putObject("error");
                error.put("code", kind.kcloudCode());
                error.put("message", detail);
                if (!e.errors().isEmpty()) {
                    error.putObject("details").set("errors", errors(e));
                }
                body.put("timestamp", clock.instant().toString());
                break;
            default:
                if (kind.numericCode()) {
                    body.put("code", Integer.parseInt(kind.code()));
                } else {
                    body.put("code", kind.code());
                }
                body.put("message", kind.title());
                body.put("detail", detail);
                body.set("data", Json.NODES.nullNode());
                if (!e.errors().isEmpty()) {
                    body.set("errors", errors(e));
                }
        }
        Reply reply = Reply.json(kind.status(), body);
        for (var h : e.headers().entrySet()) {
            reply = reply.withHeader(h.getKey(), h.getValue());
        }
        return reply;
    }

    private static ArrayNode errors(ApiException e) {
        ArrayNode list = Json.array();
        for (ValidationError v : e.errors()) {
            ObjectNode o = list.addObject();
            o.put("code", v.code().name());
            o.put("path", v.path());
            o.put("message", v.message());
        }
        return list;
    }
}
