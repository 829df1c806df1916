package io.vigil.alerting.spi;

import io.vigil.alerting.api.NotificationConfig;

import java.time.Clock;
import java.util.Optional;

/** What a {@link NotifierProvider} may use to build its notifier. */
public interface NotifierContext {

    /** The global notification configuration (SMTP, SMS, templates, policy). */
    NotificationConfig config();

    /** The clock to use for timestamps. */
    Clock clock();

    /**
     * A configuration value by key, e.g. {@code DISCORD_WEBHOOK_URL} or {@code SMTP_SERVER}; the
     * host decides where values come from (environment, a config file, code).
     */
    Optional<String> setting(String key);

    /** The store, for channels that keep state there (the in-app inbox). */
    Optional<AlertStore> store();
}
