package io.vigil.http;

import java.io.IOException;
import java.util.List;

/** {@code GET /api/v1/alerts/events}: Server-Sent Events of alert and rule changes. */
final class EventsApi {
    private final Services s;

    EventsApi(Services services) {
        this.s = services;
    }

    List<Route> routes() {
        return List.of(Route.get("/api/v1/alerts/events").tag("Events")
                .summary("Server-Sent Events: record_created, record_updated, record_resolved, rule_changed and seed 004's "
                        + "threshold_exceeded; keep-alive comments; resume with the Last-Event-ID header")
                .query("lastEventId", "integer", "resume after this event id (for clients that cannot set Last-Event-ID)")
                .produces("text/event-stream")
                .handler(this::events));
    }

    private Reply events(Call call) throws IOException {
        String header = call.header("Last-Event-ID");
        Long last = null;
        String text = header != null && !header.isBlank() ? header.trim() : call.query().string("lastEventId").orElse(null);
        if (text != null) {
            try {
                last = Long.parseLong(text);
                if (last < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw ApiException.badParameter("Last-Event-ID", "must be an event id (a whole number)");
            }
        }
        if (call.exchange().getRequestMethod().equals("HEAD")) {
            return new Reply(200, "text/event-stream; charset=utf-8", new byte[0], java.util.Map.of());
        }
        s.events.open(call.exchange(), last);
        return Reply.STREAMING;
    }
}
