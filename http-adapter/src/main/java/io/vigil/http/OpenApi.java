package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OpenAPI 3 document of every endpoint, generated from the route table, so that what the
 * document says and what the server does cannot drift apart.
 */
final class OpenApi {
    private OpenApi() {
    }

    static ObjectNode document(List<Route> routes, String version) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Vigil alerting API");
        info.put("version", version);
        info.put("description", "Alert rules, records, statistics, notifications, hardware readings and events. "
                + "Seed 003 endpoints answer {code, message, data}; seed 000 endpoints answer plain snake_case JSON; "
                + "seed 004 endpoints answer {timestamp, resource_type, data}. Errors carry seed 003's codes "
                + "(400, 400-LIMIT, 401, 403, 404, 404-ALERT, 409, 422, 500).");
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("basicAuth").put("type", "http").put("scheme", "basic");
        schemes.putObject("bearerAuth").put("type", "http").put("scheme", "bearer");
        schemes.putObject("apiKeyHeader").put("type", "apiKey").put("in", "header").put("name", "X-API-Key");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode error = schemas.putObject("Error");
        error.put("type", "object");
        error.put("description", "code is seed 003's error code (a number, or a string such as 404-ALERT); "
                + "errors lists every field problem with its stable code and path");
        ObjectNode errorProps = error.putObject("properties");
        errorProps.putObject("code").putArray("oneOf").add(Json.object().put("type", "integer")).add(Json.object().put("type", "string"));
        errorProps.putObject("message").put("type", "string");
        errorProps.putObject("detail").put("type", "string");
        ObjectNode item = Json.object().put("type", "object");
        ObjectNode itemProps = item.putObject("properties");
        itemProps.putObject("code").put("type", "string");
        itemProps.putObject("path").put("type", "string");
        itemProps.putObject("message").put("type", "string");
        errorProps.putObject("errors").put("type", "array").set("items", item);

        Set<String> tags = new LinkedHashSet<>();
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            tags.add(r.tag());
            ObjectNode path = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            path.set(r.method().toLowerCase(Locale.ROOT), operation(r));
        }
        ArrayNode tagList = doc.putArray("tags");
        tags.forEach(t -> tagList.addObject().put("name", t));
        return doc;
    }

    private static ObjectNode operation(Route r) {
        ObjectNode op = Json.object();
        op.put("operationId", operationId(r));
        op.put("summary", r.summary());
        op.putArray("tags").add(r.tag());
        ArrayNode params = op.putArray("parameters");
        for (String p : r.pathParameters()) {
            ObjectNode param = params.addObject();
            param.put("name", p).put("in", "path").put("required", true);
            param.putObject("schema").put("type", "string");
        }
        for (Route.QueryParam q : r.query()) {
            ObjectNode param = params.addObject();
            param.put("name", q.name()).put("in", "query").put("required", false).put("description", q.description());
            ObjectNode schema = param.putObject("schema");
            if (q.type().equals("date-time")) {
                schema.put("type", "string").put("format", "date-time");
            } else {
                schema.put("type", q.type());
            }
        }
        if (r.body() != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("description", r.body());
            ObjectNode content = body.putObject("content");
            content.putObject("application/json").putObject("schema").put("type", "object");
            if (r.body().startsWith("AlertRule") || r.body().startsWith("Seed000Rule") || r.body().contains("AlertRule[]")) {
                content.putObject("application/yaml").putObject("schema").put("type", "object");
            }
        }
        if (r.permission() == null) {
            op.putArray("security");
        } else {
            ArrayNode security = op.putArray("security");
            security.addObject().putArray("basicAuth");
            security.addObject().putArray("bearerAuth");
            security.addObject().putArray("apiKeyHeader");
            op.put("x-permission", r.permission().wireName());
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(String.valueOf(r.successStatus()));
        ok.put("description", "success");
        ObjectNode okContent = ok.putObject("content");
        for (String type : r.produces()) {
            ObjectNode schema = okContent.putObject(type).putObject("schema");
            schema.put("type", type.equals("application/json") ? "object" : "string");
        }
        error(responses, "400", "bad request: a malformed parameter or body");
        if (r.permission() != null) {
            error(responses, "401", "credentials missing or invalid");
            error(responses, "403", "the caller lacks " + r.permission().wireName());
        }
        if (!r.pathParameters().isEmpty()) {
            error(responses, "404", "not found (404-ALERT for alert records)");
        }
        if (r.body() != null) {
            error(responses, "413", "the body is larger than the limit");
            error(responses, "415", "the body is not declared as JSON");
            error(responses, "422", "invalid: every field problem is listed");
        }
        error(responses, "500", "server error");
        return op;
    }

    private static void error(ObjectNode responses, String status, String description) {
        ObjectNode e = responses.putObject(status);
        e.put("description", description);
        e.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
    }

    static String operationId(Route r) {
        StringBuilder id = new StringBuilder(r.method().toLowerCase(Locale.ROOT));
        for (String s : r.segments()) {
            String clean = s.replaceAll("[^A-Za-z0-9]", "");
            if (Route.isParameter(s)) {
                clean = "By" + capital(clean);
            }
            id.append(capital(clean));
        }
        return id.toString();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
