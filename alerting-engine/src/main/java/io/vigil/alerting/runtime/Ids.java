package io.vigil.alerting.runtime;

import java.security.SecureRandom;
import java.util.function.Supplier;

/** Short random ids with a readable prefix: {@code rule_3f9c0a1b2d4e5f60}. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static Supplier<String> random(String prefix) {
        return () -> prefix + String.format("%016x", RANDOM.nextLong());
    }
}
