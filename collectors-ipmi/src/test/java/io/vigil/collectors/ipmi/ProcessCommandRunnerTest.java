package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs real child processes. */
class ProcessCommandRunnerTest {
    private static final Duration PLENTY = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private PrivateDirectory scratch;
    private ProcessCommandRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        scratch = PrivateDirectory.create("vigil-ipmi-test-");
        runner = new ProcessCommandRunner(scratch);
    }

    @AfterEach
    void tearDown() {
        scratch.close();
    }

    @Test
    void capturesBothStreamsAndTheExitStatus() throws Exception {
        CommandResult r = runner.run(new Command(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3")), PLENTY);

        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        try (var files = Files.list(scratch.path())) {
            assertThat(files).as("captured output is deleted").isEmpty();
        }
    }

    @Test
    void passesSecretsInTheChildsEnvironmentOnly() throws Exception {
        Command command = new Command(List.of("/bin/sh", "-c", "printf '%s' \"$IPMI_PASSWORD\""),
                Map.of("IPMI_PASSWORD", Secret.of("s3cret")));

        CommandResult r = runner.run(command, PLENTY);

        assertThat(r.stdout()).isEqualTo("s3cret");
        assertThat(command.argv()).noneMatch(a -> a.contains("s3cret"));
        assertThat(System.getenv("IPMI_PASSWORD")).as("never put into Vigil's own environment").isNull();
    }

    @Test
    void runsTheToolsInTheCLocale() throws Exception {
        assertThat(runner.run(new Command(List.of("/bin/sh", "-c", "printf '%s' \"$LC_ALL\"")), PLENTY).stdout()).isEqualTo("C");
    }

    @Test
    void aToolWaitingForInputGetsEndOfFileAtOnce() throws Exception {
        CommandResult r = runner.run(new Command(List.of("/bin/sh", "-c", "read line; echo \"read gave $?\"")), PLENTY);

        assertThat(r.timedOut()).isFalse();
        assertThat(r.stdout()).isEqualTo("read gave 1\n");
    }

    @Test
    void cutsOffEndlessOutput() throws Exception {
        CommandResult r = runner.run(new Command(List.of("/bin/sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' x")), PLENTY);

        assertThat(r.stdout()).hasSize(ProcessCommandRunner.OUTPUT_LIMIT);
    }

    @Test
    void killsAHungToolAndItsChildrenAtTheDeadline() throws Exception {
        Path tool = Scripts.write(tmp.resolve("hang.sh"), "echo started; echo going to hang >&2\n" + Scripts.hangBody(tmp, "hang"));

        CommandResult r = runner.run(new Command(List.of(tool.toString())), Duration.ofSeconds(2));

        assertThat(r.timedOut()).isTrue();
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(r.stderr()).isEqualTo("going to hang\n");
        assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(PLENTY);
        assertThat(Scripts.ended(Scripts.pid(tmp.resolve("hang.pid")), Duration.ofSeconds(10))).as("the tool").isTrue();
        assertThat(Scripts.ended(Scripts.pid(tmp.resolve("hang.child")), Duration.ofSeconds(10))).as("its child").isTrue();
    }

    @Test
    void interruptingTheCallerKillsTheToolAndItsChildren() throws Exception {
        Path tool = Scripts.write(tmp.resolve("hang.sh"), Scripts.hangBody(tmp, "hang"));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<CommandResult> running = thread.submit(() -> runner.run(new Command(List.of(tool.toString())), Duration.ofMinutes(5)));
            assertThat(Scripts.awaitFile(tmp.resolve("hang.pid"), PLENTY)).isTrue();

            running.cancel(true);

            assertThat(Scripts.ended(Scripts.pid(tmp.resolve("hang.pid")), Duration.ofSeconds(10))).as("the tool").isTrue();
            assertThat(Scripts.ended(Scripts.pid(tmp.resolve("hang.child")), Duration.ofSeconds(10))).as("its child").isTrue();
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void aMissingProgramCannotStart() {
        assertThatThrownBy(() -> runner.run(new Command(List.of(tmp.resolve("no-such-tool").toString())), PLENTY))
                .isInstanceOf(IOException.class);
    }
}
