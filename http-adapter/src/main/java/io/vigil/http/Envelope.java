package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.spi.Page;

import java.time.Instant;

/** The bodies each seed's successful answers have. */
final class Envelope {
    private Envelope() {
    }

    /** Seed 003: {@code {"code": 200, "message": "...", "data": ...}}. */
    static Reply ok(JsonNode data, String message) {
        return envelope(200, message, data);
    }

    static Reply ok(JsonNode data) {
        return ok(data, "OK");
    }

    static Reply created(JsonNode data) {
        return envelope(201, "Created", data);
    }

    static Reply accepted(JsonNode data) {
        return envelope(202, "Accepted", data);
    }

    private static Reply envelope(int code, String message, JsonNode data) {
        ObjectNode o = Json.object();
        o.put("code", code);
        o.put("message", message);
        o.set("data", data == null ? Json.NODES.nullNode() : data);
        return Reply.json(code, o);
    }

    /** Seed 003's list: {@code {"list": [...], "pagination": {page, pageSize, total, totalPages}}}. */
    static ObjectNode page(ArrayNode list, Page<?> page) {
        ObjectNode data = Json.object();
        data.set("list", list);
        ObjectNode p = data.putObject("pagination");
        p.put("page", page.page());
        p.put("pageSize", page.pageSize());
        p.put("total", page.total());
        p.put("totalPages", page.totalPages());
        return data;
    }

    /** Seed 004: {@code {"timestamp", "cluster", "resource_type", "data", "metadata"}}. */
    static Reply kcloud(Instant now, String resourceType, JsonNode data, ObjectNode metadata) {
        ObjectNode o = Json.object();
        o.put("timestamp", now.toString());
        o.put("cluster", "default");
        o.put("resource_type", resourceType);
        o.set("data", data);
        if (metadata != null) {
            o.set("metadata", metadata);
        }
        return Reply.json(200, o);
    }
}
