package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.api.ValidationError;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IpmiTargetTest {

    @Test
    void lanTargetDefaults() {
        IpmiTarget t = IpmiTarget.lan("node1", "10.0.0.21").build();

        assertThat(t.id()).isEqualTo("node1");
        assertThat(t.isLan()).isTrue();
        assertThat(t.host()).contains("10.0.0.21");
        assertThat(t.port()).isEqualTo(623);
        assertThat(t.user()).isEmpty();
        assertThat(t.password()).isEmpty();
        assertThat(t.privilege()).isEqualTo(IpmiTarget.Privilege.USER);
        assertThat(t.workarounds()).isEmpty();
        assertThat(t.cipherSuite()).isEmpty();
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.tool()).isEqualTo(IpmiTool.AUTO);
        assertThat(t.dcmi()).isEqualTo(IpmiTarget.DcmiMode.AUTO);
        assertThat(t.ipmitoolCommand()).isEqualTo(IpmiTarget.IpmitoolCommand.SDR_ELIST);
        assertThat(t.labels()).isEqualTo(Labels.of("node", "node1", "bmc", "10.0.0.21"));
    }

    @Test
    void localTargetAndOwnLabels() {
        assertThat(IpmiTarget.local("self").build().labels()).isEqualTo(Labels.of("node", "self", "bmc", "local"));
        assertThat(IpmiTarget.local("self").build().isLan()).isFalse();
        IpmiTarget t = IpmiTarget.lan("n1", "10.0.0.21").node("worker1").bmc("idrac-worker1").label("rack", "r12").build();
        assertThat(t.labels()).isEqualTo(Labels.of("node", "worker1", "bmc", "idrac-worker1", "rack", "r12"));
    }

    @Test
    void reportsEveryInvalidOptionAtOnceAtItsKey() {
        AlertingException e = catchThrowableOfType(AlertingException.class, () -> IpmiTarget.lan("n1", "-oProxyCommand=x")
                .port(0).user("-x").password(Secret.of("line\nbreak")).workarounds("Open Sess").cipherSuite(18)
                .timeout(Duration.ZERO).node(" ").label("sensor", "x").label("rack", "").build());

        assertThat(e.errors()).extracting(ValidationError::path).containsExactly("target.n1.host", "target.n1.port",
                "target.n1.user", "target.n1.password", "target.n1.workarounds", "target.n1.cipherSuite", "target.n1.timeout",
                "target.n1.node", "target.n1.label.sensor", "target.n1.label.rack");
        assertThat(e.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.INVALID_FIELD, ErrorCode.INVALID_FIELD,
                ErrorCode.INVALID_FIELD, ErrorCode.INVALID_FIELD, ErrorCode.INVALID_FIELD, ErrorCode.INVALID_FIELD,
                ErrorCode.INVALID_DURATION, ErrorCode.MISSING_FIELD, ErrorCode.INVALID_FIELD, ErrorCode.MISSING_FIELD);
        assertThat(e.getMessage()).doesNotContain("line\nbreak");
    }

    @Test
    void credentialsNeedAHost() {
        assertThatThrownBy(() -> IpmiTarget.local("self").user("admin").build())
                .isInstanceOfSatisfying(AlertingException.class, e -> assertThat(e.errors()).singleElement()
                        .isEqualTo(new ValidationError(ErrorCode.INVALID_FIELD, "target.self.user",
                                "credentials apply only to a LAN target: set target.self.host")));
    }

    @Test
    void idsMustFitConfigurationKeysAndFileNames() {
        for (String bad : new String[] {"", "a.b", "../x", "a b", "x".repeat(65)}) {
            assertThatThrownBy(() -> IpmiTarget.local(bad).build()).isInstanceOfSatisfying(AlertingException.class,
                    e -> assertThat(e.errors()).singleElement().extracting(ValidationError::path).isEqualTo("targets"));
        }
        assertThat(IpmiTarget.local("rack-1_node_07").build().id()).isEqualTo("rack-1_node_07");
    }

    @Test
    void neverShowsThePassword() {
        IpmiTarget t = IpmiTarget.lan("n1", "10.0.0.21").user("admin").password(Secret.of("hunter2")).build();

        assertThat(t.toString()).doesNotContain("hunter2").contains("10.0.0.21:623");
        assertThat(t.password().orElseThrow().toString()).isEqualTo(Secret.REDACTED);
    }
}
