package io.vigil.collectors;

import io.vigil.alerting.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorHealthTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final CollectorHealth health = new CollectorHealth(clock);

    @Test
    void aRepeatedProblemIsCountedAndKeepsItsFirstSighting() {
        health.problem("gpu0.fan_speed", "not supported");
        clock.advance(Duration.ofSeconds(10));
        health.problem("gpu0.fan_speed", "still not supported");

        CollectorHealth.Problem p = health.problems().get("gpu0.fan_speed");
        assertThat(p.count()).isEqualTo(2);
        assertThat(p.message()).isEqualTo("still not supported");
        assertThat(p.firstSeen()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(p.lastSeen()).isEqualTo(Instant.parse("2025-03-01T10:00:10Z"));
        assertThat(health.isHealthy()).isFalse();
    }

    @Test
    void clearingEndsAProblemAndAFreshOneCountsFromOne() {
        health.problem("target node1", "timeout");
        health.problem("target node2", "timeout");
        health.clear("target node1");
        assertThat(health.problems()).containsOnlyKeys("target node2");

        health.clear("target node2");
        assertThat(health.isHealthy()).isTrue();
        health.problem("target node2", "refused");
        assertThat(health.problems().get("target node2").count()).isEqualTo(1);
    }

    @Test
    void problemsAreASnapshot() {
        health.problem("a", "x");
        var snapshot = health.problems();
        health.clear("a");
        assertThat(snapshot).containsOnlyKeys("a");
    }

    @Test
    void concurrentReportsAreAllCounted() throws InterruptedException {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    health.problem("shared", "boom");
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(health.problems().get("shared").count()).isEqualTo(4000);
    }
}
