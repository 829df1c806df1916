package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.ValidationError;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IpmiPropertiesTest {
    private static final Function<String, String> ENV = Map.of("BMC_PASSWORD", "from-env")::get;

    @TempDir
    Path tmp;

    private List<IpmiTarget> targets(Map<String, String> properties) throws Exception {
        return targets(properties, p -> false);
    }

    private List<IpmiTarget> targets(Map<String, String> properties, java.util.function.Predicate<Path> devices) throws Exception {
        CollectorContext context = CollectorContext.builder().properties(properties).build();
        // Stand-in tools: the builder checks only that they are executable; nothing runs here.
        Path tools = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("ipmi-sensors", "ipmi-dcmi", "ipmitool")) {
            Path file = tools.resolve(tool);
            if (!Files.exists(file)) {
                Scripts.write(file, "exit 0");
            }
        }
        try (IpmiCollector collector = IpmiProperties.parse(context, ENV, devices)
                .toolLocator(new ToolLocator(tools.toString())).build()) {
            return collector.targets();
        }
    }

    private static List<ValidationError> errors(Map<String, String> properties) {
        CollectorContext context = CollectorContext.builder().properties(properties).build();
        return catchThrowableOfType(AlertingException.class, () -> IpmiProperties.parse(context, ENV, p -> false)).errors();
    }

    @Test
    void readsTargetsWithSharedDefaultsAndTheirOwnOptions() throws Exception {
        Path passwordFile = Files.writeString(tmp.resolve("node2.pw"), "from-file\n");
        List<IpmiTarget> targets = targets(Map.ofEntries(
                Map.entry("targets", "node1, node2"),
                Map.entry("user", "monitor"),
                Map.entry("passwordEnv", "BMC_PASSWORD"),
                Map.entry("workarounds", "opensesspriv"),
                Map.entry("timeout", "4s"),
                Map.entry("privilege", "admin"),
                Map.entry("target.node1.host", "127.0.0.1"),
                Map.entry("target.node1.port", "9623"),
                Map.entry("target.node1.label.rack", "r12"),
                Map.entry("target.node2.host", "bmc2.example.org"),
                Map.entry("target.node2.user", "root"),
                Map.entry("target.node2.passwordFile", passwordFile.toString()),
                Map.entry("target.node2.workarounds", "authcap, intel20"),
                Map.entry("target.node2.cipherSuite", "17"),
                Map.entry("target.node2.timeout", "PT2S"),
                Map.entry("target.node2.tool", "ipmitool"),
                Map.entry("target.node2.dcmi", "off"),
                Map.entry("target.node2.ipmitoolCommand", "sensor"),
                Map.entry("target.node2.node", "worker2"),
                Map.entry("target.node2.bmc", "idrac-worker2"),
                Map.entry("interval", "1m")));

        assertThat(targets).extracting(IpmiTarget::id).containsExactly("node1", "node2");
        IpmiTarget node1 = targets.get(0);
        assertThat(node1.host()).contains("127.0.0.1");
        assertThat(node1.port()).isEqualTo(9623);
        assertThat(node1.user()).contains("monitor");
        assertThat(node1.password().orElseThrow().reveal()).isEqualTo("from-env");
        assertThat(node1.workarounds()).containsExactly("opensesspriv");
        assertThat(node1.timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(node1.privilege()).isEqualTo(IpmiTarget.Privilege.ADMIN);
        assertThat(node1.labels()).isEqualTo(Labels.of("node", "node1", "bmc", "127.0.0.1", "rack", "r12"));

        IpmiTarget node2 = targets.get(1);
        assertThat(node2.port()).isEqualTo(623);
        assertThat(node2.user()).contains("root");
        assertThat(node2.password().orElseThrow().reveal()).isEqualTo("from-file");
        assertThat(node2.workarounds()).containsExactly("authcap", "intel20");
        assertThat(node2.cipherSuite()).contains(17);
        assertThat(node2.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(node2.tool()).isEqualTo(IpmiTool.IPMITOOL);
        assertThat(node2.dcmi()).isEqualTo(IpmiTarget.DcmiMode.OFF);
        assertThat(node2.ipmitoolCommand()).isEqualTo(IpmiTarget.IpmitoolCommand.SENSOR);
        assertThat(node2.labels()).isEqualTo(Labels.of("node", "worker2", "bmc", "idrac-worker2"));
    }

    @Test
    void aPlainPasswordAndCollectorSettings() throws Exception {
        CollectorContext context = CollectorContext.builder().properties(Map.of("targets", "a", "target.a.host", "10.1.1.1",
                "target.a.password", "plain", "interval", "45s", "concurrency", "2", "tool", "ipmitool")).build();
        Path bin = Files.createDirectories(tmp.resolve("bin2"));
        Scripts.write(bin.resolve("ipmitool"), "exit 0");

        try (IpmiCollector collector = IpmiProperties.parse(context, ENV, p -> false).toolLocator(new ToolLocator(bin.toString())).build()) {
            assertThat(collector.defaultInterval()).isEqualTo(Duration.ofSeconds(45));
            assertThat(collector.targets().get(0).password().orElseThrow().reveal()).isEqualTo("plain");
            assertThat(collector.readers().get(0).backend()).isInstanceOf(IpmitoolBackend.class);
        }
    }

    @Test
    void anInBandTargetInheritsNoLanDefaults() throws Exception {
        List<IpmiTarget> targets = targets(Map.of("targets", "self,remote", "user", "monitor", "password", "pw",
                "port", "9623", "target.remote.host", "10.0.0.5"));

        assertThat(targets.get(0).isLan()).isFalse();
        assertThat(targets.get(0).user()).isEmpty();
        assertThat(targets.get(0).password()).isEmpty();
        assertThat(targets.get(1).user()).contains("monitor");
        assertThat(targets.get(1).port()).isEqualTo(9623);
    }

    @Test
    void withoutTargetsReadsTheLocalBmcWhenThereIsOne() throws Exception {
        List<IpmiTarget> targets = targets(Map.of(), p -> p.equals(Path.of("/dev/ipmi0")));

        assertThat(targets).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("local");
            assertThat(t.isLan()).isFalse();
        });
    }

    @Test
    void withoutTargetsAndWithoutALocalBmcItIsUnavailable() {
        CollectorContext context = CollectorContext.builder().property("interval", "30s").build();

        assertThatThrownBy(() -> IpmiProperties.parse(context, ENV, p -> false))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("no IPMI targets configured").hasMessageContaining("/dev/ipmi0");
    }

    @Test
    void reportsEveryBadPropertyAtOnce() {
        List<ValidationError> errors = errors(Map.ofEntries(
                Map.entry("targets", "a,b,a"),
                Map.entry("tool", "magic"),
                Map.entry("concurrency", "many"),
                Map.entry("dcmiRetryInterval", "soon"),
                Map.entry("target.a.host", "10.0.0.1"),
                Map.entry("target.a.pasword", "typo"),
                Map.entry("target.a.port", "70000"),
                Map.entry("target.b.host", "10.0.0.2"),
                Map.entry("target.b.privilege", "root"),
                Map.entry("target.b.ipmitoolCommand", "sel"),
                Map.entry("target.c.host", "10.0.0.3")));

        assertThat(errors).extracting(ValidationError::path).containsExactlyInAnyOrder("tool", "concurrency", "dcmiRetryInterval",
                "targets", "target.a.pasword", "target.c.host", "target.a.port", "target.b.privilege", "target.b.ipmitoolCommand");
        assertThat(errors).filteredOn(e -> e.path().equals("target.a.pasword")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("unknown target option 'pasword'"));
        assertThat(errors).filteredOn(e -> e.path().equals("target.c.host")).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("target 'c' is not listed in targets"));
        assertThat(errors).filteredOn(e -> e.path().equals("dcmiRetryInterval")).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DURATION));
    }

    @Test
    void passwordSourcesAreExclusiveAndMustResolve() {
        assertThat(errors(Map.of("targets", "a", "target.a.host", "h", "target.a.password", "x", "target.a.passwordEnv", "BMC_PASSWORD")))
                .singleElement().satisfies(e -> {
                    assertThat(e.path()).isEqualTo("target.a.password");
                    assertThat(e.message()).doesNotContain("x,").contains("only one of");
                });
        assertThat(errors(Map.of("targets", "a", "target.a.host", "h", "target.a.passwordEnv", "NOT_SET")))
                .singleElement().isEqualTo(new ValidationError(ErrorCode.MISSING_FIELD, "target.a.passwordEnv",
                        "environment variable 'NOT_SET' is not set"));
        assertThat(errors(Map.of("targets", "a", "target.a.host", "h", "target.a.passwordFile", tmp.resolve("missing").toString())))
                .singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.path()).isEqualTo("target.a.passwordFile");
                    assertThat(e.message()).contains("cannot read").contains("NoSuchFileException");
                });
    }

    @Test
    void aBadPasswordIsReportedWithoutShowingIt() {
        List<ValidationError> errors = errors(Map.of("targets", "a", "target.a.host", "h", "target.a.password", "top\u0007secret"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("target.a.password");
            assertThat(e.toString()).doesNotContain("secret");
        });
    }
}
