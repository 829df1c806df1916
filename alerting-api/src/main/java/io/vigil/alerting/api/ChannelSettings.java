package io.vigil.alerting.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 */
public record ChannelSettings(boolean enabled, List<String> recipients, List<String> cc, String template,
                              Boolean sendResolved, String url, String httpMethod, Map<String, String> headers,
                              Secret secret) {

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

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
}
