package io.vigil.notifiers;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.store.InMemoryAlertStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NotifiersTest {
    private final ManualClock clock = ManualClock.at("2026-02-03T12:31:00Z");

    @Test
    void serviceLoaderFindsEveryBuiltInChannelWhenConfigured() {
        try (NotifierEnvironment env = TestContext.env(clock, Map.of("SMTP_SERVER", "127.0.0.1",
                "SMTP_FROM", "a@b.c", "SMS_PROVIDER", "http", "SMS_URL_TEMPLATE", "https://sms.example/s?to={to}&m={message}"),
                null, new InMemoryAlertStore())) {
            List<Notifier> notifiers = Notifiers.load(env);
            try {
                assertThat(notifiers).extracting(Notifier::channel).containsExactlyInAnyOrder(Channels.EMAIL,
                        Channels.DISCORD, Channels.SLACK, Channels.WEBHOOK, Channels.SMS, Channels.IN_APP);
            } finally {
                notifiers.forEach(Notifier::close);
            }
        }
    }

    @Test
    void unconfiguredChannelsAreSkipped() {
        try (NotifierEnvironment env = TestContext.env(clock, Map.of())) {
            List<Notifier> notifiers = Notifiers.load(env);
            assertThat(notifiers).extracting(Notifier::channel)
                    .containsExactlyInAnyOrder(Channels.DISCORD, Channels.SLACK, Channels.WEBHOOK);
            notifiers.forEach(Notifier::close);
        }
    }

    @Test
    void theHttpChannelsShareOneClientThatTheEnvironmentCloses() {
        NotifierEnvironment env = TestContext.env(clock, Map.of());
        var client = env.httpClient();
        assertThat(env.httpClient()).isSameAs(client);
        List<Notifier> notifiers = Notifiers.load(env);
        notifiers.forEach(Notifier::close);
        assertThat(client.dispatcher().executorService().isShutdown()).isFalse(); // borrowed, not theirs to close
        env.close();
        assertThat(client.dispatcher().executorService().isShutdown()).isTrue();
    }
}
