package io.vigil.http;

import io.vigil.alerting.codec.RuleCodec;
import io.vigil.alerting.runtime.Alerting;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/** What the endpoint groups share: the facade, the options and the adapter's helpers. */
final class Services {
    private static final SecureRandom RANDOM = new SecureRandom();

    final Alerting alerting;
    final HttpOptions options;
    final RuleCodec codec = new RuleCodec();
    final RuleJson rules;
    final EventHub events;
    final HttpMetrics metrics;
    final Instant startedAt;

    Services(Alerting alerting, HttpOptions options, EventHub events, HttpMetrics metrics) {
        this.alerting = alerting;
        this.options = options;
        this.rules = new RuleJson(codec);
        this.events = events;
        this.metrics = metrics;
        this.startedAt = alerting.clock().instant();
    }

    Clock clock() {
        return alerting.clock();
    }

    Instant now() {
        return alerting.clock().instant();
    }

    /** A random id with a readable prefix: {@code ch_3f9c0a1b2d4e5f60}. */
    static String newId(String prefix) {
        return prefix + String.format("%016x", RANDOM.nextLong());
    }
}
