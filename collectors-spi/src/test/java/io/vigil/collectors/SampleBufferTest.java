package io.vigil.collectors;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleBufferTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private final SampleBuffer buffer = new SampleBuffer(T, Labels.of("host", "web-1", "env", "prod"));

    @Test
    void readingsAreStampedWithTheCollectionTimeAndCarryTheHostLabels() {
        buffer.accept("queue_depth", 3, Labels.of("queue", "orders"));
        buffer.acceptState("vm_status", "running", Labels.empty());

        assertThat(buffer.samples()).containsExactly(
                Sample.of("queue_depth", 3, T, Labels.of("queue", "orders", "host", "web-1", "env", "prod")),
                Sample.ofState("vm_status", "running", T, Labels.of("host", "web-1", "env", "prod")));
    }

    @Test
    void aCollectorsOwnLabelWinsOverAHostLabel() {
        buffer.accept("bmc_power_watts", 120, Labels.of("host", "node-7"));
        assertThat(buffer.samples().get(0).labels()).isEqualTo(Labels.of("host", "node-7", "env", "prod"));
    }

    @Test
    void aWholeSampleKeepsItsOwnTimeAndGainsTheHostLabels() {
        Instant earlier = T.minusSeconds(30);
        Sample given = Sample.of("cpu_usage", 12.5, earlier, Labels.empty());
        buffer.accept(given);
        Sample kept = buffer.samples().get(0);
        assertThat(kept.timestamp()).isEqualTo(earlier);
        assertThat(kept.labels()).isEqualTo(Labels.of("host", "web-1", "env", "prod"));
        assertThat(kept.value()).isEqualTo(12.5);
    }

    @Test
    void aSampleThatAlreadyCarriesTheHostLabelsIsKeptAsItIs() {
        Sample given = Sample.of("cpu_usage", 1, T, Labels.of("host", "web-1", "env", "prod", "core", "0"));
        buffer.accept(given);
        assertThat(buffer.samples().get(0)).isSameAs(given);
    }

    @Test
    void nonFiniteValuesAndBadNamesAreRefusedAndNotKept() {
        assertThatThrownBy(() -> buffer.accept("cpu_usage", Double.NaN, Labels.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu_usage");
        assertThatThrownBy(() -> buffer.accept("cpu_usage", Double.POSITIVE_INFINITY, Labels.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buffer.accept("9lives", 1, Labels.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9lives");
        assertThatThrownBy(() -> buffer.acceptState("has space", "x", Labels.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void drainingEmptiesTheBuffer() {
        buffer.accept("a", 1, Labels.empty());
        buffer.accept("b", 2, Labels.empty());
        assertThat(buffer.drain()).extracting(Sample::metric).containsExactly("a", "b");
        assertThat(buffer.size()).isZero();
        assertThat(buffer.drain()).isEmpty();
    }

    @Test
    void withoutHostLabelsSamplesAreUnchanged() {
        SampleBuffer plain = new SampleBuffer(T, Labels.empty());
        plain.accept("x", 1, Labels.of("a", "b"));
        assertThat(plain.samples().get(0).labels()).isEqualTo(Labels.of("a", "b"));
        assertThat(plain.time()).isEqualTo(T);
        assertThat(plain.hostLabels()).isEqualTo(Labels.empty());
    }

    @Test
    void concurrentWritersLoseNothing() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String worker = "w" + t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    buffer.accept("work_done", i, Labels.of("worker", worker));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(buffer.size()).isEqualTo(8_000);
        assertThat(buffer.samples()).allSatisfy(s -> assertThat(s.labels().get("host")).isEqualTo("web-1"));
    }
}
