package io.vigil.collectors.ipmi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a target with FreeIPMI's {@code ipmi-sensors} and {@code ipmi-dcmi}. The credentials go
 * into a 0600 configuration file in the collector's private directory ({@code --config-file});
 * the SDR cache lives there too, so collectors never share or race on {@code ~/.freeipmi}.
 */
final class FreeIpmiBackend implements Backend {
    /**
     * How much sooner than the target's timeout FreeIPMI's own session timeout ends, so that it
     * fails with its own clear message ("connection timeout") before being killed: it overruns
     * its session timeout by up to a second.
     */
    private static final long SESSION_MARGIN_MILLIS = 2000;
    /** FreeIPMI refuses a session timeout not above its retransmission timeout (1 s). */
    private static final long MIN_SESSION_MILLIS = 2000;

    private final Command sensors;
    private final Command dcmi;

    private FreeIpmiBackend(Command sensors, Command dcmi) {
        this.sensors = sensors;
        this.dcmi = dcmi;
    }

    /**
     * @param ipmiSensors the {@code ipmi-sensors} program
     * @param ipmiDcmi    the {@code ipmi-dcmi} program, or {@code null} when it is not installed
     * @param directory   where the credentials file and SDR cache go
     */
    static FreeIpmiBackend create(IpmiTarget target, Path ipmiSensors, Path ipmiDcmi, PrivateDirectory directory)
            throws IOException {
        List<String> connection = new ArrayList<>();
        if (target.isLan()) {
            String host = target.host().orElseThrow();
            connection.add("--hostname=" + (target.port() == IpmiTarget.DEFAULT_PORT ? host : host + ":" + target.port()));
            connection.add("--driver-type=LAN_2_0");
            if (target.user().isPresent() || target.password().isPresent()) {
                Path file = directory.writeSecretFile("freeipmi-" + target.id() + ".conf",
                        FreeIpmiConfigFile.render(target.user().orElse(null), target.password().orElse(null)));
                connection.add("--config-file=" + file);
            }
            connection.add("--privilege-level=" + target.privilege().freeIpmiName());
            target.cipherSuite().ifPresent(id -> connection.add("--cipher-suite-id=" + id));
            long millis = target.timeout().toMillis();
            long sessionMillis = Math.max(MIN_SESSION_MILLIS, millis - millis % 1000 - SESSION_MARGIN_MILLIS);
            connection.add("--session-timeout=" + sessionMillis);
        }
        if (!target.workarounds().isEmpty()) {
            connection.add("--workaround-flags=" + String.join(",", target.workarounds()));
        }
        Path cache = directory.directory("sdr-cache-" + target.id());

        List<String> sensorsArgv = new ArrayList<>();
        sensorsArgv.add(ipmiSensors.toString());
        sensorsArgv.addAll(connection);
        sensorsArgv.addAll(List.of("--sdr-cache-directory=" + cache, "--quiet-cache", "--sdr-cache-recreate",
                "--comma-separated-output", "--output-sensor-state", "--no-header-output"));

        Command dcmi = null;
        if (ipmiDcmi != null) {
            List<String> dcmiArgv = new ArrayList<>();
            dcmiArgv.add(ipmiDcmi.toString());
            dcmiArgv.addAll(connection);
            dcmiArgv.add("--get-system-power-statistics");
            dcmi = new Command(dcmiArgv);
        }
        return new FreeIpmiBackend(new Command(sensorsArgv), dcmi);
    }

    @Override
    public String toolName() {
        return "FreeIPMI";
    }

    @Override
    public Command sensorsCommand() {
        return sensors;
    }

    @Override
    public Optional<Command> dcmiCommand() {
        return Optional.ofNullable(dcmi);
    }

    @Override
    public ParsedSensors parseSensors(String stdout) {
        return FreeIpmiCsvParser.parse(stdout);
    }
}
