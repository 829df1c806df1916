package io.vigil.alerting.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule's settings for one notification channel (seed 003's {@code email}, {@code sms},
 * {@code webhook} and {@code inApp} blocks, and the same for Discord and Slack).
 *
 * @param enabled      whether this channel is used
 * @param recipients   email addresses, phone numbers or in-app users (empty in-app: all admins)
 * @param cc           email carbon copies
 * @param template     template id overriding the channel default, or {@code null}
 * @param sendResolved whether resolved notifications go to this channel; {@code null} follows the rule
 * @param url          webhook URL (webhook, Discord, Slack), or {@code null} for the configured default
 * @param httpMethod   {@code POST} or {@code PUT} for webhooks
 * @param headers      extra HTTP headers for webhooks
 * @param secret       HMAC signing secret for webhooks, or {@code null}; never empty
 *
 * <p>Settings hold credentials besides the signing secret: header values such as
 * {@code Authorization}, and the URL of a Discord or Slack webhook, whose path is the token.
 * {@link #redacted(String)} hides all of them behind {@value Secret#REDACTED} so that the settings
 * can be shown or exported, and {@link #restoredFrom(ChannelSettings, String)} puts the stored
 * values back when such a redacted copy is sent back for an update.
 */
public record ChannelSettings(boolean enabled, List<String> recipients, List<String> cc, String template,
                              Boolean sendResolved, String url, String httpMethod, Map<String, String> headers,
                              Secret secret) {

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

    private static final Pattern CREDENTIAL_HEADER =
            Pattern.compile("(?i).*(authorization|token|secret|key|cookie|password|signature|credential).*");

    /** Chat webhooks carry their credential in the URL path. */
    private static final Set<String> TOKEN_IN_URL = Set.of("discord", "slack");

    private static final ChannelSettings DEFAULT = new ChannelSettings(true, List.of(), List.of(), null, null,
            null, null, Map.of(), null);

    public ChannelSettings {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        cc = cc == null ? List.of() : List.copyOf(cc);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Problems p = new Problems();
        if (httpMethod != null && !httpMethod.equals("POST") && !httpMethod.equals("PUT")) {
            p.add(ErrorCode.INVALID_FIELD, "method", "webhook method must be POST or PUT, was '" + httpMethod + "'");
        }
        if (url != null && !isHttpUrl(url)) {
            p.add(ErrorCode.INVALID_FIELD, "url", "must be an absolute http or https URL");
        }
        checkHeaders(headers, p);
        if (secret != null && secret.reveal().isEmpty()) {
            p.add(ErrorCode.INVALID_FIELD, "secret", "must not be empty; leave it out to send unsigned requests");
        }
        p.throwIfAny();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Header names must be HTTP tokens and values must not break the header line: a CR or LF in
     * either would let a rule author inject headers or a body into the webhook request.
     * Messages never echo header values, which often carry credentials.
     */
    private static void checkHeaders(Map<String, String> headers, Problems p) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!HEADER_NAME.matcher(h.getKey()).matches()) {
                p.add(ErrorCode.INVALID_FIELD, "headers", "'" + h.getKey() + "' is not a valid HTTP header name");
            } else if (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0 || h.getValue().indexOf('\0') >= 0) {
                p.add(ErrorCode.INVALID_FIELD, "headers." + h.getKey(), "a header value must not contain line breaks");
            }
        }
    }

    /** Enabled, no recipients, everything else from the channel's configured defaults. */
    public static ChannelSettings defaults() {
        return DEFAULT;
    }

    public static ChannelSettings to(String... recipients) {
        return DEFAULT.withRecipients(List.of(recipients));
    }

    public static ChannelSettings webhook(String url) {
        return new ChannelSettings(true, List.of(), List.of(), null, null, Objects.requireNonNull(url, "url"),
                "POST", Map.of(), null);
    }

    public ChannelSettings withRecipients(List<String> newRecipients) {
        return new ChannelSettings(enabled, newRecipients, cc, template, sendResolved, url, httpMethod, headers, secret);
    }

    public ChannelSettings withSecret(Secret newSecret) {
        return new ChannelSettings(enabled, recipients, cc, template, sendResolved, url, httpMethod, headers, newSecret);
    }

    public ChannelSettings withEnabled(boolean newEnabled) {
        return new ChannelSettings(newEnabled, recipients, cc, template, sendResolved, url, httpMethod, headers, secret);
    }

    /** Whether a header of this name carries a credential ({@code Authorization}, {@code X-Api-Key}, ...), so its value is redacted. */
    public static boolean isCredentialHeader(String name) {
        return CREDENTIAL_HEADER.matcher(name).matches();
    }

    /** Whether the webhook URL of {@code channel} is itself a credential (Discord and Slack: the path is the token). */
    public static boolean urlIsCredential(String channel) {
        return TOKEN_IN_URL.contains(channel);
    }

    /**
     * The URL as it may be shown: for Discord and Slack only scheme and authority stay
     * ({@code https://discord.com/******}); other channels' URLs (and {@code null}) as they are.
     */
    public static String redactedUrl(String url, String channel) {
        if (url == null || !urlIsCredential(channel)) {
            return url;
        }
        URI uri = URI.create(url); // valid: the constructor checked every URL it accepted
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + Secret.REDACTED;
    }

    /**
     * A copy of these settings for {@code channel} that can be shown or exported: the secret, the
     * values of credential-like headers and a chat webhook's URL token are replaced by
     * {@value Secret#REDACTED}.
     */
    public ChannelSettings redacted(String channel) {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((name, value) -> shown.put(name, isCredentialHeader(name) ? Secret.REDACTED : value));
        return new ChannelSettings(enabled, recipients, cc, template, sendResolved, redactedUrl(url, channel),
                httpMethod, shown, secret == null ? null : Secret.of(Secret.REDACTED));
    }

    /**
     * These settings with the placeholders of {@link #redacted(String)} replaced by what
     * {@code stored} holds: a {@value Secret#REDACTED} secret takes the stored secret, a URL equal to
     * the redacted form of the stored URL takes the stored URL, and a header valued
     * {@value Secret#REDACTED} takes the stored value of that header. A placeholder with nothing
     * stored to take stays as it is ({@link #placeholders(String)} finds it).
     */
    public ChannelSettings restoredFrom(ChannelSettings stored, String channel) {
        Objects.requireNonNull(stored, "stored");
        Secret keptSecret = secret != null && secret.reveal().equals(Secret.REDACTED) && stored.secret != null
                ? stored.secret : secret;
        String keptUrl = url != null && stored.url != null && url.equals(redactedUrl(stored.url, channel))
                ? stored.url : url;
        Map<String, String> keptHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> keptHeaders.put(name,
                value.equals(Secret.REDACTED) && stored.headers.containsKey(name) ? stored.headers.get(name) : value));
        return new ChannelSettings(enabled, recipients, cc, template, sendResolved, keptUrl, httpMethod, keptHeaders,
                keptSecret);
    }

    /**
     * The fields of these settings (for {@code channel}) that still hold a redaction placeholder
     * where a credential belongs: {@code secret}, {@code url} (a chat webhook URL whose token is
     * {@value Secret#REDACTED}) and {@code headers.<name>} for credential-like headers. Such settings
     * were copied from a redacted export and would deliver with a wrong credential.
     */
    public List<String> placeholders(String channel) {
        List<String> found = new ArrayList<>();
        if (secret != null && secret.reveal().equals(Secret.REDACTED)) {
            found.add("secret");
        }
        if (url != null && urlIsCredential(channel) && url.equals(redactedUrl(url, channel))) {
            found.add("url");
        }
        headers.forEach((name, value) -> {
            if (value.equals(Secret.REDACTED) && isCredentialHeader(name)) {
                found.add("headers." + name);
            }
        });
        return List.copyOf(found);
    }
}
