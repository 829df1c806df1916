package io.vigil.notifiers;

import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.spi.AlertStore;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Builds {@link NotifierEnvironment}s with a map of settings. */
public final class TestContext {
    private TestContext() {
    }

    public static NotifierEnvironment env(Clock clock, Map<String, String> settings) {
        return env(clock, settings, null, null);
    }

    public static NotifierEnvironment env(Clock clock, Map<String, String> settings, NotificationConfig config,
                                          AlertStore store) {
        Map<String, String> all = new HashMap<>();
        // Short timeouts: a test about a timeout must not take the production 10 seconds.
        all.put("HTTP_CONNECT_TIMEOUT", "2s");
        all.put("HTTP_READ_TIMEOUT", "2s");
        all.put("HTTP_CALL_TIMEOUT", "5s");
        all.putAll(settings);
        return NotifierEnvironment.builder().clock(clock).settings(all).config(config).store(store).build();
    }
}
