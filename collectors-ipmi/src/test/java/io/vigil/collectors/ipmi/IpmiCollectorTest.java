package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.alerting.api.Secret;
import io.vigil.collectors.CollectorHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The collector with real child processes: shell scripts standing in for the IPMI tools. */
class IpmiCollectorTest {
    private static final String PASSWORD = "vigil-sim";

    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock();
    private final CollectorHealth health = new CollectorHealth(clock);

    private IpmiCollector.Builder collector(FakeTools tools, IpmiTarget... targets) {
        return IpmiCollector.builder().targets(List.of(targets)).clock(clock).health(health)
                .hostLabels(Labels.of("host", "vigil-1"))
                .ipmiSensorsPath(tools.ipmiSensors).ipmiDcmiPath(tools.ipmiDcmi).ipmitoolPath(tools.ipmitool);
    }

    private static IpmiTarget target(String id, String host) {
        return IpmiTarget.lan(id, host).user("admin").password(Secret.of(PASSWORD)).timeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void readsEveryTargetWithItsOwnLabels() throws Exception {
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        RecordingSink sink = new RecordingSink(clock);
        try (IpmiCollector ipmi = collector(tools, target("node1", "bmc1.test"), target("node2", "bmc2.test")).build()) {
            ipmi.collect(sink);
        }

        for (String node : List.of("node1", "node2")) {
            assertThat(sink.value("ipmi_up", "node", node)).isEqualTo(1.0);
            assertThat(sink.value("ipmi_temperature_celsius", "node", node, "sensor", "CPU1 Temp")).isEqualTo(45.0);
            assertThat(sink.state("ipmi_sensor_state", "node", node, "sensor", "CPU1 Temp")).isEqualTo("nominal");
            assertThat(sink.value("ipmi_power_total_watts", "node", node)).isEqualTo(284.0);
        }
        Sample up = sink.find("ipmi_up", "node", "node2").get(0);
        assertThat(up.labels()).isEqualTo(Labels.of("host", "vigil-1", "node", "node2", "bmc", "bmc2.test"));
        assertThat(up.timestamp()).isEqualTo(clock.instant());
        assertThat(health.isHealthy()).isTrue();
    }

    @Test
    void aHungBmcIsDownWithoutDelayingTheOthersAndItsToolIsKilled() throws Exception {
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        IpmiTarget hung = IpmiTarget.lan("stuck", "hang.test").user("admin").password(Secret.of(PASSWORD))
                .timeout(Duration.ofSeconds(1)).build();
        RecordingSink sink = new RecordingSink(clock);

        long start = System.nanoTime();
        try (IpmiCollector ipmi = collector(tools, target("node1", "bmc1.test"), hung, target("node2", "bmc2.test")).build()) {
            ipmi.collect(sink);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(sink.value("ipmi_up", "node", "stuck")).isEqualTo(0.0);
        assertThat(sink.find("ipmi_temperature_celsius", "node", "stuck")).isEmpty();
        assertThat(sink.value("ipmi_up", "node", "node1")).isEqualTo(1.0);
        assertThat(sink.value("ipmi_up", "node", "node2")).isEqualTo(1.0);
        List<Sample> samples = sink.samples();
        assertThat(samples.get(samples.size() - 1).labels().get("node"))
                .as("the other targets' samples were written before the hung one gave up").isEqualTo("stuck");
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(health.problems()).containsOnlyKeys("target stuck");
        assertThat(health.problems().get("target stuck").message())
                .isEqualTo("FreeIPMI gave no answer within PT1S and was stopped");
        assertThat(Scripts.ended(Scripts.pid(tools.dir.resolve("hang.test.pid")), Duration.ofSeconds(10))).isTrue();
        assertThat(Scripts.ended(Scripts.pid(tools.dir.resolve("hang.test.child")), Duration.ofSeconds(10))).isTrue();
        assertThat(tools.dcmiCalls("hang.test")).isZero();
    }

    @Test
    void anUnreachableBmcIsDownUntilItAnswersAgain() throws Exception {
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        try (IpmiCollector ipmi = collector(tools, target("node1", "bmc1.test"), target("gone", "down.test")).build()) {
            RecordingSink first = new RecordingSink(clock);
            ipmi.collect(first);
            assertThat(first.value("ipmi_up", "node", "gone")).isEqualTo(0.0);
            assertThat(first.value("ipmi_up", "node", "node1")).isEqualTo(1.0);
            assertThat(health.problems().get("target gone").message())
                    .isEqualTo("FreeIPMI failed (exit 1): ipmi-sensors: connection timeout");

            Files.createFile(tools.dir.resolve("healed"));
            RecordingSink second = new RecordingSink(clock);
            ipmi.collect(second);
            assertThat(second.value("ipmi_up", "node", "gone")).isEqualTo(1.0);
            assertThat(second.value("ipmi_fan_speed_rpm", "node", "gone", "sensor", "FAN1")).isEqualTo(3200.0);
            assertThat(health.isHealthy()).isTrue();
        }
    }

    @Test
    void targetsAreReadConcurrently() throws Exception {
        // Each barrier tool answers only once all three have started (or gives up after 5 s and
        // answers anyway, too late for its 3 s timeout): read one after the other, all would be down.
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        List<IpmiTarget> targets = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            targets.add(IpmiTarget.lan("n" + i, "barrier" + i + ".test").timeout(Duration.ofSeconds(3)).dcmi(IpmiTarget.DcmiMode.OFF).build());
        }
        RecordingSink sink = new RecordingSink(clock);
        try (IpmiCollector ipmi = collector(tools).targets(targets).build()) {
            ipmi.collect(sink);
        }

        assertThat(sink.find("ipmi_up")).extracting(Sample::value).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void withConcurrencyOneTheBarrierIsNeverMet() throws Exception {
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        List<IpmiTarget> targets = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            targets.add(IpmiTarget.lan("n" + i, "barrier" + i + ".test").timeout(Duration.ofSeconds(1)).dcmi(IpmiTarget.DcmiMode.OFF).build());
        }
        RecordingSink sink = new RecordingSink(clock);
        try (IpmiCollector ipmi = collector(tools).targets(targets).concurrency(1).build()) {
            ipmi.collect(sink);
        }

        assertThat(sink.find("ipmi_up")).extracting(Sample::value).containsExactly(0.0, 0.0);
    }

    @Test
    void garbledOutputIsReportedInHealthAndTheRestIsRead() throws Exception {
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        RecordingSink sink = new RecordingSink(clock);
        try (IpmiCollector ipmi = collector(tools, target("odd", "garbled.test")).build()) {
            ipmi.collect(sink);
        }

        assertThat(sink.value("ipmi_up", "node", "odd")).isEqualTo(1.0);
        assertThat(sink.find("ipmi_temperature_celsius", "node", "odd")).hasSize(3);
        assertThat(health.problems()).containsOnlyKeys("target odd output");
        assertThat(health.problems().get("target odd output").message())
                .isEqualTo("line 1: expected 7 comma-separated fields, found 1: 'Unrecognised banner' (and 1 more)");
    }

    @Test
    void aBmcWithoutDcmiIsAskedOnlyOnce() throws Exception {
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        try (IpmiCollector ipmi = collector(tools, target("node1", "bmc1.test")).build()) {
            for (int i = 0; i < 3; i++) {
                ipmi.collect(new RecordingSink(clock));
                clock.advance(Duration.ofSeconds(30));
            }
            assertThat(tools.dcmiCalls("bmc1.test")).isEqualTo(1);
            clock.advance(IpmiCollector.DEFAULT_DCMI_RETRY_INTERVAL);
            ipmi.collect(new RecordingSink(clock));
            assertThat(tools.dcmiCalls("bmc1.test")).isEqualTo(2);
        }
        assertThat(health.isHealthy()).isTrue();
    }

    @Test
    void passwordsReachTheToolsButNeverTheirCommandLines() throws Exception {
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        List<Command> launched = Collections.synchronizedList(new ArrayList<>());
        IpmiTarget viaFreeIpmi = target("fi", "bmc1.test");
        IpmiTarget viaIpmitool = IpmiTarget.lan("it", "bmc2.test").user("admin").password(Secret.of(PASSWORD))
                .tool(IpmiTool.IPMITOOL).build();
        try (IpmiCollector ipmi = collector(tools, viaFreeIpmi, viaIpmitool)
                .commandRunners(dir -> {
                    ProcessCommandRunner real = new ProcessCommandRunner(dir);
                    return (command, timeout) -> {
                        launched.add(command);
                        return real.run(command, timeout);
                    };
                }).build()) {
            RecordingSink sink = new RecordingSink(clock);
            ipmi.collect(sink);
            assertThat(sink.value("ipmi_up", "node", "fi")).isEqualTo(1.0);
            assertThat(sink.value("ipmi_up", "node", "it")).isEqualTo(1.0);
            assertThat(sink.value("ipmi_voltage_volts", "node", "it", "sensor", "12V")).isEqualTo(12.06);

            // the command lists handed to ProcessBuilder...
            assertThat(launched).hasSize(4).allSatisfy(c -> BackendCommandTest.assertNoPassword(c, PASSWORD));
            // ...and the argument lists the tools actually received
            assertThat(tools.argv("bmc1.test")).noneMatch(a -> a.contains(PASSWORD));
            assertThat(tools.argv("bmc2.test")).noneMatch(a -> a.contains(PASSWORD)).contains("-E");
            assertThat(tools.passwordSeenBy("bmc2.test")).as("ipmitool reads it from IPMI_PASSWORD").isEqualTo(PASSWORD);
            assertThat(tools.passwordSeenBy("bmc1.test")).as("FreeIPMI gets no password variable").isEmpty();
            String configArg = tools.argv("bmc1.test").stream().filter(a -> a.startsWith("--config-file=")).findFirst().orElseThrow();
            Path config = Path.of(configArg.substring("--config-file=".length()));
            assertThat(Files.readString(config)).contains("password \"" + PASSWORD + "\"");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        }
    }

    @Test
    void closeDeletesTheCredentialsAndRefusesFurtherCollections() throws Exception {
        FakeTools tools = FakeTools.in(tmp.resolve("tools"));
        IpmiCollector ipmi = collector(tools, target("node1", "bmc1.test")).build();
        ipmi.collect(new RecordingSink(clock));
        Path dir = ipmi.privateDirectory();
        assertThat(dir.resolve("freeipmi-node1.conf")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

        ipmi.close();

        assertThat(dir).doesNotExist();
        assertThatThrownBy(() -> ipmi.collect(new RecordingSink(clock))).isInstanceOf(IllegalStateException.class);
        ipmi.close(); // twice is harmless
    }

    @Test
    void needsAtLeastOneTargetAndDistinctIds() {
        assertThatThrownBy(() -> IpmiCollector.builder().build())
                .isInstanceOf(io.vigil.alerting.api.AlertingException.class).hasMessageContaining("at least one target");
        assertThatThrownBy(() -> IpmiCollector.builder().target(IpmiTarget.local("a").build()).target(IpmiTarget.local("a").build()).build())
                .isInstanceOf(io.vigil.alerting.api.AlertingException.class).hasMessageContaining("'a' is listed twice");
    }

    @Test
    void isUnavailableWithoutTheToolsItNeeds() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ToolLocator nothing = new ToolLocator(List.of(empty));
        assertThatThrownBy(() -> IpmiCollector.builder().target(IpmiTarget.local("a").build()).toolLocator(nothing).build())
                .isInstanceOf(io.vigil.collectors.CollectorUnavailableException.class)
                .hasMessageContaining("neither FreeIPMI (ipmi-sensors) nor ipmitool is installed");
        assertThatThrownBy(() -> IpmiCollector.builder().target(IpmiTarget.local("a").tool(IpmiTool.IPMITOOL).build())
                .toolLocator(nothing).build())
                .isInstanceOf(io.vigil.collectors.CollectorUnavailableException.class).hasMessageContaining("needs ipmitool");
        assertThatThrownBy(() -> IpmiCollector.builder().target(IpmiTarget.local("a").build())
                .ipmiSensorsPath(empty.resolve("nope")).build())
                .isInstanceOf(io.vigil.collectors.CollectorUnavailableException.class)
                .hasMessageContaining("ipmiSensorsPath '" + empty.resolve("nope") + "' is not an executable file");
    }
}
