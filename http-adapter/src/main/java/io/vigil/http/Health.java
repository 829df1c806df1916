package io.vigil.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.runtime.CollectorStatus;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RuleQuery;

/**
 * The health verdict the health endpoints share: {@code unhealthy} when the store does not answer
 * (503), {@code degraded} when a running collector's last collection failed, else {@code healthy}.
 * Collectors that cannot run on this machine (no GPU, no BMC) do not count against health.
 */
final class Health {
    enum Status { HEALTHY, DEGRADED, UNHEALTHY }

    record Verdict(Status status, boolean storeOk, int collectors, int failingCollectors) {
        String wireName() {
            return status.name().toLowerCase(java.util.Locale.ROOT);
        }

        int httpStatus() {
            return status == Status.UNHEALTHY ? 503 : 200;
        }
    }

    private Health() {
    }

    static Verdict check(Services s) {
        boolean storeOk;
        try {
            s.alerting.store().findRules(new RuleQuery(null, null, null, null, PageRequest.of(1, 1)));
            storeOk = true;
        } catch (RuntimeException e) {
            storeOk = false;
        }
        int running = 0;
        int failing = 0;
        for (CollectorStatus c : s.alerting.collectors()) {
            if (c.available()) {
                running++;
                if (!c.healthy()) {
                    failing++;
                }
            }
        }
        Status status = !storeOk ? Status.UNHEALTHY : failing > 0 ? Status.DEGRADED : Status.HEALTHY;
        return new Verdict(status, storeOk, running, failing);
    }

    /** The checks, without counts of rules or alerts: health answers anyone. */
    static ObjectNode checks(Verdict v) {
        ObjectNode checks = Json.object();
        checks.put("store", v.storeOk() ? "ok" : "failing");
        checks.put("collectors", v.failingCollectors() == 0 ? "ok" : v.failingCollectors() + " of " + v.collectors() + " failing");
        return checks;
    }
}
