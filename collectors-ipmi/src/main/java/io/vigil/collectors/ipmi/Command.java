package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Secret;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A program to run: its argument list, which is visible to every user of the machine through
 * {@code ps} and so never holds a secret, and environment variables that only the child sees
 * (ipmitool's {@code IPMI_PASSWORD}).
 *
 * @param argv        the program and its arguments
 * @param environment variables added to the child's environment
 */
record Command(List<String> argv, Map<String, Secret> environment) {

    Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        environment = Map.copyOf(environment);
    }

    Command(List<String> argv) {
        this(argv, Map.of());
    }

    String program() {
        return argv.get(0);
    }

    /** The argument list and the names (not values) of the extra variables. */
    @Override
    public String toString() {
        return environment.isEmpty() ? String.join(" ", argv)
                : new TreeMap<>(environment).keySet() + " " + String.join(" ", argv);
    }
}
