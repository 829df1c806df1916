package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelSettingsRedactionTest {

    private static ChannelSettings hook(String url, Map<String, String> headers, Secret secret) {
        return new ChannelSettings(true, List.of("ops"), List.of(), "t", null, url, "POST", headers, secret);
    }

    @Test
    void credentialHeaderNamesAreRecognisedWhateverTheirCase() {
        assertThat(List.of("Authorization", "x-api-key", "X-Auth-Token", "Cookie", "X-Hub-Signature",
                "proxy-password", "X-Client-Secret", "X-Credentials"))
                .allMatch(ChannelSettings::isCredentialHeader);
        assertThat(List.of("Content-Type", "X-Team", "Accept", "User-Agent"))
                .noneMatch(ChannelSettings::isCredentialHeader);
    }

    @Test
    void chatWebhookUrlsKeepOnlySchemeAndAuthority() {
        assertThat(ChannelSettings.redactedUrl("https://discord.com/api/webhooks/1/abc?wait=true", "discord"))
                .isEqualTo("https://discord.com/******");
        assertThat(ChannelSettings.redactedUrl("http://127.0.0.1:9000/services/T/B/x", "slack"))
                .isEqualTo("http://127.0.0.1:9000/******");
        assertThat(ChannelSettings.redactedUrl("https://example.com/hook/abc", "webhook"))
                .isEqualTo("https://example.com/hook/abc");
        assertThat(ChannelSettings.redactedUrl(null, "discord")).isNull();
    }

    @Test
    void redactedHidesEveryCredentialAndKeepsTheRest() {
        ChannelSettings s = hook("https://hooks.slack.com/services/T0/B0/tok",
                Map.of("Authorization", "Bearer abc", "X-Team", "ops"), Secret.of("sign"));
        ChannelSettings r = s.redacted("slack");
        assertThat(r.url()).isEqualTo("https://hooks.slack.com/******");
        assertThat(r.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("Authorization", Secret.REDACTED, "X-Team", "ops"));
        assertThat(r.secret().reveal()).isEqualTo(Secret.REDACTED);
        assertThat(r.recipients()).isEqualTo(s.recipients());
        assertThat(r.template()).isEqualTo("t");
        assertThat(r.toString()).doesNotContain("tok", "Bearer abc", "sign");

        ChannelSettings plain = hook("https://example.com/h", Map.of("X-Team", "ops"), null);
        assertThat(plain.redacted("webhook")).isEqualTo(plain);
    }

    @Test
    void restoredFromPutsTheStoredCredentialsBackForPlaceholders() {
        ChannelSettings stored = hook("https://discord.com/api/webhooks/1/abc",
                Map.of("Authorization", "Bearer abc", "X-Team", "ops"), Secret.of("sign"));
        ChannelSettings sentBack = stored.redacted("discord");
        assertThat(sentBack.placeholders("discord")).containsExactlyInAnyOrder("secret", "url", "headers.Authorization");
        ChannelSettings restored = sentBack.restoredFrom(stored, "discord");
        assertThat(restored).isEqualTo(stored);
        assertThat(restored.placeholders("discord")).isEmpty();
    }

    @Test
    void restoredFromKeepsNewValuesAndLeavesPlaceholdersWithNothingStored() {
        ChannelSettings stored = hook("https://discord.com/api/webhooks/1/abc", Map.of("Authorization", "Bearer abc"), null);
        ChannelSettings edited = hook("https://discord.com/api/webhooks/2/new",
                Map.of("Authorization", "Bearer new", "X-Api-Key", Secret.REDACTED), Secret.of(Secret.REDACTED));
        ChannelSettings restored = edited.restoredFrom(stored, "discord");
        assertThat(restored.url()).isEqualTo("https://discord.com/api/webhooks/2/new");
        assertThat(restored.headers()).containsEntry("Authorization", "Bearer new").containsEntry("X-Api-Key", Secret.REDACTED);
        assertThat(restored.placeholders("discord")).containsExactlyInAnyOrder("secret", "headers.X-Api-Key");

        // a redacted URL of another host is not the stored one: it stays, and is reported
        ChannelSettings otherHost = hook("https://evil.example/******", Map.of(), null).restoredFrom(stored, "discord");
        assertThat(otherHost.url()).isEqualTo("https://evil.example/******");
        assertThat(otherHost.placeholders("discord")).containsExactly("url");
    }

    @Test
    void placeholderTextOutsideCredentialsIsPlainText() {
        ChannelSettings s = hook("https://example.com/******", Map.of("X-Team", Secret.REDACTED), null);
        assertThat(s.placeholders("webhook")).isEmpty();
    }
}
