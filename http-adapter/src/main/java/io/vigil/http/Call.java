package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.vigil.alerting.runtime.Actor;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as a handler sees it: the matched route and path parameters, the query, the caller,
 * and the body read on demand within the size limit.
 */
final class Call {
    private final HttpExchange exchange;
    private final Route route;
    private final Map<String, String> parameters;
    private final Query query;
    private final Principal principal;
    private final Json json;
    private final int maxBodyBytes;
    private byte[] body;

    Call(HttpExchange exchange, Route route, Map<String, String> parameters, Query query, Principal principal,
         Json json, int maxBodyBytes) {
        this.exchange = exchange;
        this.route = route;
        this.parameters = parameters;
        this.query = query;
        this.principal = principal;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    HttpExchange exchange() {
        return exchange;
    }

    Route route() {
        return route;
    }

    /** A path parameter by its template name ({@code id} for {@code /rules/{id}}). */
    String path(String name) {
        String v = parameters.get(name);
        if (v == null) {
            throw new IllegalStateException("route " + route + " has no parameter " + name);
        }
        return v;
    }

    Query query() {
        return query;
    }

    Principal principal() {
        return principal;
    }

    /** The caller as the actor of the changes it makes. */
    Actor actor() {
        return new Actor(principal.id(), principal.name());
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The body's bytes, at most the configured limit (413 beyond it); empty when there is none. */
    byte[] body() throws IOException {
        if (body == null) {
            body = readLimited(exchange.getRequestBody(), maxBodyBytes);
        }
        return body;
    }

    static byte[] readLimited(InputStream in, int limit) throws IOException {
        byte[] data = in.readNBytes(limit + 1);
        if (data.length > limit) {
            throw new ApiException(ApiError.PAYLOAD_TOO_LARGE, "the request body is larger than " + limit + " bytes",
                    List.of(), Map.of("Connection", "close"));
        }
        return data;
    }

    boolean hasBody() throws IOException {
        return body().length > 0;
    }

    /**
     * The JSON body, or {@code null} when there is none. A body must be declared as JSON
     * ({@code Content-Type: application/json}): besides being correct, this keeps a web page on
     * another site from posting a plain HTML form (which browsers send without asking) to the API.
     */
    JsonNode json() throws IOException {
        if (!hasBody()) {
            return null;
        }
        requireMediaType(false);
        return json.read(body);
    }

    /** The JSON body as an object; {@code {}} when there is none and it is optional. */
    ObjectNode jsonObject(boolean required) throws IOException {
        JsonNode node = json();
        if (node == null) {
            if (required) {
                throw ApiException.badRequest("a JSON object body is required");
            }
            return Json.object();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Whether the body is YAML by its declared type (rules may be sent as YAML); checks the type either way. */
    boolean isYamlBody() {
        return requireMediaType(true);
    }

    private boolean requireMediaType(boolean yamlAllowed) {
        String type = header("Content-Type");
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (base.equals("application/json") || base.equals("text/json") || base.endsWith("+json")) {
            return false;
        }
        if (yamlAllowed && (base.equals("application/yaml") || base.equals("application/x-yaml")
                || base.equals("text/yaml") || base.equals("text/x-yaml"))) {
            return true;
        }
        throw new ApiException(ApiError.UNSUPPORTED_MEDIA_TYPE,
                "send the body with Content-Type: application/json" + (yamlAllowed ? " (or application/yaml)" : ""));
    }

    /** Whether the caller asked for CSV ({@code Accept: text/csv} or {@code format=csv}). */
    boolean wantsCsv() {
        String format = query.string("format").orElse("");
        if (format.equalsIgnoreCase("csv")) {
            return true;
        }
        if (!format.isEmpty() && !format.equalsIgnoreCase("json")) {
            throw ApiException.badParameter("format", "json or csv");
        }
        String accept = header("Accept");
        return format.isEmpty() && accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }
}
