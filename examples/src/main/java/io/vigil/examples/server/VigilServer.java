package io.vigil.examples.server;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.runtime.Alerting;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.examples.server.config.ConfigException;
import io.vigil.examples.server.config.ConfigLoader;
import io.vigil.examples.server.config.ConfigProblem;
import io.vigil.examples.server.config.ServerConfig;
import io.vigil.examples.server.config.ServerConfig.NotifiersConfig;
import io.vigil.http.HttpOptions;
import io.vigil.http.Principal;
import io.vigil.http.Role;
import io.vigil.http.VigilHttpServer;
import io.vigil.notifiers.NotificationDispatcher;
import io.vigil.notifiers.NotifierEnvironment;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone Vigil server: the REST API, the host (and GPU, and IPMI) collectors, the store,
 * the notification channels and the rules file, wired from one {@link ServerConfig}.
 *
 * <pre>
 * java -jar examples/target/vigil-server.jar [--config vigil.yaml] [--rules rules.yaml]
 * </pre>
 *
 * <p>{@link #close()} (run by the shutdown hook on SIGTERM or Ctrl-C) stops in order: the API
 * finishes the requests it is serving, the runtime evaluates what it has and saves its
 * checkpoint, the notification outbox sends what is under way (the rest stays in the store for
 * the next start), and the store is closed.
 */
public final class VigilServer implements AutoCloseable {
    /** Exit status for an unusable configuration or command line. */
    static final int EXIT_CONFIG = 2;
    /** Exit status for any other failure to start. */
    static final int EXIT_START = 1;

    private final ServerConfig config;
    private final PrintStream out;
    private final Deque<AutoCloseable> opened;
    private final AlertStore store;
    private final NotifierEnvironment environment;
    private final NotificationDispatcher dispatcher;
    private final Alerting alerting;
    private final CollectorSetup collectors;
    private final AdminKey adminKey;
    private final List<AlertRule> loadedRules;
    private final VigilHttpServer http;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private boolean closed;

    private VigilServer(ServerConfig config, PrintStream out, Clock clock) {
        this.config = config;
        this.out = out;
        this.opened = new ArrayDeque<>();
        try {
            Path dataDir = config.data().dir();
            createDirectory(dataDir);
            this.adminKey = config.auth().adminApiKey() == null && !config.auth().disabled()
                    ? AdminKey.loadOrGenerate(dataDir, new SecureRandom()) : null;
            this.store = opening(Stores.open(config.store(), dataDir));
            this.environment = opening(NotifierEnvironment.builder().clock(clock)
                    .settings(config.notifiers().asSettings()).store(store).build());
            this.dispatcher = opening(notifications(store, environment, config.notifiers().lease()));
            this.collectors = opening(CollectorSetup.prepare(config.collectors(), clock));
            Alerting.Builder builder = Alerting.builder().clock(clock).store(store)
                    .notifications(dispatcher::submit)
                    .tickInterval(config.engine().tickInterval())
                    .checkpointInterval(config.engine().checkpointInterval())
                    .retention(config.engine().retention())
                    .statisticsZone(config.engine().zone())
                    .queueCapacity(config.engine().queueCapacity());
            collectors.configure(builder);
            this.alerting = opening(builder.build());
            CollectorSetup.requireStarted(alerting.collectors());
            this.loadedRules = config.rules().file() == null ? List.of() : RulesFile.load(alerting, config.rules().file());

            alerting.start();
            dispatcher.start(config.notifiers().pumpInterval());
            this.http = opening(listen(alerting, httpOptions()));
            if (adminKey != null) {
                adminKey.keep();
            }
        } catch (RuntimeException | Error e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Starts a server as {@code config} says and prints where it listens (and, on its first start,
     * the admin API key and how to add a rule) to {@code out}.
     *
     * @throws ConfigException when the configuration cannot work (a notifier setting, a rules file,
     *                         a collector's properties), naming the key
     */
    public static VigilServer start(ServerConfig config, PrintStream out) {
        return start(config, out, Clock.systemUTC());
    }

    /** As {@link #start(ServerConfig, PrintStream)}, on {@code clock} (tests move a manual one). */
    static VigilServer start(ServerConfig config, PrintStream out, Clock clock) {
        VigilServer server = new VigilServer(config, out, clock);
        server.printBanner();
        return server;
    }

    public static void main(String[] args) {
        ServerArgs parsed;
        ServerConfig config;
        try {
            parsed = ServerArgs.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("vigil: " + e.getMessage());
            System.err.print(ServerArgs.USAGE);
            System.exit(EXIT_CONFIG);
            return;
        }
        if (parsed.help()) {
            System.out.print(ServerArgs.USAGE);
            return;
        }
        VigilServer server;
        try {
            config = ConfigLoader.load(parsed.config(), System.getenv(), parsed.overrides());
            server = start(config, System.out);
        } catch (ConfigException e) {
            System.err.println("vigil: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        } catch (RuntimeException e) {
            System.err.println("vigil: cannot start: " + e);
            System.exit(EXIT_START);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "vigil-shutdown"));
        server.awaitStop();
    }

    // ---- what a running server offers -------------------------------------------------------

    public Alerting alerting() {
        return alerting;
    }

    public NotificationDispatcher notifications() {
        return dispatcher;
    }

    public ServerConfig config() {
        return config;
    }

    /** The rules the rules file created or replaced at start. */
    public List<AlertRule> loadedRules() {
        return loadedRules;
    }

    /** Whether this start generated the admin API key. */
    public boolean generatedAdminKey() {
        return adminKey != null && adminKey.created();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- shutdown ---------------------------------------------------------------------------

    /**
     * Stops gracefully, in order: the runtime evaluates what it has and saves its checkpoint, the
     * outbox finishes the sends under way, then everything is closed. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Duration grace = config.http().shutdownGrace();
        http.stop(grace);
        alerting.close();
        flushOutbox(grace);
        closeQuietly();
        out.println("Vigil stopped: checkpoint saved, notification outbox flushed.");
        out.flush();
        stopped.countDown();
    }

    /** Waits for the sends under way; whatever is still pending stays in the store for the next start. */
    private void flushOutbox(Duration grace) {
        try {
            dispatcher.whenIdle().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Unfinished sends stay pending in the store and are retried by the next start.
        }
    }

    private void closeQuietly() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                System.err.println("vigil: while stopping: " + e);
            }
        }
    }

    // ---- wiring -----------------------------------------------------------------------------

    private <T extends AutoCloseable> T opening(T resource) {
        opened.push(resource);
        return resource;
    }

    /**
     * The dispatcher with every channel the settings configure. A malformed setting fails here,
     * at start, and is reported under the configuration key it came from.
     */
    private static NotificationDispatcher notifications(AlertStore store, NotifierEnvironment environment,
                                                        Duration lease) {
        try {
            return NotificationDispatcher.builder(store).environment(environment).lease(lease).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            Matcher setting = Pattern.compile("\\b([A-Z][A-Z0-9]*_[A-Z0-9_]+)\\b").matcher(message);
            String key = setting.find() ? NotifiersConfig.keyOf(setting.group(1)).orElse("notifiers.settings") : "notifiers";
            throw new ConfigException(new ConfigProblem(key, "", message));
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem("data.dir", "", "cannot create " + dir + ": " + e.getMessage()));
        }
    }

    private void printBanner() {
        new Banner(out).print(baseUri(), version(), Stores.describe(config.store(), config.data().dir()),
                alerting.collectors(), dispatcher.channels(), loadedRules.size(), alerting.rules().all().size(),
                config.rules().file() == null ? null : config.rules().file().toString(), adminKey,
                config.auth().disabled());
    }

    /** Where the API is served ({@code http://127.0.0.1:8000}), with the actual port when configured as 0. */
    public URI baseUri() {
        return http.baseUri();
    }

    private VigilHttpServer listen(Alerting alerting, HttpOptions options) {
        try {
            return VigilHttpServer.start(alerting, options);
        } catch (UncheckedIOException e) {
            String reason = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            throw new ConfigException(new ConfigProblem("http.port", "", e.getMessage() + reason));
        }
    }

    /**
     * The API's options: the admin key (or no authentication, when configured so), the
     * notifiers for test notifications and templates, the GPU inventory when there is a GPU.
     */
    private HttpOptions httpOptions() {
        ServerConfig.HttpConfig h = config.http();
        HttpOptions.Builder options = HttpOptions.builder()
                .bindAddress(h.address())
                .port(h.port())
                .threads(h.threads())
                .corsOrigins(h.corsOrigins().toArray(String[]::new))
                .notifications(dispatcher)
                .templates(environment.templates())
                .version(version());
        if (config.auth().disabled()) {
            options.authenticationDisabled();
        } else {
            Secret key = adminKey != null ? adminKey.key() : config.auth().adminApiKey();
            options.apiKey(key, Principal.of("admin", "Administrator", Role.ADMIN));
        }
        if (collectors.gpu() != null) {
            options.gpuInventory(collectors.gpu()::inventory);
        }
        try {
            return options.build();
        } catch (IllegalStateException e) {
            throw new ConfigException(new ConfigProblem("auth", "", e.getMessage()));
        }
    }

    static String version() {
        String v = VigilServer.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development build)";
    }
}
