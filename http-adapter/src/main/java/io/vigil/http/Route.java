package io.vigil.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One endpoint: method, path template ({@code /api/v1/alerts/rules/{id}}), the permission it needs
 * ({@code null}: public), its response style, and what the OpenAPI document says about it. The
 * route table is the single source of dispatch, permission checks and the OpenAPI document, so the
 * three cannot drift apart.
 */
final class Route {
    /** Answers a call. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Call call) throws IOException;
    }

    /** A documented query parameter. */
    record QueryParam(String name, String type, String description) {
    }

    private final String method;
    private final String path;
    private final List<String> segments;
    private final Permission permission;
    private final Style style;
    private final String tag;
    private final String summary;
    private final List<QueryParam> query;
    private final String body;
    private final int successStatus;
    private final List<String> produces;
    private final Handler handler;

    private Route(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.segments = segmentsOf(b.path);
        this.permission = b.permission;
        this.style = Objects.requireNonNull(b.style, "style");
        this.tag = Objects.requireNonNull(b.tag, "tag");
        this.summary = Objects.requireNonNull(b.summary, "summary");
        this.query = List.copyOf(b.query);
        this.body = b.body;
        this.successStatus = b.successStatus;
        this.produces = List.copyOf(b.produces);
        this.handler = Objects.requireNonNull(b.handler, "handler");
    }

    static List<String> segmentsOf(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    static Builder get(String path) {
        return new Builder("GET", path);
    }

    static Builder post(String path) {
        return new Builder("POST", path);
    }

    static Builder put(String path) {
        return new Builder("PUT", path);
    }

    static Builder delete(String path) {
        return new Builder("DELETE", path);
    }

    String method() { return method; }
    String path() { return path; }
    List<String> segments() { return segments; }
    /** The permission the caller needs, or {@code null} for a public endpoint. */
    Permission permission() { return permission; }
    Style style() { return style; }
    String tag() { return tag; }
    String summary() { return summary; }
    List<QueryParam> query() { return query; }
    /** What the request body holds, for the document; {@code null} for none. */
    String body() { return body; }
    int successStatus() { return successStatus; }
    /** Media types of the success answer. */
    List<String> produces() { return produces; }
    Handler handler() { return handler; }

    /** The names of the path parameters, in order. */
    List<String> pathParameters() {
        List<String> names = new ArrayList<>();
        for (String s : segments) {
            if (isParameter(s)) {
                names.add(s.substring(1, s.length() - 1));
            }
        }
        return names;
    }

    static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    static final class Builder {
        private final String method;
        private final String path;
        private Permission permission = Permission.ALERT_READ;
        private Style style = Style.ENVELOPE;
        private String tag;
        private String summary;
        private final List<QueryParam> query = new ArrayList<>();
        private String body;
        private int successStatus = 200;
        private final List<String> produces = new ArrayList<>(List.of("application/json"));
        private Handler handler;

        private Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Builder permission(Permission p) { this.permission = Objects.requireNonNull(p); return this; }
        Builder publicAccess() { this.permission = null; return this; }
        Builder style(Style s) { this.style = s; return this; }
        Builder tag(String t) { this.tag = t; return this; }
        Builder summary(String s) { this.summary = s; return this; }
        Builder query(String name, String type, String description) {
            query.add(new QueryParam(name, type, description));
            return this;
        }
        Builder pageQuery() {
            return query("page", "integer", "page number, from 1 (default 1)")
                    .query("pageSize", "integer", "page size, 1 to 1000 (default 20)");
        }
        Builder body(String description) { this.body = description; return this; }
        Builder status(int status) { this.successStatus = status; return this; }
        Builder produces(String... types) { produces.clear(); produces.addAll(List.of(types)); return this; }

        Route handler(Handler h) {
            this.handler = h;
            return new Route(this);
        }
    }
}
