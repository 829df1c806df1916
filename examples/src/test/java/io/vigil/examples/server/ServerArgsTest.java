package io.vigil.examples.server;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerArgsTest {
    @Test
    void readsBothFormsOfTheOptions() {
        assertThat(ServerArgs.parse(List.of("--config", "vigil.yaml", "--rules=r.json")))
                .isEqualTo(new ServerArgs(Path.of("vigil.yaml"), Map.of("rules.file", "r.json"), false));
        assertThat(ServerArgs.parse(List.of("--help")).help()).isTrue();
        assertThat(ServerArgs.parse(List.of())).isEqualTo(new ServerArgs(null, Map.of(), false));
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> ServerArgs.parse(List.of("--port", "9000"))).hasMessage("unknown option --port");
        assertThatThrownBy(() -> ServerArgs.parse(List.of("--config"))).hasMessage("--config needs a file");
        assertThatThrownBy(() -> ServerArgs.parse(List.of("--rules="))).hasMessage("--rules needs a file");
    }

    @Property(tries = 500)
    void anyCommandLineParsesOrIsRefusedWithAReason(@ForAll @Size(max = 5) List<String> args) {
        try {
            ServerArgs parsed = ServerArgs.parse(args);
            assertThat(parsed.overrides().keySet()).isSubsetOf("rules.file");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
