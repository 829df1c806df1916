package io.vigil.collectors.ipmi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shell scripts standing in for {@code ipmi-sensors}, {@code ipmi-dcmi} and {@code ipmitool}. Each
 * behaves by the BMC host it is asked about, and leaves traces in its directory: its argument list
 * ({@code argv.<host>}), the {@code IPMI_PASSWORD} it saw ({@code env.<host>}), its DCMI calls.
 *
 * <ul>
 *   <li>{@code hang*}: hangs with a child process (pids in {@code <host>.pid}, {@code <host>.child})</li>
 *   <li>{@code down*}: fails like an unreachable BMC, until a file {@code healed} exists</li>
 *   <li>{@code garbled*}: prints the simulator's sensors with garbage among them</li>
 *   <li>{@code barrier*}: waits (up to 5 s) until three {@code barrier} tools have started, then answers</li>
 *   <li>anything else: prints the simulator's sensors</li>
 * </ul>
 */
final class FakeTools {
    final Path dir;
    final Path ipmiSensors;
    final Path ipmiDcmi;
    final Path ipmitool;

    private FakeTools(Path dir) throws IOException {
        this.dir = dir;
        Path csv = Fixtures.path("samples/sim/ipmi-sensors-csv.txt");
        Path sdr = Fixtures.path("samples/sim/ipmitool-sdr-elist.txt");
        this.ipmiSensors = Scripts.write(dir.resolve("ipmi-sensors"), common("--hostname=*) host=\"${a#--hostname=}\"; host=\"${host%%:*}\";;") + behaviour(csv));
        this.ipmiDcmi = Scripts.write(dir.resolve("ipmi-dcmi"), common("--hostname=*) host=\"${a#--hostname=}\"; host=\"${host%%:*}\";;")
                + "echo \"$host\" >> '" + dir.resolve("dcmi.calls") + "'\n"
                + "echo 'ipmi_cmd_dcmi_get_power_reading: command invalid or unsupported' >&2\nexit 1");
        this.ipmitool = Scripts.write(dir.resolve("ipmitool"), "prev=''\n" + common("*) [ \"$prev\" = -H ] && host=\"$a\";;", true)
                + "case \" $* \" in *' dcmi '*) echo \"$host\" >> '" + dir.resolve("dcmi.calls") + "'; "
                + "echo '    DCMI request failed because: Invalid command (c1)' >&2; exit 1;; esac\n"
                + behaviour(sdr));
    }

    static FakeTools in(Path dir) throws IOException {
        return new FakeTools(Files.createDirectories(dir));
    }

    private String common(String hostCase) {
        return common(hostCase, false);
    }

    private String common(String hostCase, boolean trackPrevious) {
        return "host=local\n"
                + "for a in \"$@\"; do case \"$a\" in " + hostCase + " esac;" + (trackPrevious ? " prev=\"$a\";" : "") + " done\n"
                + "printf '%s\\n' \"$0\" \"$@\" > '" + dir + "/argv.'\"$host\"\n"
                + "printf '%s' \"$IPMI_PASSWORD\" > '" + dir + "/env.'\"$host\"\n";
    }

    private String behaviour(Path output) {
        String d = dir.toString();
        return "case \"$host\" in\n"
                + "  hang*) sleep 300 & echo $! > '" + d + "/'\"$host\".child.tmp; mv '" + d + "/'\"$host\".child.tmp '" + d + "/'\"$host\".child\n"
                + "         echo $$ > '" + d + "/'\"$host\".pid.tmp; mv '" + d + "/'\"$host\".pid.tmp '" + d + "/'\"$host\".pid; wait;;\n"
                + "  down*) if [ ! -e '" + d + "/healed' ]; then echo 'ipmi-sensors: connection timeout' >&2; exit 1; fi; cat '" + output + "';;\n"
                + "  garbled*) echo 'Unrecognised banner'; cat '" + output + "'; echo '99,half a line';;\n"
                + "  barrier*) touch '" + d + "/'\"$host\".arrived; n=0\n"
                + "            while [ \"$(ls '" + d + "' | grep -c '\\.arrived$')\" -lt 3 ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n+1)); done\n"
                + "            cat '" + output + "';;\n"
                + "  *) cat '" + output + "';;\n"
                + "esac";
    }

    List<String> argv(String host) throws IOException {
        return Files.readAllLines(dir.resolve("argv." + host));
    }

    String passwordSeenBy(String host) throws IOException {
        return Files.readString(dir.resolve("env." + host));
    }

    long dcmiCalls(String host) throws IOException {
        Path calls = dir.resolve("dcmi.calls");
        return Files.exists(calls) ? Files.readAllLines(calls).stream().filter(host::equals).count() : 0;
    }
}
