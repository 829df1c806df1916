package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete response: status, content type, body and extra headers. {@link #STREAMING} means the
 * handler took the exchange over (an event stream) and answers on its own.
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final Reply STREAMING = new Reply(0, null, new byte[0], Map.of());

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply json(int status, JsonNode node) {
        return new Reply(status, JSON, Json.write(node), Map.of());
    }

    static Reply text(int status, String contentType, String text) {
        return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply noContent() {
        return new Reply(204, null, new byte[0], Map.of());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, body, h);
    }
}
