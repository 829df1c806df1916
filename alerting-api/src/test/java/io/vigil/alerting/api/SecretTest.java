package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretTest {

    @Test
    void toStringNeverRevealsTheValue() {
        Secret s = Secret.of("hunter2");
        assertThat(s.toString()).isEqualTo(Secret.REDACTED).doesNotContain("hunter2");
        assertThat(String.valueOf(s)).doesNotContain("hunter2");
        assertThat(List.of(s).toString()).doesNotContain("hunter2");
        assertThat(Map.of("k", s).toString()).doesNotContain("hunter2");
    }

    @Test
    void recordsHoldingSecretsDoNotRevealThemEither() {
        ChannelSettings webhook = ChannelSettings.webhook("https://example.com/hook").withSecret(Secret.of("hunter2"));
        assertThat(webhook.toString()).doesNotContain("hunter2").contains(Secret.REDACTED);
        NotificationConfig.Smtp smtp = new NotificationConfig.Smtp(true, "smtp.example.com", 587,
                NotificationConfig.SmtpSecurity.STARTTLS, "me", Secret.of("hunter2"), "a@example.com", null);
        assertThat(smtp.toString()).doesNotContain("hunter2");
    }

    @Test
    void revealAndMatches() {
        Secret s = Secret.of("hunter2");
        assertThat(s.reveal()).isEqualTo("hunter2");
        assertThat(s.matches("hunter2")).isTrue();
        assertThat(s.matches("hunter3")).isFalse();
        assertThat(s.matches("hunter")).isFalse();
        assertThat(s.matches(null)).isFalse();
    }

    @Test
    void equalityByValue() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).hasSameHashCodeAs(Secret.of("a")).isNotEqualTo(Secret.of("b"));
        assertThat(Secret.of("a")).isNotEqualTo("a");
    }

    @Test
    void ofNullableTreatsEmptyAsAbsent() {
        assertThat(Secret.ofNullable(null)).isNull();
        assertThat(Secret.ofNullable("")).isNull();
        assertThat(Secret.ofNullable("x").reveal()).isEqualTo("x");
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
    }
}
