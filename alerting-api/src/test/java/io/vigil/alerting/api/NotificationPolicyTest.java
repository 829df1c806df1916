package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vigil.alerting.api.ValidationAssertions.codesAndPaths;
import static io.vigil.alerting.api.ValidationAssertions.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

class NotificationPolicyTest {

    @Test
    void noneHasNoChannels() {
        assertThat(NotificationPolicy.none().channels()).isEmpty();
        assertThat(NotificationPolicy.none().activeChannels()).isEmpty();
        assertThat(NotificationPolicy.none().sendResolved()).isTrue();
        assertThat(NotificationPolicy.to("email", "discord").channels()).containsExactly("email", "discord");
    }

    @Test
    void settingsForAnUnconfiguredChannelAreTheDefaults() {
        NotificationPolicy p = NotificationPolicy.to("email");
        assertThat(p.settingsFor("email")).isEqualTo(ChannelSettings.defaults());
        assertThat(ChannelSettings.defaults().enabled()).isTrue();
    }

    @Test
    void activeChannelsSkipDisabledOnesAndKeepOrder() {
        NotificationPolicy p = NotificationPolicy.builder()
                .channel("sms", ChannelSettings.to("+8613800000000").withEnabled(false))
                .channel("email", ChannelSettings.to("ops@example.com"))
                .channels(List.of("webhook", "sms", "email"))
                .build();
        assertThat(p.activeChannels()).containsExactly("webhook", "email");
    }

    @Test
    void settingsWithoutListingKeepsABlockForLater() {
        NotificationPolicy p = NotificationPolicy.builder().channels("email")
                .settings("sms", ChannelSettings.to("+1").withEnabled(false)).build();
        assertThat(p.channels()).containsExactly("email");
        assertThat(p.settings()).containsKey("sms");
    }

    @Test
    void sendResolvedPerChannelOverridesThePolicy() {
        ChannelSettings quiet = new ChannelSettings(true, List.of(), List.of(), null, false, null, null, null, null);
        NotificationPolicy p = NotificationPolicy.builder().channel("email", quiet).channels("email", "slack").build();
        assertThat(p.sendsResolvedTo("email")).isFalse();
        assertThat(p.sendsResolvedTo("slack")).isTrue();
        NotificationPolicy off = p.toBuilder().sendResolved(false).build();
        assertThat(off.sendsResolvedTo("slack")).isFalse();
    }

    @Test
    void everyPolicyProblemIsReported() {
        List<String> problems = codesAndPaths(() -> NotificationPolicy.builder()
                .channels("email", "bad name", "email")
                .settings("also bad", ChannelSettings.defaults())
                .escalation(List.of(EscalationLevel.after(Duration.ofMinutes(30)), EscalationLevel.after(Duration.ofMinutes(30)),
                        new EscalationLevel(Duration.ofMinutes(60), List.of("sms", "no!"), List.of())))
                .fallbackChannel("!")
                .remindEvery(Duration.ZERO)
                .build());
        assertThat(problems).containsExactly(
                "INVALID_FIELD@channels[1]",
                "INVALID_FIELD@channels",
                "INVALID_FIELD@settings",
                "INVALID_DURATION@escalation.levels[1].delay",
                "INVALID_FIELD@escalation.levels[2].channels[1]",
                "INVALID_FIELD@fallbackChannel",
                "INVALID_DURATION@reminderInterval");
    }

    @Test
    void escalationDelaysMustIncrease() {
        List<ValidationError> errors = errorsOf(() -> NotificationPolicy.builder()
                .escalateAfter(Duration.ofMinutes(60))
                .escalateAfter(Duration.ofMinutes(30))
                .build());
        assertThat(errors).extracting(ValidationError::path).containsExactly("escalation.levels[1].delay");
        assertThat(errors.get(0).message()).contains("increase");
        NotificationPolicy ok = NotificationPolicy.builder().escalateAfter(Duration.ofMinutes(30), "sms")
                .escalateAfter(Duration.ofMinutes(60), "email").build();
        assertThat(ok.escalationEnabled()).isTrue();
        assertThat(ok.escalation()).extracting(EscalationLevel::delay)
                .containsExactly(Duration.ofMinutes(30), Duration.ofMinutes(60));
    }

    @Test
    void reminderIntervalMustBePositiveAndBounded() {
        assertThat(codesAndPaths(() -> NotificationPolicy.builder().remindEvery(Duration.ofMinutes(-1)).build()))
                .containsExactly("INVALID_DURATION@reminderInterval");
        assertThat(codesAndPaths(() -> NotificationPolicy.builder().remindEvery(AlertRule.MAX_DURATION.plusDays(1)).build()))
                .containsExactly("INVALID_DURATION@reminderInterval");
        assertThat(NotificationPolicy.builder().remindEvery(Duration.ofHours(4)).build().reminderInterval())
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void redactedReplacesOnlySecrets() {
        NotificationPolicy p = NotificationPolicy.builder()
                .channel("webhook", ChannelSettings.webhook("https://example.com/h").withSecret(Secret.of("k")))
                .channel("email", ChannelSettings.to("a@example.com"))
                .build();
        NotificationPolicy r = p.redacted();
        assertThat(r.settingsFor("webhook").secret().reveal()).isEqualTo(Secret.REDACTED);
        assertThat(r.settingsFor("webhook").url()).isEqualTo("https://example.com/h");
        assertThat(r.settingsFor("email")).isEqualTo(p.settingsFor("email"));
        assertThat(r.channels()).isEqualTo(p.channels());
    }

    @Test
    void redactedHidesChatUrlsAndCredentialHeaders() {
        NotificationPolicy p = NotificationPolicy.builder()
                .channel("discord", ChannelSettings.webhook("https://discord.com/api/webhooks/1/tok"))
                .channel("webhook", new ChannelSettings(true, List.of(), List.of(), null, null, "https://example.com/h",
                        "POST", Map.of("Authorization", "Bearer x", "X-Team", "ops"), null))
                .build();
        NotificationPolicy r = p.redacted();
        assertThat(r.settingsFor("discord").url()).isEqualTo("https://discord.com/******");
        assertThat(r.settingsFor("webhook").headers())
                .containsEntry("Authorization", Secret.REDACTED).containsEntry("X-Team", "ops");
    }

    @Test
    void toBuilderRoundTrips() {
        NotificationPolicy p = NotificationPolicy.builder()
                .channel("email", ChannelSettings.to("a@example.com"))
                .escalateAfter(Duration.ofMinutes(5))
                .sendResolved(false).fallbackChannel("slack").remindEvery(Duration.ofHours(1))
                .template("email", "t1").build();
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThat(p.templates()).containsExactly(Map.entry("email", "t1"));
    }

    @Test
    void escalationLevelNeedsAPositiveBoundedDelay() {
        assertThat(codesAndPaths(() -> EscalationLevel.after(Duration.ZERO))).containsExactly("INVALID_DURATION@delay");
        assertThat(codesAndPaths(() -> EscalationLevel.after(Duration.ofMinutes(-5)))).containsExactly("INVALID_DURATION@delay");
        assertThat(codesAndPaths(() -> new EscalationLevel(null, null, null))).containsExactly("INVALID_DURATION@delay");
        assertThat(codesAndPaths(() -> EscalationLevel.after(Duration.ofDays(4000)))).containsExactly("INVALID_DURATION@delay");
        EscalationLevel l = new EscalationLevel(Duration.ofMinutes(30), null, null);
        assertThat(l.channels()).isEmpty();
        assertThat(l.recipients()).isEmpty();
    }
}
