package io.vigil.examples.embedding;

import com.codahale.metrics.MetricRegistry;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.runtime.Actor;
import io.vigil.alerting.runtime.Alerting;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.store.InMemoryAlertStore;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.dropwizard.DropwizardCollector;
import io.vigil.collectors.system.SystemCollectorProvider;
import io.vigil.notifiers.NotificationDispatcher;
import io.vigil.notifiers.NotifierEnvironment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Vigil embedded in a service, in one class: rules written in code with the fluent builder, the
 * host's metrics from the system collector, the service's own Dropwizard {@link MetricRegistry}
 * bridged in, and an email + Discord policy.
 *
 * <pre>{@code
 * MetricRegistry registry = ...;                     // the service's own
 * try (EmbeddedAlerting alerting = EmbeddedAlerting.create(registry, System.getenv(), Clock.systemUTC(),
 *         "oncall@example.com")) {
 *     alerting.start();                               // collects, evaluates and notifies in the background
 *     ...
 * }
 * }</pre>
 *
 * <p>Channel settings are the notifiers' keys ({@code SMTP_SERVER}, {@code DISCORD_WEBHOOK_URL},
 * ...), here read from a map so that a test can point them at its own mail server and webhook.
 */
public final class EmbeddedAlerting implements AutoCloseable {
    private static final Actor SERVICE = new Actor("checkout-service", "Checkout service");

    private final AlertStore store;
    private final NotifierEnvironment environment;
    private final NotificationDispatcher dispatcher;
    private final Alerting alerting;

    private EmbeddedAlerting(AlertStore store, NotifierEnvironment environment, NotificationDispatcher dispatcher,
                             Alerting alerting) {
        this.store = store;
        this.environment = environment;
        this.dispatcher = dispatcher;
        this.alerting = alerting;
    }

    /**
     * Wires Vigil into the service and creates its rules.
     *
     * @param serviceMetrics the service's own registry, bridged every 10 s
     * @param settings       notifier settings ({@code SMTP_*}, {@code DISCORD_WEBHOOK_URL})
     * @param clock          the clock everything runs on (a manual one in tests)
     * @param onCall         who gets the emails
     */
    public static EmbeddedAlerting create(MetricRegistry serviceMetrics, Map<String, String> settings, Clock clock,
                                          String onCall) throws CollectorUnavailableException {
        AlertStore store = new InMemoryAlertStore();     // or JdbcAlertStore.sqlite(...) to survive restarts
        NotifierEnvironment environment = NotifierEnvironment.builder()
                .clock(clock).settings(settings).store(store).build();
        NotificationDispatcher dispatcher = NotificationDispatcher.builder(store).environment(environment).build();

        Alerting alerting = Alerting.builder()
                .clock(clock)
                .store(store)
                .notifications(dispatcher::submit)       // fired, resolved, escalated... go to the outbox
                .collector(new SystemCollectorProvider().create(CollectorContext.builder().clock(clock).build()))
                .collector(DropwizardCollector.builder(serviceMetrics)
                        .filter((name, metric) -> name.startsWith("checkout.") || name.startsWith("db."))
                        .build())
                .build();
        for (AlertRule rule : rules(onCall)) {
            alerting.rules().create(rule, SERVICE);
        }
        return new EmbeddedAlerting(store, environment, dispatcher, alerting);
    }

    /** The service's rules, in code. */
    public static List<AlertRule> rules(String onCall) {
        NotificationPolicy page = NotificationPolicy.builder()
                .channel(Channels.EMAIL, ChannelSettings.to(onCall))
                .channel(Channels.DISCORD, ChannelSettings.defaults())      // DISCORD_WEBHOOK_URL
                .build();
        return List.of(
                // p95 of the last 200 requests (the bridge names the timer's p95 checkout.requests_ms_p95)
                AlertRule.named("checkout_slow")
                        .describedAs("Checkout p95 latency above 800 ms for 2 minutes")
                        .when(Condition.last("checkout.requests_ms_p95").above(800).holdFor(Duration.ofMinutes(2)))
                        .severity(Severity.HIGH)
                        .notifications(page)
                        .build(),
                AlertRule.named("checkout_errors")
                        .describedAs("More than 5% of checkouts fail")
                        .when(Condition.last("checkout.error_rate").above(5).holdFor(Duration.ofMinutes(1)))
                        .severity(Severity.CRITICAL)
                        .notifications(page)
                        .build(),
                AlertRule.named("db_pool_exhausted")
                        .describedAs("The connection pool is nearly full")
                        .when(Condition.max("db.connections").over(Duration.ofMinutes(5)).atLeast(95))
                        .severity(Severity.MEDIUM)
                        .notifications(NotificationPolicy.to(Channels.DISCORD))
                        .build(),
                // host metrics come from the system collector
                AlertRule.named("host_memory_high")
                        .describedAs("Host memory above 90% for 5 minutes")
                        .when(Condition.avg("memory_usage").over(Duration.ofMinutes(5)).above(90))
                        .severity(Severity.HIGH)
                        .notifications(page)
                        .build());
    }

    /** Starts the background work: collection and evaluation every second, the outbox scan. */
    public void start() {
        alerting.start();
        dispatcher.start(Duration.ofSeconds(1));
    }

    public Alerting alerting() {
        return alerting;
    }

    public NotificationDispatcher notifications() {
        return dispatcher;
    }

    /** Saves the checkpoint, lets sends under way finish, and releases everything. */
    @Override
    public void close() {
        alerting.close();
        dispatcher.close();
        environment.close();
        store.close();
    }
}
