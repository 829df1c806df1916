package io.vigil.http;

import io.vigil.alerting.api.Secret;
import io.vigil.collectors.gpu.GpuInventory;
import io.vigil.notifiers.NotificationDispatcher;
import io.vigil.notifiers.template.TemplateRegistry;

import javax.net.ssl.SSLContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How {@link VigilHttpServer} serves: where it listens, who may call it and with what limits.
 *
 * <pre>{@code
 * HttpOptions options = HttpOptions.builder()
 *     .port(8000)                                            // 127.0.0.1 unless bindAddress(...)
 *     .apiKey(Secret.of(System.getenv("VIGIL_OPS_KEY")), Principal.of("ops", Role.OPS_ENGINEER))
 *     .basicUser("admin", Secret.of(System.getenv("VIGIL_ADMIN_PASSWORD")), Role.ADMIN)
 *     .build();
 * }</pre>
 *
 * <p>Secure by default: the server listens on 127.0.0.1, every endpoint but the health checks and
 * the OpenAPI document needs credentials, and a server without any credentials refuses to build
 * unless authentication is switched off explicitly with {@link Builder#authenticationDisabled()} —
 * which in turn refuses a non-loopback address unless {@link Builder#allowUnauthenticatedRemoteAccess()}.
 */
public final class HttpOptions {
    private final InetAddress bindAddress;
    private final int port;
    private final List<ApiKey> apiKeys;
    private final List<BasicUser> basicUsers;
    private final boolean authenticationDisabled;
    private final Set<String> corsOrigins;
    private final int maxBodyBytes;
    private final int maxJsonDepth;
    private final int threads;
    private final int queueCapacity;
    private final int eventReplayBuffer;
    private final Duration eventKeepAlive;
    private final int maxEventStreams;
    private final int maxCsvRows;
    private final Duration notificationTestTimeout;
    private final ChannelStore channelStore;
    private final TemplateStore templateStore;
    private final NotificationGateway notificationGateway;
    private final Supplier<GpuInventory> gpuInventory;
    private final String version;
    private final SSLContext tls;

    private HttpOptions(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.apiKeys = List.copyOf(b.apiKeys);
        this.basicUsers = List.copyOf(b.basicUsers);
        this.authenticationDisabled = b.authenticationDisabled;
        this.corsOrigins = Set.copyOf(b.corsOrigins);
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxJsonDepth = b.maxJsonDepth;
        this.threads = b.threads;
        this.queueCapacity = b.queueCapacity;
        this.eventReplayBuffer = b.eventReplayBuffer;
        this.eventKeepAlive = b.eventKeepAlive;
        this.maxEventStreams = b.maxEventStreams;
        this.maxCsvRows = b.maxCsvRows;
        this.notificationTestTimeout = b.notificationTestTimeout;
        this.channelStore = b.channelStore != null ? b.channelStore : new InMemoryChannelStore();
        this.templateStore = b.templateStore != null ? b.templateStore : new InMemoryTemplateStore();
        this.notificationGateway = b.notificationGateway;
        this.gpuInventory = b.gpuInventory;
        this.version = b.version;
        this.tls = b.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetAddress bindAddress() { return bindAddress; }
    public int port() { return port; }
    public boolean authenticationDisabled() { return authenticationDisabled; }
    public Set<String> corsOrigins() { return corsOrigins; }
    public int maxBodyBytes() { return maxBodyBytes; }
    public int maxJsonDepth() { return maxJsonDepth; }
    public int threads() { return threads; }
    public int queueCapacity() { return queueCapacity; }
    public int eventReplayBuffer() { return eventReplayBuffer; }
    public Duration eventKeepAlive() { return eventKeepAlive; }
    public int maxEventStreams() { return maxEventStreams; }
    public int maxCsvRows() { return maxCsvRows; }
    public Duration notificationTestTimeout() { return notificationTestTimeout; }
    public ChannelStore channelStore() { return channelStore; }
    public TemplateStore templateStore() { return templateStore; }
    /** The gateway for test notifications, or {@code null} when none is wired. */
    public NotificationGateway notificationGateway() { return notificationGateway; }
    /** The GPU inventory for seed 004's details, or {@code null}. */
    public Supplier<GpuInventory> gpuInventory() { return gpuInventory; }
    public String version() { return version; }
    /** The TLS context when serving HTTPS, or {@code null} for plain HTTP. */
    public SSLContext tls() { return tls; }

    List<ApiKey> apiKeys() { return apiKeys; }
    List<BasicUser> basicUsers() { return basicUsers; }

    /** An API key and whose it is. */
    record ApiKey(Secret key, Principal principal) {
    }

    /** A Basic user: name, password and the principal it authenticates as. */
    record BasicUser(String username, Secret password, Principal principal) {
    }

    /** Collects options; {@link #build()} checks that they make a safe server. */
    public static final class Builder {
        private InetAddress bindAddress = loopback();
        private int port = 8000;
        private final List<ApiKey> apiKeys = new ArrayList<>();
        private final List<BasicUser> basicUsers = new ArrayList<>();
        private boolean authenticationDisabled;
        private boolean allowUnauthenticatedRemote;
        private final Set<String> corsOrigins = new LinkedHashSet<>();
        private int maxBodyBytes = 1024 * 1024;
        private int maxJsonDepth = 32;
        private int threads = 16;
        private int queueCapacity = 256;
        private int eventReplayBuffer = 1000;
        private Duration eventKeepAlive = Duration.ofSeconds(15);
        private int maxEventStreams = 64;
        private int maxCsvRows = 100_000;
        private Duration notificationTestTimeout = Duration.ofSeconds(15);
        private ChannelStore channelStore;
        private TemplateStore templateStore;
        private NotificationGateway notificationGateway;
        private Supplier<GpuInventory> gpuInventory;
        private String version = defaultVersion();
        private SSLContext tls;

        private Builder() {
        }

        private static InetAddress loopback() {
            try {
                return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // four bytes are always a valid address
            }
        }

        private static String defaultVersion() {
            String v = HttpOptions.class.getPackage().getImplementationVersion();
            return v != null ? v : "0.1.0-SNAPSHOT";
        }

        /** The address to listen on; 127.0.0.1 by default. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The address to listen on, by name or literal ({@code 0.0.0.0} for every interface). */
        public Builder bindAddress(String host) {
            try {
                return bindAddress(InetAddress.getByName(Objects.requireNonNull(host, "host")));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown bind address '" + host + "'", e);
            }
        }

        /** The port; 8000 by default (seed 000), 0 for any free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Accepts {@code key} as {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. */
        public Builder apiKey(Secret key, Principal principal) {
            Objects.requireNonNull(key, "key");
            if (key.reveal().length() < 16) {
                throw new IllegalArgumentException("an API key must have at least 16 characters");
            }
            apiKeys.add(new ApiKey(key, Objects.requireNonNull(principal, "principal")));
            return this;
        }

        /** Accepts HTTP Basic credentials (seed 004 {@code curl -u admin:changeme}). */
        public Builder basicUser(String username, Secret password, Principal principal) {
            Objects.requireNonNull(username, "username");
            if (username.isEmpty() || username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a Basic user name must be non-empty and hold no ':'");
            }
            Objects.requireNonNull(password, "password");
            if (password.reveal().isEmpty()) {
                throw new IllegalArgumentException("a Basic user needs a password");
            }
            for (BasicUser u : basicUsers) {
                if (u.username().equals(username)) {
                    throw new IllegalArgumentException("Basic user '" + username + "' is configured twice");
                }
            }
            basicUsers.add(new BasicUser(username, password, Objects.requireNonNull(principal, "principal")));
            return this;
        }

        /** A Basic user whose principal id and name are its user name. */
        public Builder basicUser(String username, Secret password, Role role) {
            return basicUser(username, password, Principal.of(username, role));
        }

        /**
         * Serves every endpoint without credentials, as one anonymous administrator. Only for a
         * developer's machine: together with a non-loopback bind address the options refuse to
         * build unless {@link #allowUnauthenticatedRemoteAccess()} is also called.
         */
        public Builder authenticationDisabled() {
            this.authenticationDisabled = true;
            return this;
        }

        /** Confirms that a server without authentication may listen on a non-loopback address. */
        public Builder allowUnauthenticatedRemoteAccess() {
            this.allowUnauthenticatedRemote = true;
            return this;
        }

        /** Browser origins allowed to call the API ({@code https://ops.example.com}); none by default (CORS off). */
        public Builder corsOrigins(String... origins) {
            for (String origin : origins) {
                Objects.requireNonNull(origin, "origin");
                if (origin.equals("*") || origin.isBlank() || origin.endsWith("/")) {
                    throw new IllegalArgumentException("a CORS origin is scheme://host[:port] exactly, not '" + origin + "'");
                }
                corsOrigins.add(origin);
            }
            return this;
        }

        /** The largest request body accepted (413 above it); 1 MiB by default. */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = atLeast(bytes, 64, "maxBodyBytes");
            return this;
        }

        /** How deeply JSON bodies may nest; 32 by default. */
        public Builder maxJsonDepth(int depth) {
            this.maxJsonDepth = atLeast(depth, 4, "maxJsonDepth");
            return this;
        }

        /** Worker threads; 16 by default. */
        public Builder threads(int threads) {
            this.threads = atLeast(threads, 1, "threads");
            return this;
        }

        /** Requests that may wait for a worker before new ones get 503; 256 by default. */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = atLeast(capacity, 1, "queueCapacity");
            return this;
        }

        /** Events kept for {@code Last-Event-ID} resumption; 1000 by default. */
        public Builder eventReplayBuffer(int events) {
            this.eventReplayBuffer = atLeast(events, 1, "eventReplayBuffer");
            return this;
        }

        /** How often an idle event stream gets a keep-alive comment; 15 s by default. */
        public Builder eventKeepAlive(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("eventKeepAlive must be positive");
            }
            this.eventKeepAlive = interval;
            return this;
        }

        /** Event streams open at once before new ones get 503; 64 by default. */
        public Builder maxEventStreams(int streams) {
            this.maxEventStreams = atLeast(streams, 1, "maxEventStreams");
            return this;
        }

        /** The most records one CSV report holds; 100,000 by default. */
        public Builder maxCsvRows(int rows) {
            this.maxCsvRows = atLeast(rows, 1, "maxCsvRows");
            return this;
        }

        /** How long a test notification may take before the answer says {@code pending}; 15 s by default. */
        public Builder notificationTestTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("notificationTestTimeout must not be negative");
            }
            this.notificationTestTimeout = timeout;
            return this;
        }

        public Builder channelStore(ChannelStore store) {
            this.channelStore = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder templateStore(TemplateStore store) {
            this.templateStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where test notifications go; without one, tests answer that no notifier is configured. */
        public Builder notificationGateway(NotificationGateway gateway) {
            this.notificationGateway = Objects.requireNonNull(gateway, "gateway");
            return this;
        }

        /** Test notifications go through the notifiers' dispatcher (its channels, templates and records). */
        public Builder notifications(NotificationDispatcher dispatcher) {
            Objects.requireNonNull(dispatcher, "dispatcher");
            return notificationGateway(NotificationGateway.of(dispatcher::channels, dispatcher::test));
        }

        /** Templates edited over HTTP are registered in (and used from) the notifiers' registry. */
        public Builder templates(TemplateRegistry registry) {
            return templateStore(new RegistryTemplateStore(Objects.requireNonNull(registry, "registry")));
        }

        /** The GPU collector's inventory ({@code gpuCollector::inventory}) for seed 004's GPU details. */
        public Builder gpuInventory(Supplier<GpuInventory> inventory) {
            this.gpuInventory = Objects.requireNonNull(inventory, "inventory");
            return this;
        }

        /** The version the system endpoints report. */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Serves HTTPS with this context (and sends {@code Strict-Transport-Security}). */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        private static int atLeast(int value, int min, String what) {
            if (value < min) {
                throw new IllegalArgumentException(what + " must be at least " + min + ", was " + value);
            }
            return value;
        }

        /**
         * Checks the options: credentials are configured or authentication is explicitly off, and a
         * server without authentication listens on loopback unless that was confirmed.
         */
        public HttpOptions build() {
            if (authenticationDisabled) {
                if (!apiKeys.isEmpty() || !basicUsers.isEmpty()) {
                    throw new IllegalStateException("authentication is disabled but credentials are configured; choose one");
                }
                if (!bindAddress.isLoopbackAddress() && !allowUnauthenticatedRemote) {
                    throw new IllegalStateException("refusing to serve without authentication on " + bindAddress.getHostAddress()
                            + "; bind to 127.0.0.1, configure credentials, or call allowUnauthenticatedRemoteAccess()");
                }
            } else if (apiKeys.isEmpty() && basicUsers.isEmpty()) {
                throw new IllegalStateException("no credentials configured: add an apiKey(...) or basicUser(...), "
                        + "or call authenticationDisabled() for a local development server");
            }
            return new HttpOptions(this);
        }
    }
}
