package io.vigil.collectors.ipmi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DcmiParserTest {

    @Test
    void readsFreeIpmisPowerStatistics() {
        assertThat(DcmiParser.judge(0, Fixtures.read("fixtures/freeipmi-dcmi-active.txt"), ""))
                .isEqualTo(new DcmiOutcome.Reading(176.0, java.util.List.of()));
    }

    @Test
    void readsIpmitoolsPowerReading() {
        assertThat(DcmiParser.judge(0, Fixtures.read("fixtures/ipmitool-dcmi-active.txt"), ""))
                .isEqualTo(new DcmiOutcome.Reading(176.0, java.util.List.of()));
    }

    @Test
    void aDeactivatedMeasurementIsUnavailableNotZero() {
        DcmiOutcome outcome = DcmiParser.judge(0, Fixtures.read("fixtures/ipmitool-dcmi-deactivated.txt"), "");

        assertThat(outcome).isInstanceOf(DcmiOutcome.Unavailable.class);
        assertThat(((DcmiOutcome.Unavailable) outcome).reason()).contains("not active").contains("deactivated");
        assertThat(DcmiParser.parse(Fixtures.read("fixtures/freeipmi-dcmi-active.txt").replace("Active", "Deactive")))
                .isInstanceOf(DcmiOutcome.Unavailable.class);
    }

    @Test
    void theSimulatorsInvalidCommandMeansUnsupported() {
        DcmiOutcome ipmitool = DcmiParser.judge(1, "\n", Fixtures.read("fixtures/sim-ipmitool-dcmi-unsupported.stderr"));
        DcmiOutcome freeipmi = DcmiParser.judge(1, "", Fixtures.read("fixtures/sim-freeipmi-dcmi-unsupported.stderr"));

        assertThat(ipmitool).isEqualTo(new DcmiOutcome.Unavailable(
                "BMC does not support DCMI power readings: DCMI request failed because: Invalid command (c1)"));
        assertThat(freeipmi).isEqualTo(new DcmiOutcome.Unavailable(
                "BMC does not support DCMI power readings: ipmi_cmd_dcmi_get_power_reading: command invalid or unsupported"));
    }

    @Test
    void otherErrorsAreFailuresWorthRetrying() {
        assertThat(DcmiParser.judge(1, "", "ipmi-dcmi: connection timeout"))
                .isEqualTo(new DcmiOutcome.Failed("DCMI power reading failed (exit 1): ipmi-dcmi: connection timeout"));
        assertThat(DcmiParser.judge(0, "", "")).isEqualTo(new DcmiOutcome.Failed("no current power in DCMI output"));
    }

    @Test
    void garbledOutputIsAFailureNamingTheLine() {
        DcmiOutcome outcome = DcmiParser.judge(0, "Current Power : lots\n", "");

        assertThat(outcome).isEqualTo(new DcmiOutcome.Failed("line 1: current power is not in Watts: 'Current Power : lots'"));
        assertThat(DcmiParser.judge(0, "what is this\n", ""))
                .isEqualTo(new DcmiOutcome.Failed("line 1: unknown DCMI output line: 'what is this'"));
    }

    @Test
    void unknownLinesBesideAReadingAreReportedWithIt() {
        DcmiOutcome outcome = DcmiParser.judge(0, Fixtures.read("fixtures/freeipmi-dcmi-active.txt") + "Frobnication : 3\n", "");

        assertThat(outcome).isEqualTo(new DcmiOutcome.Reading(176.0,
                java.util.List.of("line 8: unknown DCMI output line: 'Frobnication : 3'")));
    }
}
