package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TargetReaderTest {
    private static final Duration RETRY = Duration.ofHours(1);
    private static final String SENSORS = Fixtures.read("samples/sim/ipmi-sensors-csv.txt");
    private static final String UNSUPPORTED = Fixtures.read("fixtures/sim-freeipmi-dcmi-unsupported.stderr");

    private final TestClock clock = new TestClock();
    private final ScriptedRunner runner = new ScriptedRunner();
    private PrivateDirectory dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = PrivateDirectory.create("vigil-ipmi-test-");
    }

    @AfterEach
    void tearDown() {
        dir.close();
    }

    private TargetReader reader(IpmiTarget.Builder target) throws IOException {
        Backend backend = FreeIpmiBackend.create(target.build(), Path.of("/x/ipmi-sensors"), Path.of("/x/ipmi-dcmi"), dir);
        return new TargetReader(target.build(), backend, runner, clock, RETRY);
    }

    private static IpmiTarget.Builder target() {
        return IpmiTarget.lan("node1", "127.0.0.1").user("admin").password(Secret.of("vigil-sim")).timeout(Duration.ofSeconds(5));
    }

    @Test
    void readsSensorsAndDcmiPower() throws Exception {
        runner.on("ipmi-sensors", 0, SENSORS, "").on("ipmi-dcmi", 0, Fixtures.read("fixtures/freeipmi-dcmi-active.txt"), "");

        TargetReport report = reader(target()).read();

        assertThat(report.up()).isTrue();
        assertThat(report.readings()).hasSize(10);
        assertThat(report.outputProblems()).isEmpty();
        assertThat(report.dcmiWatts()).hasValue(176.0);
        assertThat(report.dcmiProblem()).isNull();
        assertThat(runner.timeouts().get(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(runner.timeouts().get(1)).as("DCMI gets what is left of the target's time").isEqualTo(Duration.ofMillis(4990));
    }

    @Test
    void aBmcWithoutDcmiIsNotAskedAgainUntilTheRetryInterval() throws Exception {
        runner.on("ipmi-sensors", 0, SENSORS, "").on("ipmi-dcmi", 1, "", UNSUPPORTED);
        TargetReader reader = reader(target());

        TargetReport first = reader.read();
        assertThat(first.up()).isTrue();
        assertThat(first.dcmiWatts()).isEmpty();
        assertThat(first.dcmiProblem()).as("no DCMI is a fact, not a problem").isNull();
        assertThat(reader.dcmiUnavailable()).isTrue();

        clock.advance(RETRY.minusSeconds(1));
        reader.read();
        reader.read();
        assertThat(runner.count("ipmi-dcmi")).isEqualTo(1);
        assertThat(runner.count("ipmi-sensors")).isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));
        reader.read();
        assertThat(runner.count("ipmi-dcmi")).as("asked again after the retry interval").isEqualTo(2);

        runner.on("ipmi-dcmi", 0, Fixtures.read("fixtures/freeipmi-dcmi-active.txt"), "");
        reader.read();
        assertThat(runner.count("ipmi-dcmi")).as("still unavailable until the next retry").isEqualTo(2);
        clock.advance(RETRY);
        assertThat(reader.read().dcmiWatts()).hasValue(176.0);
        assertThat(reader.dcmiUnavailable()).isFalse();
    }

    @Test
    void dcmiOnReportsAMissingDcmiEveryTime() throws Exception {
        runner.on("ipmi-sensors", 0, SENSORS, "").on("ipmi-dcmi", 1, "", UNSUPPORTED);
        TargetReader reader = reader(target().dcmi(IpmiTarget.DcmiMode.ON));

        assertThat(reader.read().dcmiProblem()).startsWith("BMC does not support DCMI power readings");
        assertThat(reader.read().dcmiProblem()).startsWith("BMC does not support DCMI power readings");
        assertThat(runner.count("ipmi-dcmi")).isEqualTo(2);
    }

    @Test
    void dcmiOffNeverAsks() throws Exception {
        runner.on("ipmi-sensors", 0, SENSORS, "");

        assertThat(reader(target().dcmi(IpmiTarget.DcmiMode.OFF)).read().up()).isTrue();
        assertThat(runner.count("ipmi-dcmi")).isZero();
    }

    @Test
    void aFailedDcmiReadingIsAProblemAndIsRetriedNextTime() throws Exception {
        runner.on("ipmi-sensors", 0, SENSORS, "")
                .on("ipmi-dcmi", (c, t) -> CommandResult.timedOut("", "", t));
        TargetReader reader = reader(target());

        TargetReport report = reader.read();
        assertThat(report.up()).isTrue();
        assertThat(report.dcmiProblem()).isEqualTo("no DCMI answer within PT4.99S");
        reader.read();
        assertThat(runner.count("ipmi-dcmi")).isEqualTo(2);
    }

    @Test
    void noTimeLeftForDcmiAfterASlowSensorList() throws Exception {
        runner.on("ipmi-sensors", (c, t) -> new CommandResult(0, SENSORS, "", false, Duration.ofMillis(4900)));

        TargetReport report = reader(target()).read();

        assertThat(report.up()).isTrue();
        assertThat(report.dcmiProblem()).isEqualTo("no time left for the DCMI power reading within PT5S");
        assertThat(runner.count("ipmi-dcmi")).isZero();
    }

    @Test
    void aHungToolMarksTheTargetDown() throws Exception {
        runner.on("ipmi-sensors", (c, t) -> CommandResult.timedOut("", "ipmi-sensors: waiting\n", t));

        TargetReport report = reader(target()).read();

        assertThat(report.up()).isFalse();
        assertThat(report.downReason()).isEqualTo("FreeIPMI gave no answer within PT5S and was stopped (last said: ipmi-sensors: waiting)");
        assertThat(runner.count("ipmi-dcmi")).isZero();
    }

    @Test
    void aFailingToolMarksTheTargetDownWithItsLastWords() throws Exception {
        runner.on("ipmi-sensors", 1, "", "ipmi-sensors: connection timeout\n");

        TargetReport report = reader(target()).read();

        assertThat(report.up()).isFalse();
        assertThat(report.downReason()).isEqualTo("FreeIPMI failed (exit 1): ipmi-sensors: connection timeout");
    }

    @Test
    void aToolThatFailsAfterPrintingSensorsLeavesTheTargetUpWithAProblem() throws Exception {
        runner.on("ipmi-sensors", 1, SENSORS + "garbage\n", "ipmi-sensors: internal IPMI error\n").on("ipmi-dcmi", 1, "", UNSUPPORTED);

        TargetReport report = reader(target()).read();

        assertThat(report.up()).isTrue();
        assertThat(report.readings()).hasSize(10);
        assertThat(report.outputProblems()).containsExactly("FreeIPMI exited with 1: ipmi-sensors: internal IPMI error",
                "line 11: expected 7 comma-separated fields, found 1: 'garbage'");
    }

    @Test
    void aMissingToolMarksTheTargetDown() throws Exception {
        TargetReport report = reader(target()).read();

        assertThat(report.up()).isFalse();
        assertThat(report.downReason()).startsWith("cannot run FreeIPMI: no such program");
    }

    @Test
    void messagesNeverCarryThePasswordEvenIfAToolEchoedIt() throws Exception {
        runner.on("ipmi-sensors", 1, "", "ipmi-sensors: bad password 'vigil-sim'\n");

        TargetReport report = reader(target()).read();

        assertThat(report.downReason()).isEqualTo("FreeIPMI failed (exit 1): ipmi-sensors: bad password '******'");
    }

    @Test
    void ipmitoolBackendReadsTheSameSimulator() throws Exception {
        runner.on("ipmitool", (c, t) -> {
            if (c.argv().contains("dcmi")) {
                return new CommandResult(1, "\n", Fixtures.read("fixtures/sim-ipmitool-dcmi-unsupported.stderr"), false, Duration.ofMillis(5));
            }
            return new CommandResult(0, Fixtures.read("samples/sim/ipmitool-sdr-elist.txt"), "Unable to Get Channel Cipher Suites\n",
                    false, Duration.ofMillis(5));
        });
        IpmiTarget target = target().build();
        TargetReader reader = new TargetReader(target, new IpmitoolBackend(target, Path.of("/x/ipmitool")), runner, clock, RETRY);

        TargetReport report = reader.read();

        assertThat(report.up()).isTrue();
        assertThat(report.readings()).hasSize(10);
        assertThat(report.outputProblems()).isEmpty();
        assertThat(reader.dcmiUnavailable()).isTrue();
    }
}
