package io.vigil.alerting.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * @param secret       HMAC signing secret for webhooks, or {@code null}
 */
public record ChannelSettings(boolean enabled, List<String> recipients, List<String> cc, String template,
                              Boolean sendResolved, String url, String httpMethod, Map<String, String> headers,
                              Secret secret) {

    private static final ChannelSettings DEFAULT = new ChannelSettings(true, List.of(), List.of(), null, null,
            null, null, Map.of(), null);

    public ChannelSettings {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        cc = cc == null ? List.of() : List.copyOf(cc);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (httpMethod != null && !httpMethod.equals("POST") && !httpMethod.equals("PUT")) {
            throw AlertingException.invalid(List.of(new ValidationError(ErrorCode.INVALID_FIELD, "method",
                    "webhook method must be POST or PUT, was '" + httpMethod + "'")));
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
