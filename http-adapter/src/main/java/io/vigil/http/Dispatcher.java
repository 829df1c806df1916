package io.vigil.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.vigil.alerting.api.AlertingException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one handler behind every path: security headers, overload and shutdown answers, CORS,
 * routing (404, 405 with {@code Allow}), body size pre-check (413), authentication (401) and
 * permission (403), then the route's handler; every failure becomes an answer in the route's
 * style, and anything unexpected a 500 without a stack trace.
 */
final class Dispatcher implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final int MAX_PATH_LENGTH = 4096;
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-API-Key, Last-Event-ID, Accept";

    private final RouteTable routes;
    private final Authenticator authenticator;
    private final Json json;
    private final HttpOptions options;
    private final ErrorReplies errors;
    private final HttpMetrics metrics;
    private final InFlight inFlight;
    private final boolean tls;

    Dispatcher(RouteTable routes, Authenticator authenticator, Json json, HttpOptions options, ErrorReplies errors,
               HttpMetrics metrics, InFlight inFlight) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.json = json;
        this.options = options;
        this.errors = errors;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.tls = options.tls() != null;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String routeName = "unmatched";
        int status = 500;
        boolean streaming = false;
        boolean recorded = false;
        boolean counted = inFlight.enter();
        Style style = Style.ENVELOPE;
        try {
            securityHeaders(exchange.getResponseHeaders());
            String rawPath = exchange.getRequestURI().getRawPath();
            rawPath = rawPath == null ? "/" : rawPath;
            style = Style.forPath(rawPath);
            Reply reply;
            try {
                if (!counted || WorkerPool.isShed()) {
                    throw new ApiException(ApiError.UNAVAILABLE, counted ? "the server is busy; try again" : "the server is stopping",
                            List.of(), Map.of("Retry-After", "1", "Connection", "close"));
                }
                boolean corsAllowed = cors(exchange);
                List<String> segments = segments(rawPath);
                if (method.equals("OPTIONS")) {
                    reply = options(exchange, segments, corsAllowed);
                } else {
                    boolean head = method.equals("HEAD");
                    RouteTable.Match match = routes.match(head ? "GET" : method, segments);
                    if (!match.found()) {
                        if (match.pathExists()) {
                            throw new ApiException(ApiError.METHOD_NOT_ALLOWED, method + " is not allowed here", List.of(),
                                    Map.of("Allow", allow(match.allowed())));
                        }
                        throw ApiException.notFound("no endpoint at " + abbreviate(rawPath));
                    }
                    Route route = match.route();
                    routeName = route.path();
                    style = route.style();
                    checkDeclaredLength(exchange);
                    Principal principal = Authenticator.ANONYMOUS;
                    if (route.permission() != null) {
                        principal = authenticator.authenticate(exchange.getRequestHeaders());
                        Authenticator.authorize(principal, route.permission());
                    }
                    Query query = Query.parse(exchange.getRequestURI().getRawQuery());
                    reply = route.handler().handle(new Call(exchange, route, match.parameters(), query, principal, json,
                            options.maxBodyBytes()));
                    if (reply == Reply.STREAMING) {
                        streaming = true;
                        status = 200;
                        return;
                    }
                }
            } catch (ApiException e) {
                reply = errors.render(e, style);
            } catch (AlertingException e) {
                reply = errors.render(ApiException.from(e, false), style);
            }
            status = reply.status();
            // counted before the answer leaves, so that a client's next request sees this one in the metrics
            metrics.record(method, routeName, status, System.nanoTime() - started);
            recorded = true;
            send(exchange, reply, method.equals("HEAD"));
        } catch (IOException e) {
            // the client went away; nothing to answer
            status = 499;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "unexpected failure answering " + method + " " + routeName, e);
            status = 500;
            try {
                send(exchange, errors.render(new ApiException(ApiError.SERVER_ERROR,
                        "an unexpected error occurred; it has been logged"), style), false);
            } catch (IOException | RuntimeException ignored) {
                // the response may already be under way; the connection is closed below
            }
        } finally {
            if (!streaming) {
                exchange.close();
            }
            if (!recorded) {
                metrics.record(method, routeName, status, System.nanoTime() - started);
            }
            if (counted) {
                inFlight.exit();
            }
        }
    }

    private void securityHeaders(Headers h) {
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
        // The legacy XSS auditor is itself a source of leaks; modern advice (OWASP) is to switch it off and rely on CSP.
        h.set("X-XSS-Protection", "0");
        if (tls) {
            h.set("Strict-Transport-Security", "max-age=31536000");
        }
    }

    /** Adds CORS headers for an allowed origin; true when the origin is allowed. */
    private boolean cors(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null || !options.corsOrigins().contains(origin)) {
            return false;
        }
        Headers h = exchange.getResponseHeaders();
        h.set("Access-Control-Allow-Origin", origin);
        h.set("Access-Control-Allow-Credentials", "true");
        h.set("Access-Control-Expose-Headers", "Content-Disposition, WWW-Authenticate, Retry-After");
        h.add("Vary", "Origin");
        return true;
    }

    private Reply options(HttpExchange exchange, List<String> segments, boolean corsAllowed) {
        RouteTable.Match match = routes.match("OPTIONS", segments);
        if (!match.pathExists()) {
            throw ApiException.notFound("no endpoint here");
        }
        String allow = allow(match.allowed());
        Headers request = exchange.getRequestHeaders();
        if (request.getFirst("Origin") != null && request.getFirst("Access-Control-Request-Method") != null) {
            if (!corsAllowed) {
                throw new ApiException(ApiError.FORBIDDEN, "this origin may not call the API");
            }
            return Reply.noContent()
                    .withHeader("Access-Control-Allow-Methods", allow)
                    .withHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .withHeader("Access-Control-Max-Age", "600")
                    .withHeader("Allow", allow);
        }
        return Reply.noContent().withHeader("Allow", allow);
    }

    private static String allow(Set<String> methods) {
        Set<String> all = new LinkedHashSet<>(methods);
        if (all.contains("GET")) {
            all.add("HEAD");
        }
        all.add("OPTIONS");
        return String.join(", ", all);
    }

    private void checkDeclaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null) {
            return;
        }
        try {
            if (Long.parseLong(length.trim()) > options.maxBodyBytes()) {
                throw new ApiException(ApiError.PAYLOAD_TOO_LARGE, "the request body is larger than "
                        + options.maxBodyBytes() + " bytes", List.of(), Map.of("Connection", "close"));
            }
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("malformed Content-Length");
        }
    }

    /** The path's segments, percent-decoded; empty segments (double or trailing slashes) are dropped. */
    static List<String> segments(String rawPath) {
        if (rawPath.length() > MAX_PATH_LENGTH) {
            throw ApiException.badRequest("the path is longer than " + MAX_PATH_LENGTH + " characters");
        }
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(Query.decode(s, false));
            }
        }
        return out;
    }

    private static String abbreviate(String path) {
        return path.length() <= 100 ? path : path.substring(0, 100) + "…";
    }

    static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
        Headers h = exchange.getResponseHeaders();
        if (reply.contentType() != null) {
            h.set("Content-Type", reply.contentType());
        }
        reply.headers().forEach(h::set);
        byte[] body = reply.body();
        if (head || body.length == 0 || reply.status() == 204) {
            exchange.sendResponseHeaders(reply.status(), -1);
        } else {
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
