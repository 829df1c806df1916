package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Secret;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a target with ipmitool. The password travels in the child's environment as
 * {@code IPMI_PASSWORD} and ipmitool is told to read it from there ({@code -E}); {@code -P}
 * is never used.
 */
final class IpmitoolBackend implements Backend {
    static final String PASSWORD_VARIABLE = "IPMI_PASSWORD";

    private final Command sensors;
    private final Command dcmi;
    private final IpmiTarget.IpmitoolCommand listing;

    IpmitoolBackend(IpmiTarget target, Path ipmitool) {
        List<String> base = new ArrayList<>();
        base.add(ipmitool.toString());
        Map<String, Secret> environment = Map.of();
        if (target.isLan()) {
            base.addAll(List.of("-I", "lanplus", "-H", target.host().orElseThrow(), "-p", Integer.toString(target.port())));
            target.user().ifPresent(user -> base.addAll(List.of("-U", user)));
            if (target.password().isPresent()) {
                base.add("-E");
                environment = Map.of(PASSWORD_VARIABLE, target.password().get());
            }
            base.addAll(List.of("-L", target.privilege().ipmitoolName()));
            target.cipherSuite().ifPresent(id -> base.addAll(List.of("-C", Integer.toString(id))));
        } else {
            base.addAll(List.of("-I", "open"));
        }
        this.listing = target.ipmitoolCommand();
        List<String> sensorsArgv = new ArrayList<>(base);
        sensorsArgv.addAll(listing == IpmiTarget.IpmitoolCommand.SENSOR ? List.of("sensor") : List.of("sdr", "elist"));
        List<String> dcmiArgv = new ArrayList<>(base);
        dcmiArgv.addAll(List.of("dcmi", "power", "reading"));
        this.sensors = new Command(sensorsArgv, environment);
        this.dcmi = new Command(dcmiArgv, environment);
    }

    @Override
    public String toolName() {
        return "ipmitool";
    }

    @Override
    public Command sensorsCommand() {
        return sensors;
    }

    @Override
    public Optional<Command> dcmiCommand() {
        return Optional.of(dcmi);
    }

    @Override
    public ParsedSensors parseSensors(String stdout) {
        return listing == IpmiTarget.IpmitoolCommand.SENSOR ? IpmitoolSensorParser.parse(stdout) : IpmitoolSdrParser.parse(stdout);
    }
}
