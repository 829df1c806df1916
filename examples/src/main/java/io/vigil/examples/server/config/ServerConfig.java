package io.vigil.examples.server.config;

import java.net.InetAddress;
import java.util.function.BiConsumer;

/**
 * Everything the standalone server can be told. Each key can be set in the configuration file
 * (YAML or JSON), overridden by an environment variable ({@code VIGIL_HTTP_PORT} for
 * {@code http.port}), and has a default that runs a local server out of the box. The reference
 * ({@code docs/configuration.md}) is generated from these records.
 */
public record ServerConfig(
        HttpConfig http,
        AuthConfig auth,
        DataConfig data,
        StoreConfig store,
        RulesConfig rules,
        CollectorsConfig collectors,
        NotifiersConfig notifiers,
        EngineConfig engine) implements ConfigCheck {

    /** The configuration with nothing configured: every default. */
    public static ServerConfig defaults() {
        return ConfigBinder.bind(ServerConfig.class, null, null, java.util.Map.of(), java.util.Map.of());
    }

    @Override
    public void check(BiConsumer<String, String> problem) {
        if (auth.disabled() && auth.adminApiKey() != null) {
            problem.accept("auth.disabled", "is true while auth.adminApiKey is set; choose one");
        }
        if (auth.disabled() && http.address() != null && !http.address().isLoopbackAddress()) {
            problem.accept("auth.disabled", "is only allowed with a loopback http.host (127.0.0.1), not " + http.host());
        }
    }

    @Doc("Where the REST API listens.")
    public record HttpConfig(
            @Doc("Address to listen on. `0.0.0.0` listens on every interface: put TLS and a firewall in front.")
            @Default("127.0.0.1") String host,
            @Doc("Port to listen on (seed 000's 8000); `0` picks a free one.")
            @Default("8000") @Range(min = 0, max = 65535) int port,
            @Doc("Threads serving requests.")
            @Default("16") @Range(min = 1, max = 1024) int threads,
            @Doc("Browser origins allowed to call the API (`https://ops.example.com`); none turns CORS off.")
            java.util.List<String> corsOrigins,
            @Doc("On shutdown, how long running requests may take to finish.")
            @Default("10s") java.time.Duration shutdownGrace) implements ConfigCheck {

        /** The host as an address, or {@code null} when it cannot be resolved (reported by {@link #check}). */
        public InetAddress address() {
            try {
                return InetAddress.getByName(host);
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }

        @Override
        public void check(BiConsumer<String, String> problem) {
            if (host.isBlank() || address() == null) {
                problem.accept("host", "cannot be resolved to an address: " + ValueType.quote(host));
            }
            for (String origin : corsOrigins) {
                if (origin.equals("*") || origin.endsWith("/") || !origin.matches("https?://[^/\\s]+")) {
                    problem.accept("corsOrigins", "holds " + ValueType.quote(origin) + "; an origin is scheme://host[:port], no '*' and no path");
                }
            }
        }
    }

    @Doc("Who may call the API. Every endpoint but the health checks and the OpenAPI document needs the "
            + "admin API key, sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`.")
    public record AuthConfig(
            @Doc("The admin API key (at least 16 characters). When unset, the server generates one on its first "
                    + "start, prints it once and keeps it in `<data.dir>/admin-api-key` (readable by its owner only).")
            io.vigil.alerting.api.Secret adminApiKey,
            @Doc("Serve without authentication, as one anonymous administrator. Only with a loopback `http.host`.")
            @Default("false") boolean disabled) implements ConfigCheck {

        @Override
        public void check(BiConsumer<String, String> problem) {
            if (adminApiKey != null && adminApiKey.reveal().length() < 16) {
                problem.accept("adminApiKey", "must have at least 16 characters");
            }
        }
    }

    @Doc("The server's own files.")
    public record DataConfig(
            @Doc("Directory for the database and the stored admin API key; created if missing.")
            @Default("data") java.nio.file.Path dir) {
    }

    @Doc("Where rules, alert records, notifications and the evaluator's checkpoint are kept.")
    public record StoreConfig(
            @Doc("`sqlite`: one file, `path`. `postgres`: a shared database, `url`, `user`, `password`. "
                    + "`memory`: nothing survives a restart (for trying things out).")
            @Default("sqlite") StoreType type,
            @Doc("The SQLite file; `vigil.db` in `data.dir` when unset.")
            java.nio.file.Path path,
            @Doc("The PostgreSQL JDBC URL (`jdbc:postgresql://db:5432/vigil`).")
            String url,
            @Doc("The PostgreSQL user.")
            String user,
            @Doc("The PostgreSQL password.")
            io.vigil.alerting.api.Secret password) implements ConfigCheck {

        @Override
        public void check(BiConsumer<String, String> problem) {
            if (type == StoreType.POSTGRES) {
                if (url == null || !url.startsWith("jdbc:postgresql:")) {
                    problem.accept("url", "must be a jdbc:postgresql: URL when store.type is postgres");
                }
                if (user == null) {
                    problem.accept("user", "is required when store.type is postgres");
                }
            } else if (url != null || user != null || password != null) {
                problem.accept(url != null ? "url" : user != null ? "user" : "password",
                        "only applies when store.type is postgres");
            }
            if (type != StoreType.SQLITE && path != null) {
                problem.accept("path", "only applies when store.type is sqlite");
            }
        }
    }

    /** The kinds of store. */
    public enum StoreType { SQLITE, POSTGRES, MEMORY }

    @Doc("Rules loaded at start.")
    public record RulesConfig(
            @Doc("A rules file (YAML or JSON: a list of rules, `{rules: [...]}` or one rule, in seed 000's or "
                    + "seed 003's format). Its rules are created, or replace the stored rule of the same name; "
                    + "other stored rules are kept. A file with any invalid rule stops the start.")
            java.nio.file.Path file) {
    }

    @Doc("Where metrics come from besides the ingest endpoint (`POST /api/v1/metrics`).")
    public record CollectorsConfig(
            @Doc("Labels added to every collected sample; `host` defaults to this machine's name.")
            java.util.Map<String, String> hostLabels,
            SystemCollectorConfig system,
            GpuCollectorConfig gpu,
            IpmiCollectorConfig ipmi,
            @Doc("Properties of collector plugins on the class path, as `<collector>.<property>` "
                    + "(`probe.targets: https://example.com`); `<collector>.enabled: false` turns one off.")
            java.util.Map<String, String> plugins) implements ConfigCheck {

        @Override
        public void check(BiConsumer<String, String> problem) {
            for (String key : plugins.keySet()) {
                int dot = key.indexOf('.');
                if (dot <= 0 || dot == key.length() - 1) {
                    problem.accept("plugins", "has the key " + ValueType.quote(key) + "; write <collector>.<property>");
                } else if (java.util.Set.of("system", "gpu", "ipmi").contains(key.substring(0, dot))) {
                    problem.accept("plugins", "has the key " + ValueType.quote(key) + "; configure the built-in "
                            + key.substring(0, dot) + " collector under collectors." + key.substring(0, dot));
                }
            }
        }
    }

    @Doc("Host CPU, memory, swap, disks, network, load (OSHI).")
    public record SystemCollectorConfig(
            @Doc("Collect host metrics.") @Default("true") boolean enabled,
            @Doc("How often.") @Default("10s") java.time.Duration interval) {
    }

    @Doc("NVIDIA GPUs through NVML. Without a driver the collector reports itself unavailable and the server runs on.")
    public record GpuCollectorConfig(
            @Doc("Collect GPU metrics when a driver is present.") @Default("true") boolean enabled,
            @Doc("How often.") @Default("10s") java.time.Duration interval,
            @Doc("The NVML library, by file name or absolute path; `libnvidia-ml.so.1` when unset.") String library) {
    }

    @Doc("BMC sensors (power, temperature, fans, voltage) through FreeIPMI or ipmitool.")
    public record IpmiCollectorConfig(
            @Doc("Collect IPMI sensors. With no `targets` the local BMC (`/dev/ipmi0`) is read.")
            @Default("false") boolean enabled,
            @Doc("How often.") @Default("30s") java.time.Duration interval,
            @Doc("Target ids (`node1, node2`), each configured in `properties` as `target.<id>.host`, ...")
            java.util.List<String> targets,
            @Doc("The IPMI collector's other properties (`user`, `passwordEnv`, `tool`, `target.<id>.host`, ...; "
                    + "see collectors-ipmi's README). Passwords belong in `passwordEnv` or `passwordFile`.")
            java.util.Map<String, String> properties) implements ConfigCheck {

        @Override
        public void check(BiConsumer<String, String> problem) {
            for (String reserved : java.util.List.of("enabled", "interval", "targets")) {
                if (properties.containsKey(reserved)) {
                    problem.accept("properties", "sets '" + reserved + "'; use collectors.ipmi." + reserved);
                }
            }
            if (!enabled && (!targets.isEmpty() || !properties.isEmpty())) {
                problem.accept("enabled", "is false but IPMI targets or properties are configured; set it to true");
            }
        }
    }

    @Doc("Notification channels. The in-app inbox needs nothing; the others are on when their keys are set. "
            + "Rules pick channels by name (`email`, `discord`, `slack`, `webhook`, `sms`, `inApp`).")
    public record NotifiersConfig(
            EmailConfig email,
            DiscordConfig discord,
            SlackConfig slack,
            WebhookConfig webhook,
            @Doc("Further notifier settings by their names (`SMS_PROVIDER`, `SMS_URL_TEMPLATE`, `HTTP_READ_TIMEOUT`, "
                    + "a plugin's own keys); see the notifiers' README.")
            java.util.Map<String, String> settings,
            @Doc("How often the outbox is scanned for retries and digests.")
            @Default("1s") java.time.Duration pumpInterval,
            @Doc("How long a send claims its notification. A notification whose send was cut short by a crash "
                    + "is sent again once its claim runs out, so after a `kill -9` pending notifications wait up to "
                    + "this long. Keep it longer than the slowest send (`HTTP_CALL_TIMEOUT`, 30s) when several "
                    + "servers share one PostgreSQL store.")
            @Default("5m") java.time.Duration lease) implements ConfigCheck {

        /** The notifier settings these keys configure, by setting name ({@code SMTP_SERVER} → value). */
        public java.util.Map<String, String> asSettings() {
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>(settings);
            out.putAll(ConfigSettings.byAlias(this));
            return java.util.Collections.unmodifiableMap(out);
        }

        /** The key whose setting {@code settingName} is ({@code SMTP_PORT} → {@code notifiers.email.port}). */
        public static java.util.Optional<String> keyOf(String settingName) {
            return ConfigSettings.keyOfAlias(NotifiersConfig.class, "notifiers", settingName);
        }

        @Override
        public void check(BiConsumer<String, String> problem) {
            java.util.Set<String> typed = ConfigSettings.aliases(NotifiersConfig.class);
            for (String name : settings.keySet()) {
                if (typed.contains(name)) {
                    problem.accept("settings", "sets " + name + ", which has its own key "
                            + keyOf(name).orElse("") + "; set it there");
                }
            }
        }
    }

    @Doc("Email over SMTP (seed 000's `SMTP_*` variables work as they are).")
    public record EmailConfig(
            @Doc("SMTP server host; email is on when it is set.") @Env("SMTP_SERVER") String server,
            @Doc("SMTP port; 587 when unset.") @Env("SMTP_PORT") @Range(min = 1, max = 65535) Integer port,
            @Doc("SMTP user name.") @Env("SMTP_USERNAME") String username,
            @Doc("SMTP password.") @Env("SMTP_PASSWORD") io.vigil.alerting.api.Secret password,
            @Doc("Sender address; the user name when unset.") @Env("SMTP_FROM") String from,
            @Doc("Sender display name.") @Env("SMTP_FROM_NAME") String fromName,
            @Doc("`tls` (implicit, port 465), `starttls` (required, never a silent fall-back) or `none`; "
                    + "`tls` on port 465, else `starttls`, when unset.")
            @Env("SMTP_SECURITY") SmtpSecurity security,
            @Doc("Recipients for rules that name none.") @Env("SMTP_TO") java.util.List<String> to) {
    }

    /** How the SMTP connection is secured. */
    public enum SmtpSecurity { NONE, STARTTLS, TLS }

    @Doc("Discord webhooks.")
    public record DiscordConfig(
            @Doc("Default webhook URL for rules without their own (it holds a token: kept secret).")
            @Env("DISCORD_WEBHOOK_URL") io.vigil.alerting.api.Secret webhookUrl,
            @Doc("The name messages are posted under.") @Env("DISCORD_USERNAME") String username) {
    }

    @Doc("Slack incoming webhooks.")
    public record SlackConfig(
            @Doc("Default webhook URL for rules without their own (kept secret).")
            @Env("SLACK_WEBHOOK_URL") io.vigil.alerting.api.Secret webhookUrl) {
    }

    @Doc("Generic webhooks (seed 003): a signed JSON document per notification.")
    public record WebhookConfig(
            @Doc("Default URL for rules without their own.") @Env("WEBHOOK_URL") String url,
            @Doc("Default signing secret (HMAC-SHA256 in `X-Vigil-Signature`).")
            @Env("WEBHOOK_SECRET") io.vigil.alerting.api.Secret secret) {
    }

    @Doc("The evaluation runtime.")
    public record EngineConfig(
            @Doc("How often samples are evaluated and timers advanced.") @Default("1s") java.time.Duration tickInterval,
            @Doc("How often the evaluator's state is saved, so a restart neither re-fires nor forgets an alert "
                    + "(also saved on shutdown).") @Default("10s") java.time.Duration checkpointInterval,
            @Doc("How long alert records are kept (seed 003: two years).") @Default("730d") java.time.Duration retention,
            @Doc("Time zone of days and hours in statistics (`UTC`, `Asia/Seoul`).") @Default("UTC") String statisticsZone,
            @Doc("Samples that may wait for evaluation before new ones are dropped.")
            @Default("1000000") @Range(min = 1000, max = 100_000_000) int queueCapacity) implements ConfigCheck {

        public java.time.ZoneId zone() {
            return java.time.ZoneId.of(statisticsZone);
        }

        @Override
        public void check(BiConsumer<String, String> problem) {
            try {
                zone();
            } catch (java.time.DateTimeException e) {
                problem.accept("statisticsZone", "is not a time zone: " + ValueType.quote(statisticsZone));
            }
        }
    }
}
