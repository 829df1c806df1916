package io.vigil.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the route for a method and path. Among the templates that match the path and have the
 * method, the most specific wins: at the first segment where two differ, a literal beats a
 * parameter ({@code gpus/summary} before {@code gpus/{gpu_id}}). When the path matches but no
 * template has the method, the answer lists the methods that would do (405 with {@code Allow}).
 */
final class RouteTable {
    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Set<String> seen = new LinkedHashSet<>();
        for (Route r : routes) {
            if (!seen.add(r.method() + " " + String.join("/", normalised(r)))) {
                throw new IllegalStateException("two routes for " + r);
            }
        }
    }

    private static List<String> normalised(Route r) {
        List<String> out = new ArrayList<>();
        for (String s : r.segments()) {
            out.add(Route.isParameter(s) ? "{}" : s);
        }
        return out;
    }

    List<Route> routes() {
        return routes;
    }

    /** The outcome of a lookup: a route with its parameters, or the methods allowed on the path (maybe none). */
    record Match(Route route, Map<String, String> parameters, Set<String> allowed) {
        boolean found() {
            return route != null;
        }

        boolean pathExists() {
            return !allowed.isEmpty();
        }
    }

    /** @param segments the request path's decoded segments */
    Match match(String method, List<String> segments) {
        Objects.requireNonNull(method, "method");
        Route best = null;
        long bestScore = -1;
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            long score = score(r.segments(), segments);
            if (score < 0) {
                continue;
            }
            allowed.add(r.method());
            if (r.method().equals(method) && score > bestScore) {
                best = r;
                bestScore = score;
            }
        }
        if (best == null) {
            return new Match(null, Map.of(), allowed);
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String> template = best.segments();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (Route.isParameter(t)) {
                params.put(t.substring(1, t.length() - 1), segments.get(i));
            }
        }
        return new Match(best, params, allowed);
    }

    /** -1 when the template does not match; otherwise higher for literals earlier in the path. */
    private static long score(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return -1;
        }
        long score = 0;
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            score <<= 1;
            if (Route.isParameter(t)) {
                if (path.get(i).isEmpty()) {
                    return -1;
                }
            } else if (t.equals(path.get(i))) {
                score |= 1;
            } else {
                return -1;
            }
        }
        return score;
    }
}
