package io.vigil.collectors.testkit.sample;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.SampleSink;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * A sample plugin, written the way a plugin author would: one provider, one small collector, and
 * a line in {@code META-INF/services/io.vigil.collectors.MetricCollectorProvider}. It reads the
 * JVM's own heap and thread counts.
 */
public final class JvmCollectorProvider implements MetricCollectorProvider {

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public MetricCollector create(CollectorContext context) {
        return new JvmCollector(context.durationProperty("interval", Duration.ofSeconds(15)));
    }

    private static final class JvmCollector implements MetricCollector {
        private final Duration interval;
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private volatile boolean closed;

        JvmCollector(Duration interval) {
            this.interval = interval;
        }

        @Override
        public String name() {
            return "jvm";
        }

        @Override
        public Duration defaultInterval() {
            return interval;
        }

        @Override
        public void collect(SampleSink sink) {
            if (closed) {
                throw new IllegalStateException("jvm collector is closed");
            }
            MemoryUsage heap = memory.getHeapMemoryUsage();
            sink.accept("jvm_heap_used_bytes", heap.getUsed(), Labels.empty());
            if (heap.getMax() > 0) { // -1 when the JVM has no limit: leave it out rather than report nonsense
                sink.accept("jvm_heap_max_bytes", heap.getMax(), Labels.empty());
            }
            sink.accept("jvm_threads", threads.getThreadCount(), Labels.of("kind", "live"));
            sink.accept("jvm_threads", threads.getDaemonThreadCount(), Labels.of("kind", "daemon"));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
