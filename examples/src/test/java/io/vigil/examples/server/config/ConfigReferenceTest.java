package io.vigil.examples.server.config;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.examples.server.config.ConfigSchema.Key;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed reference ({@code docs/configuration.md}) is what the configuration records render:
 * change a key and this fails until the reference is regenerated
 * ({@code -Dvigil.writeConfigReference=true} writes it).
 */
class ConfigReferenceTest {
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @Test
    void committedReferenceMatchesTheConfigurationRecords() throws Exception {
        String rendered = ConfigReference.markdown();
        if (Boolean.getBoolean("vigil.writeConfigReference")) {
            Files.writeString(REFERENCE, rendered, StandardCharsets.UTF_8);
        }
        assertThat(REFERENCE).as("regenerate with -Dvigil.writeConfigReference=true").exists();
        List<String> committed = Files.readString(REFERENCE, StandardCharsets.UTF_8).lines().toList();
        List<String> expected = rendered.lines().toList();
        for (int i = 0; i < Math.max(committed.size(), expected.size()); i++) {
            String have = i < committed.size() ? committed.get(i) : "(end of file)";
            String want = i < expected.size() ? expected.get(i) : "(end of file)";
            assertThat(have).as("docs/configuration.md is stale at line %d; regenerate it with "
                    + "-Dvigil.writeConfigReference=true", i + 1).isEqualTo(want);
        }
    }

    @Test
    void everyKeyIsInTheReferenceWithItsEnvironmentVariable() {
        String rendered = ConfigReference.markdown();
        for (Key k : ConfigSchema.of(ServerConfig.class).keys()) {
            assertThat(rendered).contains("| `" + k.path() + "` | `" + k.envName() + "`");
        }
    }

    @Test
    void theReferencesExampleIsAValidConfiguration() throws Exception {
        ServerConfig config = ConfigBinder.bind(ServerConfig.class, new YAMLMapper().readTree(ConfigReference.EXAMPLE),
                "example", Map.of(), Map.of());

        assertThat(config.notifiers().email().server()).isEqualTo("smtp.gmail.com");
        assertThat(config.engine().statisticsZone()).isEqualTo("Asia/Seoul");
    }

    @Test
    void environmentNamesAreUniqueAndAliasesDoNotCollideWithThem() {
        Set<String> names = new HashSet<>();
        for (Key k : ConfigSchema.of(ServerConfig.class).keys()) {
            assertThat(names.add(k.envName())).as(k.envName()).isTrue();
            if (k.alias() != null) {
                assertThat(names.add(k.alias())).as(k.alias()).isTrue();
                assertThat(k.alias()).doesNotStartWith(ConfigSchema.ENV_PREFIX);
            }
        }
    }

    @Test
    void everyDefaultIsValidForItsKey() {
        // Binding with nothing configured converts and checks every default.
        ServerConfig defaults = ServerConfig.defaults();

        assertThat(defaults.http().host()).isEqualTo("127.0.0.1");
        assertThat(defaults.http().port()).isEqualTo(8000);
        assertThat(defaults.store().type()).isEqualTo(ServerConfig.StoreType.SQLITE);
        assertThat(defaults.data().dir()).isEqualTo(Path.of("data"));
    }
}
