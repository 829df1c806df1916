package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Secret;
import io.vigil.collectors.CollectorHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real IPMI peer: OpenIPMI's {@code ipmi_sim} on 127.0.0.1, read over lanplus with the
 * real FreeIPMI and ipmitool. Skipped where the simulator is not installed, except in CI.
 */
class IpmiSimulatorTest {
    private static final int CPU1_TEMP = 1;
    private static final int FAN1 = 4;

    @TempDir
    Path tmp;
    private IpmiSimulator sim;
    private final TestClock clock = new TestClock();
    private final CollectorHealth health = new CollectorHealth(clock);

    @BeforeEach
    void startSimulator() throws Exception {
        IpmiSimulator.requireInstalled();
        sim = IpmiSimulator.start(tmp.resolve("sim"));
    }

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    private IpmiTarget.Builder simTarget(String id, IpmiTool tool) {
        return IpmiTarget.lan(id, "127.0.0.1").port(sim.port).user(IpmiSimulator.USER)
                .password(Secret.of(IpmiSimulator.PASSWORD)).workarounds("opensesspriv").tool(tool)
                // ipmitool without a cipher suite first probes the channel's, which the simulator does not answer (9 s)
                .cipherSuite(3).privilege(IpmiTarget.Privilege.ADMIN).timeout(Duration.ofSeconds(10));
    }

    private IpmiCollector.Builder collector() {
        return IpmiCollector.builder().clock(clock).health(health);
    }

    /** Collects until {@code done} holds, at most ten times: each try runs the real tool, nothing sleeps. */
    private RecordingSink collectUntil(IpmiCollector ipmi, Predicate<RecordingSink> done) throws Exception {
        RecordingSink sink = null;
        for (int i = 0; i < 10; i++) {
            sink = new RecordingSink(clock);
            ipmi.collect(sink);
            if (done.test(sink)) {
                return sink;
            }
        }
        return sink;
    }

    @ParameterizedTest
    @EnumSource(value = IpmiTool.class, names = {"FREEIPMI", "IPMITOOL"})
    void readsRealSensorsAndSeesThemChange(IpmiTool tool) throws Exception {
        try (IpmiCollector ipmi = collector().target(simTarget("node1", tool).build()).build()) {
            RecordingSink nominal = new RecordingSink(clock);
            ipmi.collect(nominal);

            assertThat(nominal.value("ipmi_up", "node", "node1")).isEqualTo(1.0);
            assertThat(nominal.value("ipmi_temperature_celsius", "sensor", "CPU1 Temp")).isEqualTo(45.0);
            assertThat(nominal.value("ipmi_temperature_celsius", "sensor", "Inlet Temp")).isEqualTo(24.0);
            assertThat(nominal.state("ipmi_sensor_state", "sensor", "CPU1 Temp", "type", "temperature")).isEqualTo("nominal");
            assertThat(nominal.value("ipmi_fan_speed_rpm", "sensor", "FAN1")).isEqualTo(3200.0);
            assertThat(nominal.value("ipmi_power_watts", "sensor", "PSU1 Power")).isEqualTo(144.0);
            assertThat(nominal.value("ipmi_voltage_volts", "sensor", "12V")).isEqualTo(12.06);
            assertThat(nominal.value("ipmi_power_total_watts", "source", "psu_sum")).isEqualTo(284.0);
            assertThat(nominal.state("ipmi_psu_redundancy_state", "sensor", "PS Redundancy")).isEqualTo("redundant");
            assertThat(nominal.find("ipmi_temperature_celsius")).hasSize(3);
            assertThat(nominal.find("ipmi_voltage_volts")).hasSize(3);
            assertThat(health.problems()).as("DCMI is not simulated: a fact, not a problem").isEmpty();
            assertThat(ipmi.readers().get(0).dcmiUnavailable()).isTrue();

            sim.setRaw(CPU1_TEMP, 95);
            sim.setRaw(FAN1, 0);
            RecordingSink hot = collectUntil(ipmi, s -> "critical".equals(s.state("ipmi_sensor_state", "sensor", "FAN1")));

            assertThat(hot.value("ipmi_temperature_celsius", "sensor", "CPU1 Temp")).isEqualTo(95.0);
            assertThat(hot.state("ipmi_sensor_state", "sensor", "CPU1 Temp")).isEqualTo("critical");
            assertThat(hot.value("ipmi_fan_speed_rpm", "sensor", "FAN1")).isEqualTo(0.0);
            assertThat(hot.state("ipmi_sensor_state", "sensor", "FAN1", "type", "fan")).isEqualTo("critical");
            assertThat(hot.state("ipmi_sensor_state", "sensor", "FAN2")).isEqualTo("nominal");

            sim.setRaw(CPU1_TEMP, 85);
            RecordingSink warm = collectUntil(ipmi, s -> s.value("ipmi_temperature_celsius", "sensor", "CPU1 Temp") == 85.0);
            assertThat(warm.state("ipmi_sensor_state", "sensor", "CPU1 Temp"))
                    .as("over the upper non-critical threshold (80) only").isEqualTo("warning");

            sim.setPsuRedundancy(1);
            RecordingSink lost = collectUntil(ipmi, s -> "lost".equals(s.state("ipmi_psu_redundancy_state", "sensor", "PS Redundancy")));
            assertThat(lost.state("ipmi_psu_redundancy_state", "sensor", "PS Redundancy")).isEqualTo("lost");
            if (tool == IpmiTool.FREEIPMI) {
                assertThat(lost.state("ipmi_sensor_state", "sensor", "PS Redundancy")).isEqualTo("critical");
            }
            assertThat(health.problems()).isEmpty();
        }
    }

    @Test
    void thePasswordIsNeverOnTheCommandLineOfTheRunningTools() throws Exception {
        // Wrappers record what the operating system shows of each running tool (/proc/PID/cmdline, what
        // ps and ProcessHandle.info() read) and its environment, then exec the real tool in the same process.
        Path traces = Files.createDirectories(tmp.resolve("traces"));
        Path sensorsWrapper = wrapper(traces, IpmiSimulator.tool("ipmi-sensors"));
        Path dcmiWrapper = wrapper(traces, IpmiSimulator.tool("ipmi-dcmi"));
        Path ipmitoolWrapper = wrapper(traces, IpmiSimulator.tool("ipmitool"));

        try (IpmiCollector ipmi = collector().target(simTarget("fi", IpmiTool.FREEIPMI).build())
                .target(simTarget("it", IpmiTool.IPMITOOL).build())
                .ipmiSensorsPath(sensorsWrapper).ipmiDcmiPath(dcmiWrapper).ipmitoolPath(ipmitoolWrapper).build()) {
            RecordingSink sink = new RecordingSink(clock);
            ipmi.collect(sink);
            assertThat(sink.value("ipmi_up", "node", "fi")).isEqualTo(1.0);
            assertThat(sink.value("ipmi_up", "node", "it")).isEqualTo(1.0);
        }

        List<Path> cmdlines;
        try (var files = Files.list(traces)) {
            cmdlines = files.filter(f -> f.getFileName().toString().startsWith("cmdline.")).sorted().toList();
        }
        assertThat(cmdlines).as("sensors and DCMI, for both tools").hasSize(4);
        boolean sawIpmitool = false;
        for (Path cmdline : cmdlines) {
            String argv = Files.readString(cmdline, StandardCharsets.UTF_8);
            assertThat(argv).doesNotContain(IpmiSimulator.PASSWORD).doesNotContain("-P\0");
            String environ = Files.readString(traces.resolve(cmdline.getFileName().toString().replace("cmdline.", "environ.")),
                    StandardCharsets.UTF_8);
            if (argv.contains("ipmitool")) {
                sawIpmitool = true;
                assertThat(argv).contains("\0-E\0");
                assertThat(List.of(environ.split("\0"))).contains("IPMI_PASSWORD=" + IpmiSimulator.PASSWORD);
            } else {
                assertThat(argv).contains("--config-file=");
                assertThat(environ).doesNotContain(IpmiSimulator.PASSWORD);
            }
        }
        assertThat(sawIpmitool).isTrue();
    }

    private static Path wrapper(Path traces, Path tool) throws Exception {
        return Scripts.write(traces.resolve("wrap-" + tool.getFileName()),
                "cat /proc/$$/cmdline > '" + traces + "/cmdline.'$$\n"
                + "cat /proc/$$/environ > '" + traces + "/environ.'$$\n"
                + "exec '" + tool + "' \"$@\"");
    }

    @ParameterizedTest
    @EnumSource(value = IpmiTool.class, names = {"FREEIPMI", "IPMITOOL"})
    void anUnreachableBmcIsDownAndTheSimulatorStillRead(IpmiTool tool) throws Exception {
        int nobody = IpmiSimulator.freeUdpPort();
        IpmiTarget gone = simTarget("gone", tool).port(nobody).timeout(Duration.ofSeconds(4)).build();

        try (IpmiCollector ipmi = collector().target(gone).target(simTarget("node1", tool).build()).build()) {
            RecordingSink sink = new RecordingSink(clock);
            ipmi.collect(sink);

            assertThat(sink.value("ipmi_up", "node", "gone")).isEqualTo(0.0);
            assertThat(sink.value("ipmi_up", "node", "node1")).isEqualTo(1.0);
            assertThat(sink.value("ipmi_temperature_celsius", "node", "node1", "sensor", "CPU1 Temp")).isEqualTo(45.0);
            assertThat(sink.samples().get(sink.samples().size() - 1).labels().get("node")).isEqualTo("gone");
            assertThat(health.problems()).containsOnlyKeys("target gone");
            String reason = health.problems().get("target gone").message();
            if (tool == IpmiTool.FREEIPMI) {
                // FreeIPMI gives up on its own (session timeout 3 s) or is stopped by the collector just after saying so
                assertThat(reason).matches("FreeIPMI (failed \\(exit 1\\)|gave no answer within PT4S and was stopped \\(last said): "
                        + "\\S*ipmi-sensors: connection timeout\\)?");
            } else {
                assertThat(reason).isEqualTo("ipmitool gave no answer within PT4S and was stopped");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = IpmiTool.class, names = {"FREEIPMI", "IPMITOOL"})
    void aWrongPasswordIsDownAndNotShown(IpmiTool tool) throws Exception {
        IpmiTarget wrong = simTarget("node1", tool).password(Secret.of("not-the-password")).timeout(Duration.ofSeconds(3)).build();

        try (IpmiCollector ipmi = collector().target(wrong).build()) {
            RecordingSink sink = new RecordingSink(clock);
            ipmi.collect(sink);

            assertThat(sink.value("ipmi_up", "node", "node1")).isEqualTo(0.0);
            String reason = health.problems().get("target node1").message();
            assertThat(reason).doesNotContain("not-the-password");
            if (tool == IpmiTool.FREEIPMI) {
                assertThat(reason).startsWith("FreeIPMI failed (exit 1): ").endsWith("ipmi-sensors: password invalid");
            }
        }
    }

    @Test
    void readsSensorsWithUserPrivilegeAndSaysWhyDcmiNeedsMore() throws Exception {
        IpmiTarget user = simTarget("node1", IpmiTool.FREEIPMI).privilege(IpmiTarget.Privilege.USER).build();

        try (IpmiCollector ipmi = collector().target(user).build()) {
            RecordingSink sink = new RecordingSink(clock);
            ipmi.collect(sink);

            assertThat(sink.value("ipmi_up", "node", "node1")).isEqualTo(1.0);
            assertThat(sink.value("ipmi_temperature_celsius", "sensor", "CPU1 Temp")).isEqualTo(45.0);
            assertThat(health.problems()).containsOnlyKeys("target node1 dcmi");
            assertThat(health.problems().get("target node1 dcmi").message())
                    .contains("privilege level insufficient").endsWith("(raise the target's privilege, or set its dcmi option to off)");
        }
    }
}
