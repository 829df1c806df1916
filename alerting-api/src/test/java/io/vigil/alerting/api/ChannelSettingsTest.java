package io.vigil.alerting.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vigil.alerting.api.ValidationAssertions.codesAndPaths;
import static io.vigil.alerting.api.ValidationAssertions.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

class ChannelSettingsTest {

    private static ChannelSettings webhook(String url, String method, Map<String, String> headers, Secret secret) {
        return new ChannelSettings(true, List.of(), List.of(), null, null, url, method, headers, secret);
    }

    @Test
    void webhookFactoryDefaultsToPost() {
        ChannelSettings w = ChannelSettings.webhook("https://hooks.slack.com/services/xxx");
        assertThat(w.httpMethod()).isEqualTo("POST");
        assertThat(w.enabled()).isTrue();
        assertThat(webhook("http://127.0.0.1:8080/h", "PUT", Map.of(), null).httpMethod()).isEqualTo("PUT");
    }

    @Test
    void badWebhookMethodIsRejected() {
        assertThat(codesAndPaths(() -> webhook("https://e.com/h", "GET", null, null))).containsExactly("INVALID_FIELD@method");
        assertThat(codesAndPaths(() -> webhook("https://e.com/h", "post", null, null))).containsExactly("INVALID_FIELD@method");
    }

    @Test
    void urlMustBeAbsoluteHttp() {
        for (String bad : List.of("hooks.example.com/x", "ftp://example.com/x", "http://", "not a url", "file:///etc/passwd")) {
            assertThat(codesAndPaths(() -> webhook(bad, "POST", null, null))).as(bad).containsExactly("INVALID_FIELD@url");
        }
        assertThat(webhook("HTTPS://Example.com:8443/a?b=c", null, null, null).url()).isEqualTo("HTTPS://Example.com:8443/a?b=c");
    }

    @Test
    void headersCannotInjectLinesAndErrorsDoNotEchoValues() {
        assertThat(codesAndPaths(() -> webhook("https://e.com/h", "POST", Map.of("Bad Name", "v"), null)))
                .containsExactly("INVALID_FIELD@headers");
        List<ValidationError> errors = errorsOf(() -> webhook("https://e.com/h", "POST",
                Map.of("Authorization", "Bearer tok3n\r\nX-Evil: 1"), null));
        assertThat(errors).extracting(e -> e.code() + "@" + e.path()).containsExactly("INVALID_FIELD@headers.Authorization");
        assertThat(errors.get(0).message()).doesNotContain("tok3n");
        assertThat(webhook("https://e.com/h", "POST", Map.of("Content-Type", "application/json"), null).headers())
                .containsEntry("Content-Type", "application/json");
    }

    @Test
    void anEmptySecretIsRejectedSoUnsignedIsExplicit() {
        assertThat(codesAndPaths(() -> webhook("https://e.com/h", "POST", null, Secret.of(""))))
                .containsExactly("INVALID_FIELD@secret");
    }

    @Test
    void everyProblemAtOnce() {
        assertThat(codesAndPaths(() -> webhook("nope", "GET", Map.of("a b", "c"), Secret.of(""))))
                .containsExactly("INVALID_FIELD@method", "INVALID_FIELD@url", "INVALID_FIELD@headers", "INVALID_FIELD@secret");
    }

    @Test
    void withersAndCopies() {
        ChannelSettings s = ChannelSettings.to("a@example.com", "b@example.com");
        assertThat(s.recipients()).containsExactly("a@example.com", "b@example.com");
        assertThat(s.withEnabled(false).enabled()).isFalse();
        assertThat(s.withRecipients(List.of("c@example.com")).recipients()).containsExactly("c@example.com");
        assertThat(s.withSecret(Secret.of("k")).secret()).isEqualTo(Secret.of("k"));
        ChannelSettings nulls = new ChannelSettings(true, null, null, null, null, null, null, null, null);
        assertThat(nulls.recipients()).isEmpty();
        assertThat(nulls.cc()).isEmpty();
        assertThat(nulls.headers()).isEmpty();
        assertThat(nulls).isEqualTo(ChannelSettings.defaults());
    }
}
