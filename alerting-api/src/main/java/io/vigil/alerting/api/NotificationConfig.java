package io.vigil.alerting.api;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Global notification settings (seed 003 {@code NotificationConfig}): the SMTP server, the SMS
 * provider, default templates per channel and the delivery policy.
 *
 * @param email            SMTP settings, or {@code null} when email is not configured
 * @param sms              SMS provider settings, or {@code null}
 * @param defaultTemplates template id per channel
 * @param policy           retries, quiet hours and minimum interval
 */
public record NotificationConfig(Smtp email, Sms sms, Map<String, String> defaultTemplates, DeliveryPolicy policy) {

    public NotificationConfig {
        defaultTemplates = defaultTemplates == null ? Map.of() : Map.copyOf(defaultTemplates);
        policy = policy == null ? DeliveryPolicy.defaults() : policy;
    }

    public static NotificationConfig defaults() {
        return new NotificationConfig(null, null, Map.of(), DeliveryPolicy.defaults());
    }

    /** A copy with every secret replaced by {@link Secret#REDACTED}, for display. */
    public NotificationConfig redacted() {
        Smtp e = email == null ? null : email.redacted();
        Sms s = sms == null ? null : sms.redacted();
        return new NotificationConfig(e, s, defaultTemplates, policy);
    }

    /** How the SMTP connection is secured. */
    public enum SmtpSecurity {
        /** Plain SMTP (tests and local relays only). */
        NONE,
        /** Upgrade with STARTTLS (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS
    }

    /**
     * SMTP server settings (seed 003 {@code email.smtp}; seed 000 {@code SMTP_*} variables).
     *
     * @param enabled  whether email is sent
     * @param host     server host
     * @param port     server port
     * @param security how the connection is secured
     * @param username login, or {@code null} for no authentication
     * @param password password, or {@code null}
     * @param from     sender address
     * @param fromName sender display name, or {@code null}
     */
    public record Smtp(boolean enabled, String host, int port, SmtpSecurity security, String username,
                       Secret password, String from, String fromName) {
        public Smtp {
            Problems p = new Problems();
            if (enabled) {
                p.requireText(host, "email.smtp.host");
                p.requireText(from, "email.from");
            }
            if (port < 1 || port > 65535) {
                p.add(ErrorCode.INVALID_FIELD, "email.smtp.port", "must be 1 to 65535, was " + port);
            }
            if (security == null) {
                p.add(ErrorCode.MISSING_FIELD, "email.smtp.secure", "one of none, starttls, tls");
            }
            p.throwIfAny();
        }

        Smtp redacted() {
            return new Smtp(enabled, host, port, security, username, password == null ? null : Secret.of(Secret.REDACTED),
                    from, fromName);
        }
    }

    /**
     * SMS provider settings (seed 003 {@code sms}).
     *
     * @param enabled     whether SMS is sent
     * @param provider    provider name ({@code http} for the generic HTTP provider)
     * @param apiKey      API key, or {@code null}
     * @param apiSecret   API secret, or {@code null}
     * @param signature   sender signature, or {@code null}
     * @param urlTemplate for the generic HTTP provider: URL with {@code {to}} and {@code {message}}, or {@code null}
     */
    public record Sms(boolean enabled, String provider, Secret apiKey, Secret apiSecret, String signature,
                      String urlTemplate) {
        public Sms {
            if (enabled && (provider == null || provider.isBlank())) {
                throw AlertingException.invalid(List.of(new ValidationError(ErrorCode.MISSING_FIELD, "sms.provider",
                        "an enabled SMS configuration needs a provider")));
            }
        }

        Sms redacted() {
            return new Sms(enabled, provider, apiKey == null ? null : Secret.of(Secret.REDACTED),
                    apiSecret == null ? null : Secret.of(Secret.REDACTED), signature, urlTemplate);
        }
    }

    /**
     * Quiet hours (seed 003 {@code quietHours}): non-critical notifications are held and delivered
     * as one digest per channel when the window ends. The window may wrap midnight (23:00-07:00).
     */
    public record QuietHours(boolean enabled, LocalTime start, LocalTime end, ZoneId zone, boolean criticalBypasses) {
        public QuietHours {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            zone = zone == null ? ZoneId.of("UTC") : zone;
        }

        /** Whether {@code time} (in the window's zone) is inside the quiet window. */
        public boolean contains(LocalTime time) {
            if (!enabled || start.equals(end)) {
                return false;
            }
            if (start.isBefore(end)) {
                return !time.isBefore(start) && time.isBefore(end);
            }
            return !time.isBefore(start) || time.isBefore(end);
        }
    }

    /**
     * Delivery policy (seed 003 {@code globalPolicy}, plus seed 003's 15-minute minimum interval).
     *
     * @param maxRetry      retries after the first attempt
     * @param retryInterval base delay before the first retry; later ones back off exponentially
     * @param maxRetryTime  total time after which a notification stops being retried
     * @param minInterval   the same alert is not notified more often than this
     * @param quietHours    quiet hours, or {@code null}
     */
    public record DeliveryPolicy(int maxRetry, Duration retryInterval, Duration maxRetryTime, Duration minInterval,
                                 QuietHours quietHours) {
        public DeliveryPolicy {
            Problems p = new Problems();
            if (maxRetry < 0 || maxRetry > 100) {
                p.add(ErrorCode.INVALID_FIELD, "globalPolicy.maxRetry", "must be 0 to 100, was " + maxRetry);
            }
            requirePresentNonNegative(retryInterval, "globalPolicy.retryInterval", p);
            requirePresentNonNegative(maxRetryTime, "globalPolicy.maxRetryTime", p);
            requirePresentNonNegative(minInterval, "globalPolicy.minInterval", p);
            p.throwIfAny();
        }

        private static void requirePresentNonNegative(Duration d, String path, Problems p) {
            if (d == null) {
                p.add(ErrorCode.INVALID_DURATION, path, "must not be empty");
            } else {
                p.requireNonNegative(d, path);
            }
        }

        /** 3 retries from 60 s, at most 1 h of retrying, 15 minutes between notifications of one alert. */
        public static DeliveryPolicy defaults() {
            return new DeliveryPolicy(3, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(15), null);
        }
    }
}
