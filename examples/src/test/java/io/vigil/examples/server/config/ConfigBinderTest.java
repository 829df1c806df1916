package io.vigil.examples.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.examples.server.config.ServerConfig.SmtpSecurity;
import io.vigil.examples.server.config.ServerConfig.StoreType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigBinderTest {
    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }

    private static ServerConfig bind(String file, Map<String, String> env) throws Exception {
        return ConfigBinder.bind(ServerConfig.class, file == null ? null : yaml(file), "vigil.yaml", env, Map.of());
    }

    private static List<String> problems(String file, Map<String, String> env) {
        try {
            bind(file, env);
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @Test
    void fileValuesOfEveryKindAreRead() throws Exception {
        ServerConfig c = bind("""
                http: {host: 127.0.0.1, port: 9000, corsOrigins: [https://ops.example.com], shutdownGrace: 1m30s}
                store: {type: memory}
                collectors:
                  hostLabels: {rack: r12}
                  gpu: {enabled: false}
                  ipmi: {enabled: true, targets: [node1], properties: {target.node1.host: 10.0.0.21}}
                notifiers:
                  email: {server: smtp.example.com, port: 465, security: tls, to: [a@example.com, b@example.com]}
                engine: {retention: 30d, tickInterval: PT2S}
                """, Map.of());

        assertThat(c.http().port()).isEqualTo(9000);
        assertThat(c.http().corsOrigins()).containsExactly("https://ops.example.com");
        assertThat(c.http().shutdownGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.store().type()).isEqualTo(StoreType.MEMORY);
        assertThat(c.collectors().hostLabels()).containsEntry("rack", "r12");
        assertThat(c.collectors().gpu().enabled()).isFalse();
        assertThat(c.collectors().ipmi().properties()).containsEntry("target.node1.host", "10.0.0.21");
        assertThat(c.notifiers().email().security()).isEqualTo(SmtpSecurity.TLS);
        assertThat(c.notifiers().email().to()).containsExactly("a@example.com", "b@example.com");
        assertThat(c.engine().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.engine().tickInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void jsonIsReadAsWell() throws Exception {
        ServerConfig c = bind("{\"http\": {\"port\": 8081}, \"auth\": {\"disabled\": true}}", Map.of());

        assertThat(c.http().port()).isEqualTo(8081);
        assertThat(c.auth().disabled()).isTrue();
    }

    @Test
    void theFirstSetSourceWinsCommandLineThenVigilVariableThenAliasThenFileThenDefault() throws Exception {
        String file = "notifiers: {email: {server: from-file, username: file-user, from: file@example.com}}\nrules: {file: a.yaml}";
        Map<String, String> env = Map.of(
                "VIGIL_NOTIFIERS_EMAIL_SERVER", "from-vigil-variable",
                "SMTP_SERVER", "from-alias",
                "SMTP_USERNAME", "alias-user",
                "VIGIL_RULES_FILE", "b.yaml");

        ServerConfig c = ConfigBinder.bind(ServerConfig.class, yaml(file), "vigil.yaml", env, Map.of("rules.file", "c.yaml"));

        assertThat(c.notifiers().email().server()).isEqualTo("from-vigil-variable");
        assertThat(c.notifiers().email().username()).isEqualTo("alias-user");
        assertThat(c.notifiers().email().from()).isEqualTo("file@example.com");
        assertThat(c.notifiers().email().fromName()).isNull();
        assertThat(c.rules().file()).isEqualTo(Path.of("c.yaml"));
    }

    @Test
    void seed000VariablesConfigureTheNotifiersAsTheyAre() throws Exception {
        ServerConfig c = bind(null, Map.of(
                "SMTP_SERVER", "smtp.gmail.com", "SMTP_PORT", "587", "SMTP_USERNAME", "me@gmail.com",
                "SMTP_PASSWORD", "app-password", "DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/abc"));

        assertThat(c.notifiers().asSettings()).containsEntry("SMTP_SERVER", "smtp.gmail.com")
                .containsEntry("SMTP_PORT", "587").containsEntry("SMTP_PASSWORD", "app-password")
                .containsEntry("DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/abc")
                .doesNotContainKey("SLACK_WEBHOOK_URL");
        assertThat(c.notifiers().email().password().toString()).doesNotContain("app-password");
    }

    @Test
    void settingsPassFurtherNotifierKeysAndListsAreJoined() throws Exception {
        ServerConfig c = bind("""
                notifiers:
                  email: {to: [a@example.com, b@example.com], security: starttls}
                  settings: {SMS_PROVIDER: http, HTTP_READ_TIMEOUT: 5s}
                """, Map.of());

        assertThat(c.notifiers().asSettings()).containsEntry("SMTP_TO", "a@example.com,b@example.com")
                .containsEntry("SMTP_SECURITY", "starttls").containsEntry("SMS_PROVIDER", "http")
                .containsEntry("HTTP_READ_TIMEOUT", "5s");
        assertThat(ServerConfig.NotifiersConfig.keyOf("SMTP_PORT")).contains("notifiers.email.port");
        assertThat(ServerConfig.NotifiersConfig.keyOf("NOPE")).isEmpty();
    }

    @Test
    void settingsMayNotShadowATypedKey() {
        assertThat(problems("notifiers: {settings: {SMTP_SERVER: x}}", Map.of()))
                .containsExactly("notifiers.settings: sets SMTP_SERVER, which has its own key notifiers.email.server; set it there");
    }

    @Test
    void environmentListsAreCommaSeparatedAndMappingsAreFlowYaml() throws Exception {
        ServerConfig c = bind(null, Map.of(
                "VIGIL_HTTP_CORS_ORIGINS", "https://a.example.com, https://b.example.com",
                "VIGIL_COLLECTORS_HOST_LABELS", "{rack: r12, env: prod}",
                "VIGIL_COLLECTORS_IPMI_ENABLED", "true",
                "VIGIL_COLLECTORS_IPMI_TARGETS", "[node1, node2]"));

        assertThat(c.http().corsOrigins()).containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(c.collectors().hostLabels()).containsExactly(Map.entry("rack", "r12"), Map.entry("env", "prod"));
        assertThat(c.collectors().ipmi().targets()).containsExactly("node1", "node2");
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() throws Exception {
        ServerConfig c = bind("http: {port: 9001}", Map.of("VIGIL_HTTP_PORT", "", "SMTP_SERVER", ""));

        assertThat(c.http().port()).isEqualTo(9001);
        assertThat(c.notifiers().email().server()).isNull();
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnesAndASuggestion() {
        assertThat(problems("http: {prot: 9000}\nnotifer: {}", Map.of())).containsExactly(
                "notifer: unknown key (did you mean notifiers?); the keys here are http, auth, data, store, rules, "
                        + "collectors, notifiers, engine (from vigil.yaml)",
                "http.prot: unknown key (did you mean port?); the keys here are host, port, threads, corsOrigins, "
                        + "shutdownGrace (from vigil.yaml)");
    }

    @Test
    void unknownVigilVariablesAreRefusedButOtherVariablesAndVigilConfigAreNot() {
        assertThat(problems(null, Map.of("VIGIL_HTTP_PROT", "9000", "VIGIL_CONFIG", "x.yaml", "PATH", "/bin",
                "SMTP_SERVR", "typo-not-ours")))
                .containsExactly("VIGIL_HTTP_PROT: no such setting (did you mean VIGIL_HTTP_PORT?) (from the environment)");
    }

    @Test
    void badValuesNameTheKeyTheProblemAndWhereTheValueCameFrom() {
        assertThat(problems("""
                http: {port: 70000, threads: many, shutdownGrace: 10}
                engine: {statisticsZone: Mars/Olympus}
                store: {type: mysql}
                """, Map.of("VIGIL_AUTH_DISABLED", "yes")))
                .containsExactlyInAnyOrder(
                        "http.port: must be from 0 to 65535, was 70000 (from vigil.yaml)",
                        "http.threads: must be a whole number, was 'many' (from vigil.yaml)",
                        "http.shutdownGrace: must be a duration with its unit (10s, 5m), found the bare number 10 (from vigil.yaml)",
                        "auth.disabled: must be true or false, was 'yes' (from VIGIL_AUTH_DISABLED)",
                        "store.type: must be one of sqlite, postgres, memory, was 'mysql' (from vigil.yaml)",
                        "engine.statisticsZone: is not a time zone: 'Mars/Olympus'");
    }

    @Test
    void aSectionWrittenAsAValueIsRefused() {
        assertThat(problems("http: 8000", Map.of())).containsExactly("http: must be a mapping of keys, found a number (from vigil.yaml)");
        assertThat(problems("- a\n- b", Map.of())).containsExactly("(top level): must be a mapping of keys, found a list (from vigil.yaml)");
    }

    @Test
    void secretsAreNeverQuotedInProblems() {
        List<String> p = problems("notifiers: {discord: {webhookUrl: [https://discord.com/api/webhooks/1/tok3n]}}",
                Map.of("VIGIL_AUTH_ADMIN_API_KEY", "short-s3cret"));

        assertThat(p).containsExactlyInAnyOrder(
                "auth.adminApiKey: must have at least 16 characters",
                "notifiers.discord.webhookUrl: must be secret text (never logged or shown), found a list (from vigil.yaml)");
        assertThat(String.join("\n", p)).doesNotContain("s3cret").doesNotContain("tok3n");
    }

    @Test
    void keysThatMustAgreeAreCheckedTogether() {
        assertThat(problems("http: {host: 0.0.0.0}\nauth: {disabled: true}", Map.of()))
                .containsExactly("auth.disabled: is only allowed with a loopback http.host (127.0.0.1), not 0.0.0.0");
        assertThat(problems("store: {type: postgres}", Map.of())).containsExactlyInAnyOrder(
                "store.url: must be a jdbc:postgresql: URL when store.type is postgres",
                "store.user: is required when store.type is postgres");
        assertThat(problems("store: {url: 'jdbc:postgresql://db/vigil'}", Map.of()))
                .containsExactly("store.url: only applies when store.type is postgres");
        assertThat(problems("collectors: {ipmi: {targets: [node1]}}", Map.of()))
                .containsExactly("collectors.ipmi.enabled: is false but IPMI targets or properties are configured; set it to true");
        assertThat(problems("collectors: {plugins: {gpu.library: x, probe: y}}", Map.of())).containsExactly(
                "collectors.plugins: has the key 'gpu.library'; configure the built-in gpu collector under collectors.gpu",
                "collectors.plugins: has the key 'probe'; write <collector>.<property>");
        assertThat(problems("http: {corsOrigins: ['*']}", Map.of()))
                .containsExactly("http.corsOrigins: holds '*'; an origin is scheme://host[:port], no '*' and no path");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems("http: {port: -1}\nengine: {tickInterval: soon}", Map.of("VIGIL_NOPE", "1"))).hasSize(3);
    }

    @Test
    void commandLineOverridesMustNameKeys() {
        assertThatThrownBy(() -> ConfigBinder.bind(ServerConfig.class, null, null, Map.of(), Map.of("rule.file", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: rule.file: no such key (did you mean rules.file?) (from the command line)");
    }

    @Test
    void theLoaderReadsTheFileNamedByVigilConfig(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, "http:\n  port: 8123\n");

        ServerConfig c = ConfigLoader.load(null, Map.of("VIGIL_CONFIG", file.toString()), Map.of());

        assertThat(c.http().port()).isEqualTo(8123);
    }

    @Test
    void theLoaderRefusesMissingMalformedAndDuplicatedFilesWithoutQuotingThem(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of()))
                .hasMessage("invalid configuration: config file " + missing + ": does not exist");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "auth:\n  adminApiKey: hunter2-hunter2-hunter2: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid configuration: config file " + broken + ": is not valid YAML or JSON at line 2")
                .hasMessageNotContaining("hunter2");

        Path duplicated = dir.resolve("twice.yaml");
        Files.writeString(duplicated, "http:\n  port: 1\n  port: 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(duplicated, Map.of(), Map.of()))
                .hasMessageContaining("Duplicate field 'port'");

        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        assertThat(ConfigLoader.load(empty, Map.of(), Map.of()).http().port()).isEqualTo(8000);
    }

    @Test
    void overridesTakeEveryKeyFromTheEnvironment() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("VIGIL_DATA_DIR", "/var/lib/vigil");
        env.put("VIGIL_STORE_TYPE", "postgres");
        env.put("VIGIL_STORE_URL", "jdbc:postgresql://db:5432/vigil");
        env.put("VIGIL_STORE_USER", "vigil");
        env.put("VIGIL_STORE_PASSWORD", "pw");
        env.put("VIGIL_ENGINE_CHECKPOINT_INTERVAL", "30s");

        ServerConfig c = bind(null, env);

        assertThat(c.data().dir()).isEqualTo(Path.of("/var/lib/vigil"));
        assertThat(c.store().type()).isEqualTo(StoreType.POSTGRES);
        assertThat(c.store().password().reveal()).isEqualTo("pw");
        assertThat(c.engine().checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    }
}
