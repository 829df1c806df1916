package io.vigil.collectors.ipmi;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * OpenIPMI's BMC simulator on 127.0.0.1, started from the recipe copied into the test resources
 * ({@code ipmi-sim/}): {@code start.sh} waits until it answers over lanplus, {@code stop.sh}
 * stops it, {@code set-value.py} and {@code sim-console.py} change sensors at runtime.
 */
final class IpmiSimulator implements AutoCloseable {
    static final String USER = "admin";
    static final String PASSWORD = "vigil-sim";
    private static final List<String> NEEDED = List.of("ipmi_sim", "ipmitool", "ipmi-sensors", "ipmi-dcmi", "python3", "bash");
    private static final long SCRIPT_SECONDS = 60;

    private final Path recipe;
    private final Path state;
    final int port;
    final int consolePort;

    private IpmiSimulator(Path recipe, Path state, int port, int consolePort) {
        this.recipe = recipe;
        this.state = state;
        this.port = port;
        this.consolePort = consolePort;
    }

    /**
     * Skips the calling test when the simulator or a tool is missing, except in CI ({@code CI=true}),
     * where a missing tool is a failure: CI installs them with {@code shared/ipmi-sim/install.sh}.
     */
    static void requireInstalled() {
        ToolLocator tools = ToolLocator.fromEnvironment();
        List<String> missing = new ArrayList<>();
        for (String tool : NEEDED) {
            if (tools.find(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "the IPMI simulator tests need " + missing + " (install with ../shared/ipmi-sim/install.sh,"
                + " or apt-get install openipmi ipmitool freeipmi-tools python3)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + "; in CI they must be installed");
        }
        Assumptions.abort(message);
    }

    static Path tool(String name) {
        return ToolLocator.fromEnvironment().find(name).orElseThrow();
    }

    /** Starts a simulator with its state in {@code stateDir}, on free ports. */
    static IpmiSimulator start(Path stateDir) throws Exception {
        Path recipe = Fixtures.path("ipmi-sim/start.sh").getParent();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a port taken between choosing and binding: choose again
            IpmiSimulator sim = new IpmiSimulator(recipe, Files.createDirectories(stateDir.resolve("run" + attempt)),
                    freeUdpPort(), freeTcpPort());
            try {
                sim.script("bash", recipe.resolve("start.sh").toString(), sim.state.toString(),
                        Integer.toString(sim.port), Integer.toString(sim.consolePort));
                return sim;
            } catch (IOException e) {
                last = e;
                sim.close();
            }
        }
        throw last;
    }

    /** Sets threshold sensor {@code number}'s raw reading (CPU1 Temp is 1, raw = degrees C; FAN1 is 4, raw x 50 = RPM). */
    void setRaw(int number, int raw) throws Exception {
        script("python3", recipe.resolve("set-value.py").toString(), Integer.toString(number), Integer.toString(raw),
                Integer.toString(consolePort));
    }

    /** Switches the discrete "PS Redundancy" sensor (number 11) to one of its offsets: 0 fully redundant, 1 lost, 2 degraded. */
    void setPsuRedundancy(int offset) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", recipe.resolve("sim-console.py").toString(), Integer.toString(consolePort)));
        for (int bit = 0; bit < 3; bit++) {
            command.add("sensor_set_bit 0x20 0 11 " + bit + " " + (bit == offset ? 1 : 0) + " " + (bit == offset ? 1 : 0));
        }
        script(command.toArray(new String[0]));
    }

    @Override
    public void close() {
        Optional<ProcessHandle> sim = pid().flatMap(ProcessHandle::of);
        try {
            script("bash", recipe.resolve("stop.sh").toString(), state.toString());
        } catch (Exception e) {
            // fall through to the direct kill below
        }
        sim.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
    }

    private Optional<Long> pid() {
        try {
            return Optional.of(Scripts.pid(state.resolve("ipmi_sim.pid")));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void script(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(state, "script", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(SCRIPT_SECONDS, TimeUnit.SECONDS)) {
            ProcessCommandRunner.destroyTree(p);
            throw new IOException(String.join(" ", command) + " did not finish in " + SCRIPT_SECONDS + " s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            Path simLog = state.resolve("ipmi_sim.log");
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log)
                    + (Files.exists(simLog) ? "\nipmi_sim.log: " + Files.readString(simLog) : ""));
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
