package io.vigil.notifiers;

import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.internal.Settings;
import io.vigil.notifiers.template.TemplateRegistry;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@link NotifierContext} Vigil's own channels are built with. Besides what the SPI offers
 * it holds what the built-in channels share: the {@link TemplateRegistry} and one
 * {@link OkHttpClient} (one connection pool and one set of threads for Discord, Slack, webhooks
 * and SMS), which {@link #close()} shuts down.
 *
 * <p>Settings are env-style keys ({@code SMTP_SERVER}, {@code DISCORD_WEBHOOK_URL}, ...; the
 * module README lists them). The global configuration is read from the store at each call unless
 * one was given, so a configuration saved over the REST API applies to channels created later.
 *
 * <pre>{@code
 * try (NotifierEnvironment env = NotifierEnvironment.builder()
 *         .settings(System::getenv).store(store).build()) {
 *     ...
 * }
 * }</pre>
 */
public final class NotifierEnvironment implements NotifierContext, AutoCloseable {
    /** HTTP timeouts (settings {@code HTTP_CONNECT_TIMEOUT}, {@code HTTP_READ_TIMEOUT}, {@code HTTP_CALL_TIMEOUT}). */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final NotificationConfig config;
    private final Clock clock;
    private final Function<String, String> settings;
    private final AlertStore store;
    private final TemplateRegistry templates;
    private final Object lock = new Object();
    private OkHttpClient httpClient;
    private boolean closed;

    private NotifierEnvironment(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.settings = b.settings;
        this.store = b.store;
        this.templates = b.templates;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NotificationConfig config() {
        if (config != null) {
            return config;
        }
        return store == null ? NotificationConfig.defaults()
                : store.notificationConfig().orElseGet(NotificationConfig::defaults);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.apply(key));
    }

    @Override
    public Optional<AlertStore> store() {
        return Optional.ofNullable(store);
    }

    /** The templates every built-in channel renders with. */
    public TemplateRegistry templates() {
        return templates;
    }

    /**
     * The shared HTTP client, built on first use with the configured timeouts. Borrowers must not
     * shut it down; {@link #close()} does.
     */
    public OkHttpClient httpClient() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("this notifier environment is closed");
            }
            if (httpClient == null) {
                httpClient = newHttpClient(this);
            }
            return httpClient;
        }
    }

    /**
     * A client with the timeouts from {@code context}'s settings. Redirects are not followed: a
     * webhook that answers with a redirect is misconfigured, and following it would send a signed
     * body to a host nobody configured.
     */
    public static OkHttpClient newHttpClient(NotifierContext context) {
        Settings s = new Settings(context);
        return new OkHttpClient.Builder()
                .connectTimeout(s.duration("HTTP_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT))
                .readTimeout(s.duration("HTTP_READ_TIMEOUT", DEFAULT_READ_TIMEOUT))
                .writeTimeout(s.duration("HTTP_READ_TIMEOUT", DEFAULT_READ_TIMEOUT))
                .callTimeout(s.duration("HTTP_CALL_TIMEOUT", DEFAULT_CALL_TIMEOUT))
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false) // retries are the delivery pipeline's decision
                .connectionPool(new ConnectionPool(5, 1, TimeUnit.MINUTES))
                .build();
    }

    /** Shuts down an HTTP client's threads and connections. */
    public static void shutdown(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        if (client.cache() != null) {
            try {
                client.cache().close();
            } catch (IOException ignored) {
                // nothing to keep: the cache only holds responses
            }
        }
    }

    @Override
    public void close() {
        OkHttpClient toClose;
        synchronized (lock) {
            closed = true;
            toClose = httpClient;
            httpClient = null;
        }
        if (toClose != null) {
            shutdown(toClose);
        }
    }

    public static final class Builder {
        private NotificationConfig config;
        private Clock clock = Clock.systemUTC();
        private Function<String, String> settings = key -> null;
        private AlertStore store;
        private TemplateRegistry templates;

        private Builder() {
        }

        /** A fixed configuration; without one it is read from the store (or defaults). */
        public Builder config(NotificationConfig config) {
            this.config = config;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where settings come from, e.g. {@code System::getenv}. */
        public Builder settings(Function<String, String> settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder settings(Map<String, String> settings) {
            Map<String, String> copy = Map.copyOf(settings);
            this.settings = copy::get;
            return this;
        }

        public Builder store(AlertStore store) {
            this.store = store;
            return this;
        }

        public Builder templates(TemplateRegistry templates) {
            this.templates = templates;
            return this;
        }

        public NotifierEnvironment build() {
            if (templates == null) {
                templates = TemplateRegistry.withDefaults();
            }
            return new NotifierEnvironment(this);
        }
    }
}
