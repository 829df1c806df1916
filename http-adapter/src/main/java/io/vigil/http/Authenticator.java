package io.vigil.http;

import com.sun.net.httpserver.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the principal behind a request's credentials: an API key ({@code Authorization: Bearer}
 * or {@code X-API-Key}) or HTTP Basic (seed 004). Every configured secret is compared, in constant
 * time, whether or not an earlier one matched, so response times tell an attacker nothing about
 * which keys or user names exist.
 */
final class Authenticator {
    static final Principal ANONYMOUS = new Principal("anonymous", "anonymous", EnumSet.allOf(Permission.class));

    private final boolean disabled;
    private final List<HttpOptions.ApiKey> apiKeys;
    private final List<HttpOptions.BasicUser> basicUsers;

    Authenticator(HttpOptions options) {
        this.disabled = options.authenticationDisabled();
        this.apiKeys = options.apiKeys();
        this.basicUsers = options.basicUsers();
    }

    /**
     * The caller, or a 401 that says whether credentials were missing or wrong. With
     * authentication disabled every caller is the anonymous administrator.
     */
    Principal authenticate(Headers headers) {
        if (disabled) {
            return ANONYMOUS;
        }
        String authorization = headers.getFirst("Authorization");
        String apiKey = headers.getFirst("X-API-Key");
        if (authorization == null && apiKey == null) {
            throw unauthorized("credentials are required: an API key (Authorization: Bearer, X-API-Key) or HTTP Basic");
        }
        Principal found = null;
        if (apiKey != null) {
            found = byKey(apiKey.trim());
        } else {
            String[] parts = authorization.trim().split("\\s+", 2);
            String scheme = parts[0].toLowerCase(Locale.ROOT);
            String value = parts.length > 1 ? parts[1].trim() : "";
            if (scheme.equals("bearer")) {
                found = byKey(value);
            } else if (scheme.equals("basic")) {
                found = byBasic(value);
            } else {
                throw unauthorized("unsupported authorization scheme; use Bearer or Basic");
            }
        }
        if (found == null) {
            throw unauthorized("invalid credentials");
        }
        return found;
    }

    private Principal byKey(String candidate) {
        Principal found = null;
        for (HttpOptions.ApiKey key : apiKeys) {
            if (key.key().matches(candidate) && found == null) {
                found = key.principal();
            }
        }
        return found;
    }

    private Principal byBasic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        Principal found = null;
        for (HttpOptions.BasicUser u : basicUsers) {
            // both comparisons always run: a known user with a wrong password takes as long as an unknown user
            boolean nameMatches = io.vigil.alerting.api.Secret.of(u.username()).matches(user);
            boolean passwordMatches = u.password().matches(password);
            if (nameMatches & passwordMatches && found == null) {
                found = u.principal();
            }
        }
        return found;
    }

    private ApiException unauthorized(String detail) {
        return new ApiException(ApiError.UNAUTHORIZED, detail, List.of(), challenge());
    }

    private Map<String, String> challenge() {
        return basicUsers.isEmpty() ? Map.of("WWW-Authenticate", "Bearer realm=\"Vigil\"")
                : Map.of("WWW-Authenticate", "Basic realm=\"Vigil\", charset=\"UTF-8\"");
    }

    /** 403 for a caller without the route's permission. */
    static void authorize(Principal principal, Permission needed) {
        if (needed != null && !principal.may(needed)) {
            throw new ApiException(ApiError.FORBIDDEN, "'" + principal.id() + "' lacks the permission " + needed.wireName());
        }
    }
}
