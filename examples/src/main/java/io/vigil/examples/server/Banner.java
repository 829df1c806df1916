package io.vigil.examples.server;

import io.vigil.alerting.runtime.CollectorStatus;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the server prints when it has started: where it listens, what it collects and notifies,
 * and on the first start the generated admin API key and a ready command to add a rule.
 */
final class Banner {
    /** Seed 000's CPU rule, as its guide creates it. */
    static final String SEED000_CPU_RULE = "{\"name\": \"cpu_usage_high\", \"description\": \"CPU usage above 80% for 5 minutes\", "
            + "\"condition\": \"greater_than\", \"threshold\": {\"metric\": \"cpu_usage\", \"value\": 80.0, \"duration_minutes\": 5}, "
            + "\"severity\": \"high\", \"channels\": [\"email\", \"discord\"], \"cooldown_minutes\": 30, \"escalation_minutes\": 60, "
            + "\"enabled\": true, \"tags\": {\"service\": \"web-server\", \"environment\": \"production\"}}";

    private final PrintStream out;

    Banner(PrintStream out) {
        this.out = out;
    }

    /**
     * @param api        the API's base address
     * @param loaded     rules the rules file created or replaced
     * @param stored     rules in the store, loaded ones included
     * @param adminKey   the generated or stored key, or {@code null} when configured or off
     * @param authOff    whether authentication is off
     */
    void print(URI api, String version, String store, List<CollectorStatus> collectors, Set<String> channels,
               int loaded, int stored, String rulesFile, AdminKey adminKey, boolean authOff) {
        out.println("Vigil " + version + " is running.");
        out.println("  API:         " + api + "   (OpenAPI document: " + api + "/api/v1/openapi.json)");
        out.println("  Store:       " + store);
        List<String> lines = collectors(collectors);
        for (int i = 0; i < lines.size(); i++) {
            out.println((i == 0 ? "  Collectors:  " : "               ") + lines.get(i));
        }
        out.println("  Notifiers:   " + String.join(", ", new TreeSet<>(channels))
                + (channels.contains("email") ? "" : "   (email: set SMTP_SERVER)"));
        out.println("  Rules:       " + stored + " stored" + (rulesFile == null ? " (no rules file)"
                : ", " + loaded + " of them loaded from " + rulesFile));
        if (authOff) {
            out.println("  Auth:        OFF (auth.disabled): anyone who can reach " + api + " is an administrator.");
        } else if (adminKey == null) {
            out.println("  Auth:        the configured auth.adminApiKey");
        } else if (!adminKey.created()) {
            out.println("  Auth:        the admin API key in " + adminKey.file() + " (shown at the first start only)");
        }
        if (adminKey != null && adminKey.created()) {
            out.println();
            out.println("First start: an admin API key was generated. It is shown this once; it is kept in "
                    + adminKey.file() + ":");
            out.println();
            out.println("  " + adminKey.key().reveal());
            out.println();
            out.println("Add seed 000's CPU rule:");
            out.println();
            out.println("  curl -sS -X POST " + api + "/api/alerts/rules \\");
            out.println("    -H 'Authorization: Bearer " + adminKey.key().reveal() + "' \\");
            out.println("    -H 'Content-Type: application/json' \\");
            out.println("    -d '" + SEED000_CPU_RULE + "'");
        }
        out.println();
        out.println("Stop with Ctrl-C (or SIGTERM): requests in flight finish, the checkpoint is saved.");
        out.flush();
    }

    /** Running collectors first; the reason a collector cannot run, cut short (the health endpoint has it whole). */
    private static List<String> collectors(List<CollectorStatus> collectors) {
        List<String> running = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (CollectorStatus s : collectors) {
            if (s.available()) {
                running.add(s.name() + " every " + s.interval().toSeconds() + "s");
            } else {
                String reason = s.unavailableReason();
                unavailable.add(s.name() + " unavailable: " + (reason.length() > 100 ? reason.substring(0, 97) + "..." : reason));
            }
        }
        running.addAll(unavailable);
        return running.isEmpty() ? List.of("none (push samples to POST /api/v1/metrics)") : running;
    }
}
