package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static io.vigil.alerting.api.ValidationAssertions.codesAndPaths;
import static org.assertj.core.api.Assertions.assertThat;

class NotificationConfigTest {

    private static NotificationConfig.QuietHours quiet(String start, String end) {
        return new NotificationConfig.QuietHours(true, LocalTime.parse(start), LocalTime.parse(end), null, true);
    }

    @Test
    void quietHoursWrappingMidnight() {
        NotificationConfig.QuietHours q = quiet("23:00", "07:00"); // seed 003's example
        assertThat(q.contains(LocalTime.parse("23:00"))).isTrue();
        assertThat(q.contains(LocalTime.parse("23:59:59"))).isTrue();
        assertThat(q.contains(LocalTime.MIDNIGHT)).isTrue();
        assertThat(q.contains(LocalTime.parse("06:59:59"))).isTrue();
        assertThat(q.contains(LocalTime.parse("07:00"))).isFalse();
        assertThat(q.contains(LocalTime.NOON)).isFalse();
        assertThat(q.contains(LocalTime.parse("22:59:59"))).isFalse();
        assertThat(q.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void quietHoursWithinOneDay() {
        NotificationConfig.QuietHours q = quiet("12:00", "13:30");
        assertThat(q.contains(LocalTime.parse("11:59"))).isFalse();
        assertThat(q.contains(LocalTime.parse("12:00"))).isTrue();
        assertThat(q.contains(LocalTime.parse("13:29:59"))).isTrue();
        assertThat(q.contains(LocalTime.parse("13:30"))).isFalse();
    }

    @Test
    void disabledOrEmptyQuietHoursNeverHold() {
        NotificationConfig.QuietHours off = new NotificationConfig.QuietHours(false, LocalTime.parse("00:00"),
                LocalTime.parse("23:59"), ZoneId.of("Asia/Shanghai"), false);
        assertThat(off.contains(LocalTime.NOON)).isFalse();
        assertThat(quiet("08:00", "08:00").contains(LocalTime.parse("08:00"))).isFalse();
    }

    @Test
    void deliveryPolicyDefaultsAndChecks() {
        NotificationConfig.DeliveryPolicy d = NotificationConfig.DeliveryPolicy.defaults();
        assertThat(d.maxRetry()).isEqualTo(3);
        assertThat(d.retryInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.minInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(codesAndPaths(() -> new NotificationConfig.DeliveryPolicy(-1, Duration.ofSeconds(-1), null,
                AlertRule.MAX_DURATION.plusDays(1), null))).containsExactly(
                "INVALID_FIELD@globalPolicy.maxRetry",
                "INVALID_DURATION@globalPolicy.retryInterval",
                "INVALID_DURATION@globalPolicy.maxRetryTime",
                "INVALID_DURATION@globalPolicy.minInterval");
        assertThat(codesAndPaths(() -> new NotificationConfig.DeliveryPolicy(101, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, null))).containsExactly("INVALID_FIELD@globalPolicy.maxRetry");
    }

    @Test
    void smtpChecksOnlyWhatItNeeds() {
        assertThat(codesAndPaths(() -> new NotificationConfig.Smtp(true, " ", 0, null, null, null, null, null)))
                .containsExactly("MISSING_FIELD@email.smtp.host", "MISSING_FIELD@email.from",
                        "INVALID_FIELD@email.smtp.port", "MISSING_FIELD@email.smtp.secure");
        NotificationConfig.Smtp disabled = new NotificationConfig.Smtp(false, null, 587,
                NotificationConfig.SmtpSecurity.NONE, null, null, null, null);
        assertThat(disabled.enabled()).isFalse();
    }

    @Test
    void smsNeedsAProviderWhenEnabled() {
        assertThat(codesAndPaths(() -> new NotificationConfig.Sms(true, "", null, null, null, null)))
                .containsExactly("MISSING_FIELD@sms.provider");
        assertThat(new NotificationConfig.Sms(false, null, null, null, null, null).enabled()).isFalse();
    }

    @Test
    void redactedHidesEverySecret() {
        NotificationConfig c = new NotificationConfig(
                new NotificationConfig.Smtp(true, "smtp.example.com", 587, NotificationConfig.SmtpSecurity.STARTTLS,
                        "user", Secret.of("smtp-pass"), "alerts@example.com", "Vigil"),
                new NotificationConfig.Sms(true, "http", Secret.of("key"), Secret.of("sec"), "sig", null),
                Map.of("email", "alert_email_template"), null);
        NotificationConfig r = c.redacted();
        assertThat(r.email().password().reveal()).isEqualTo(Secret.REDACTED);
        assertThat(r.sms().apiKey().reveal()).isEqualTo(Secret.REDACTED);
        assertThat(r.sms().apiSecret().reveal()).isEqualTo(Secret.REDACTED);
        assertThat(r.email().host()).isEqualTo("smtp.example.com");
        assertThat(r.defaultTemplates()).isEqualTo(c.defaultTemplates());
        assertThat(r.policy()).isEqualTo(NotificationConfig.DeliveryPolicy.defaults());
        assertThat(NotificationConfig.defaults().redacted()).isEqualTo(NotificationConfig.defaults());
    }
}
