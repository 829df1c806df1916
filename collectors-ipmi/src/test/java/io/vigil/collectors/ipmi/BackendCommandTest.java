package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command lines the backends build: everything a target says, and never its password. */
class BackendCommandTest {
    private static final String PASSWORD = "s3cr#t \"pw\"\\";
    private static final Path SENSORS = Path.of("/usr/sbin/ipmi-sensors");
    private static final Path DCMI = Path.of("/usr/sbin/ipmi-dcmi");
    private static final Path IPMITOOL = Path.of("/usr/bin/ipmitool");

    private PrivateDirectory dir;

    @BeforeEach
    void createDirectory() throws Exception {
        dir = PrivateDirectory.create("vigil-ipmi-test-");
    }

    @AfterEach
    void deleteDirectory() {
        dir.close();
    }

    private static IpmiTarget.Builder lan() {
        return IpmiTarget.lan("node1", "127.0.0.1").port(9623).user("admin").password(Secret.of(PASSWORD))
                .privilege(IpmiTarget.Privilege.ADMIN).workarounds("opensesspriv", "authcap").cipherSuite(3)
                .timeout(Duration.ofSeconds(5));
    }

    static void assertNoPassword(Command command, String password) {
        assertThat(command.argv()).allSatisfy(arg -> assertThat(arg).doesNotContain(password));
        assertThat(String.join(" ", command.argv())).doesNotContain(password);
        assertThat(command.toString()).doesNotContain(password);
    }

    @Test
    void freeIpmiGetsEverythingOnTheCommandLineButTheCredentials() throws Exception {
        FreeIpmiBackend backend = FreeIpmiBackend.create(lan().build(), SENSORS, DCMI, dir);

        Command sensors = backend.sensorsCommand();
        Path config = dir.path().resolve("freeipmi-node1.conf");
        Path cache = dir.path().resolve("sdr-cache-node1");
        assertThat(sensors.argv()).containsExactly("/usr/sbin/ipmi-sensors",
                "--hostname=127.0.0.1:9623", "--driver-type=LAN_2_0", "--config-file=" + config,
                "--privilege-level=ADMIN", "--cipher-suite-id=3", "--session-timeout=3000",
                "--workaround-flags=opensesspriv,authcap",
                "--sdr-cache-directory=" + cache, "--quiet-cache", "--sdr-cache-recreate",
                "--comma-separated-output", "--output-sensor-state", "--no-header-output");
        assertThat(sensors.environment()).isEmpty();
        assertNoPassword(sensors, PASSWORD);
        assertNoPassword(sensors, "admin");

        Command dcmi = backend.dcmiCommand().orElseThrow();
        assertThat(dcmi.argv()).containsExactly("/usr/sbin/ipmi-dcmi",
                "--hostname=127.0.0.1:9623", "--driver-type=LAN_2_0", "--config-file=" + config,
                "--privilege-level=ADMIN", "--cipher-suite-id=3", "--session-timeout=3000",
                "--workaround-flags=opensesspriv,authcap", "--get-system-power-statistics");
        assertNoPassword(dcmi, PASSWORD);
    }

    @Test
    void theCredentialsFileIsPrivateFromItsCreation() throws Exception {
        FreeIpmiBackend.create(lan().build(), SENSORS, DCMI, dir);

        Path config = dir.path().resolve("freeipmi-node1.conf");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path().resolve("sdr-cache-node1"))))
                .isEqualTo("rwx------");
        assertThat(Files.readString(config)).isEqualTo("username \"admin\"\npassword \"s3cr\\#t \\\"pw\\\"\\\\\"\n");
    }

    @Test
    void freeIpmiOnTheDefaultPortAndWithoutCredentials() throws Exception {
        IpmiTarget target = IpmiTarget.lan("n2", "bmc.example.org").build();
        FreeIpmiBackend backend = FreeIpmiBackend.create(target, SENSORS, null, dir);

        assertThat(backend.sensorsCommand().argv()).contains("--hostname=bmc.example.org", "--privilege-level=USER",
                "--session-timeout=8000").noneMatch(a -> a.startsWith("--config-file") || a.startsWith("--cipher"));
        assertThat(backend.dcmiCommand()).as("ipmi-dcmi is not installed").isEmpty();
        assertThat(Files.exists(dir.path().resolve("freeipmi-n2.conf"))).isFalse();
    }

    @Test
    void freeIpmiInBand() throws Exception {
        FreeIpmiBackend backend = FreeIpmiBackend.create(IpmiTarget.local("self").build(), SENSORS, DCMI, dir);

        assertThat(backend.sensorsCommand().argv()).containsExactly("/usr/sbin/ipmi-sensors",
                "--sdr-cache-directory=" + dir.path().resolve("sdr-cache-self"), "--quiet-cache", "--sdr-cache-recreate",
                "--comma-separated-output", "--output-sensor-state", "--no-header-output");
        assertThat(backend.dcmiCommand().orElseThrow().argv()).containsExactly("/usr/sbin/ipmi-dcmi", "--get-system-power-statistics");
    }

    @Test
    void ipmitoolReadsThePasswordFromItsEnvironment() {
        IpmitoolBackend backend = new IpmitoolBackend(lan().build(), IPMITOOL);

        Command sensors = backend.sensorsCommand();
        assertThat(sensors.argv()).containsExactly("/usr/bin/ipmitool", "-I", "lanplus", "-H", "127.0.0.1", "-p", "9623",
                "-U", "admin", "-E", "-L", "ADMINISTRATOR", "-C", "3", "sdr", "elist");
        assertThat(sensors.argv()).doesNotContain("-P", "-f");
        assertThat(sensors.environment()).containsOnlyKeys("IPMI_PASSWORD");
        assertThat(sensors.environment().get("IPMI_PASSWORD").reveal()).isEqualTo(PASSWORD);
        assertNoPassword(sensors, PASSWORD);
        assertThat(sensors.toString()).contains("IPMI_PASSWORD");

        Command dcmi = backend.dcmiCommand().orElseThrow();
        assertThat(dcmi.argv()).endsWith("dcmi", "power", "reading");
        assertThat(dcmi.environment()).isEqualTo(sensors.environment());
        assertNoPassword(dcmi, PASSWORD);
    }

    @Test
    void ipmitoolInBandAndWithTheSensorCommand() {
        IpmitoolBackend local = new IpmitoolBackend(IpmiTarget.local("self").build(), IPMITOOL);
        assertThat(local.sensorsCommand().argv()).containsExactly("/usr/bin/ipmitool", "-I", "open", "sdr", "elist");
        assertThat(local.sensorsCommand().environment()).isEmpty();

        IpmitoolBackend sensor = new IpmitoolBackend(IpmiTarget.lan("n", "10.0.0.9")
                .ipmitoolCommand(IpmiTarget.IpmitoolCommand.SENSOR).build(), IPMITOOL);
        assertThat(sensor.sensorsCommand().argv()).containsExactly("/usr/bin/ipmitool", "-I", "lanplus", "-H", "10.0.0.9",
                "-p", "623", "-L", "USER", "sensor");
        assertThat(sensor.parseSensors(Fixtures.read("samples/sim/ipmitool-sensor.txt")).readings()).hasSize(10);
    }

    @Test
    void configFileQuotingEscapesWhatFreeIpmisParserTreatsSpecially() {
        assertThat(FreeIpmiConfigFile.quote("plain")).isEqualTo("\"plain\"");
        assertThat(FreeIpmiConfigFile.quote("with space")).isEqualTo("\"with space\"");
        assertThat(FreeIpmiConfigFile.quote("a#b")).isEqualTo("\"a\\#b\"");
        assertThat(FreeIpmiConfigFile.quote("a\"b")).isEqualTo("\"a\\\"b\"");
        assertThat(FreeIpmiConfigFile.quote("ends\\")).isEqualTo("\"ends\\\\\"");
        assertThat(FreeIpmiConfigFile.render(null, null)).isEmpty();
        assertThat(FreeIpmiConfigFile.render("u", null)).isEqualTo("username \"u\"\n");
    }

    @Test
    void commandsShowVariableNamesButNeverTheirValues() {
        Command c = new Command(List.of("ipmitool", "-E", "sdr"), java.util.Map.of("IPMI_PASSWORD", Secret.of("hunter2")));
        assertThat(c.toString()).isEqualTo("[IPMI_PASSWORD] ipmitool -E sdr");
    }
}
