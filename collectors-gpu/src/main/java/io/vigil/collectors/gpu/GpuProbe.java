package io.vigil.collectors.gpu;

import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.SampleSink;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command-line check of the collector on a real machine: opens it, collects a few times and
 * prints one JSON document with the inventory, every sample, the health, the summary and
 * timings, so the output of a real GPU can be kept as a test fixture (recipe in the module
 * README). Exit status 0 when NVML was usable, 2 when the collector was unavailable, 64 on bad
 * arguments.
 *
 * <pre>
 * java -cp ... io.vigil.collectors.gpu.GpuProbe [--library PATH] [--binding direct|interface]
 *      [--collections N] [--pause-ms MS] [--timing-rounds N] [--host NAME]
 * </pre>
 */
public final class GpuProbe {
    static final int EXIT_OK = 0;
    static final int EXIT_UNAVAILABLE = 2;
    static final int EXIT_USAGE = 64;

    private final String library;
    private final String binding;
    private final int collections;
    private final long pauseMillis;
    private final int timingRounds;
    private final String host;

    private GpuProbe(Map<String, String> options) {
        this.library = options.getOrDefault("library", GpuCollector.DEFAULT_LIBRARY);
        this.binding = options.getOrDefault("binding", "direct");
        this.collections = Integer.parseInt(options.getOrDefault("collections", "2"));
        this.pauseMillis = Long.parseLong(options.getOrDefault("pause-ms", "1000"));
        this.timingRounds = Integer.parseInt(options.getOrDefault("timing-rounds", "100"));
        this.host = options.getOrDefault("host", "probe");
        if (collections < 1 || pauseMillis < 0 || timingRounds < 0) {
            throw new IllegalArgumentException("--collections must be at least 1, --pause-ms and --timing-rounds not negative");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the probe, writing the JSON report to {@code out}; answers the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        GpuProbe probe;
        try {
            probe = new GpuProbe(parse(args));
        } catch (IllegalArgumentException e) {
            err.println("GpuProbe: " + e.getMessage());
            err.println("usage: GpuProbe [--library PATH] [--binding direct|interface] [--collections N]"
                    + " [--pause-ms MS] [--timing-rounds N] [--host NAME]");
            return EXIT_USAGE;
        }
        return probe.run(out);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + name + "'");
            }
            options.put(name.substring(2), args[i + 1]);
        }
        return options;
    }

    private int run(PrintStream out) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        CollectorHealth health = new CollectorHealth(clock);
        CollectorContext context = CollectorContext.builder()
                .clock(clock)
                .health(health)
                .hostLabels(Labels.of("host", host))
                .property("library", library)
                .property("binding", binding)
                .build();
        JsonWriter json = new JsonWriter().beginObject()
                .field("probe", GpuProbe.class.getName())
                .field("library", library)
                .field("binding", binding)
                .object("system", Map.of(
                        "java.version", System.getProperty("java.version", ""),
                        "os.name", System.getProperty("os.name", ""),
                        "os.arch", System.getProperty("os.arch", "")));
        long openStart = System.nanoTime();
        GpuCollector collector;
        try {
            collector = GpuCollector.open(context);
        } catch (CollectorUnavailableException e) {
            out.println(json.field("available", false).field("reason", e.reason()).endObject());
            return EXIT_UNAVAILABLE;
        }
        try (collector) {
            json.field("available", true).field("openMicros", micros(System.nanoTime() - openStart));
            json.name("collections").beginArray();
            for (int i = 0; i < collections; i++) {
                if (i > 0 && pauseMillis > 0) {
                    Thread.sleep(pauseMillis); // a CLI pausing between real collections, so energy intervals mean something
                }
                ListSink sink = new ListSink(clock);
                long start = System.nanoTime();
                collector.collect(sink);
                long took = System.nanoTime() - start;
                json.beginObject().field("durationMicros", micros(took));
                writeSamples(json, sink.samples);
                json.endObject();
            }
            json.endArray();
            writeTiming(json, collector, clock);
            writeInventory(json, collector.inventory());
            writeSummary(json, collector.summary());
            writeHealth(json, health);
        }
        out.println(json.endObject());
        return EXIT_OK;
    }

    private void writeTiming(JsonWriter json, GpuCollector collector, Clock clock) {
        if (timingRounds == 0) {
            return;
        }
        long total = 0;
        long min = Long.MAX_VALUE;
        ListSink sink = new ListSink(clock);
        for (int i = 0; i < timingRounds; i++) {
            sink.samples.clear();
            long start = System.nanoTime();
            collector.collect(sink);
            long took = System.nanoTime() - start;
            total += took;
            min = Math.min(min, took);
        }
        json.name("timing").beginObject()
                .field("rounds", timingRounds)
                .field("gpus", collector.inventory().devices().size())
                .field("meanMicrosPerCollection", micros(total / timingRounds))
                .field("minMicrosPerCollection", micros(min))
                .endObject();
    }

    private static void writeSamples(JsonWriter json, List<Sample> samples) {
        json.name("samples").beginArray();
        for (Sample sample : samples) {
            json.beginObject().field("metric", sample.metric()).object("labels", sample.labels().asMap());
            if (sample.isNumeric()) {
                json.field("value", sample.value());
            } else {
                json.field("state", sample.state());
            }
            json.endObject();
        }
        json.endArray();
    }

    private static void writeInventory(JsonWriter json, GpuInventory inventory) {
        json.name("inventory").beginObject()
                .field("driverVersion", inventory.driverVersion())
                .field("cudaDriverVersion", inventory.cudaDriverVersion())
                .name("devices").beginArray();
        for (GpuDevice d : inventory.devices()) {
            json.beginObject()
                    .field("index", d.index())
                    .field("uuid", d.uuid())
                    .field("name", d.name())
                    .field("driverVersion", d.driverVersion())
                    .field("cudaDriverVersion", d.cudaDriverVersion())
                    .field("vbiosVersion", d.vbiosVersion())
                    .field("pcieMaxGeneration", d.pcieMaxGeneration())
                    .field("pcieMaxLinkWidth", d.pcieMaxLinkWidth())
                    .field("computeCapability", d.computeCapability())
                    .field("memoryTotalBytes", d.memoryTotalBytes())
                    .field("memoryTotalMb", d.memoryTotalMb())
                    .field("powerLimitMinWatts", d.powerLimitMinWatts())
                    .field("powerLimitMaxWatts", d.powerLimitMaxWatts())
                    .field("powerLimitDefaultWatts", d.powerLimitDefaultWatts())
                    .field("eccEnabled", d.eccEnabled())
                    .endObject();
        }
        json.endArray().endObject();
    }

    private static void writeSummary(JsonWriter json, GpuSummary s) {
        json.name("summary").beginObject()
                .field("totalGpus", s.totalGpus())
                .field("activeGpus", s.activeGpus())
                .field("idleGpus", s.idleGpus())
                .field("unavailableGpus", s.unavailableGpus())
                .field("totalPowerWatts", s.totalPowerWatts())
                .field("averagePowerWatts", s.averagePowerWatts())
                .field("averageTemperatureCelsius", s.averageTemperatureCelsius())
                .field("maxTemperatureCelsius", s.maxTemperatureCelsius())
                .field("averageUtilizationPercent", s.averageUtilizationPercent())
                .field("totalMemoryMb", s.totalMemoryMb())
                .field("usedMemoryMb", s.usedMemoryMb())
                .field("memoryUsagePercent", s.memoryUsagePercent())
                .name("nodes").beginArray();
        s.nodes().forEach(json::value);
        json.endArray().endObject();
    }

    private static void writeHealth(JsonWriter json, CollectorHealth health) {
        json.name("health").beginObject();
        health.problems().forEach((component, problem) -> json.name(component).beginObject()
                .field("message", problem.message())
                .field("count", problem.count())
                .endObject());
        json.endObject();
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    /** Keeps every sample, stamped with the collection's time (when the sink was made), as the runtime does. */
    private static final class ListSink implements SampleSink {
        final List<Sample> samples = new ArrayList<>();
        private final long time;

        ListSink(Clock clock) {
            this.time = clock.millis();
        }

        @Override
        public void accept(Sample sample) {
            samples.add(sample);
        }

        @Override
        public void accept(String metric, double value, Labels labels) {
            samples.add(Sample.of(metric, value, time, labels));
        }

        @Override
        public void acceptState(String metric, String state, Labels labels) {
            samples.add(new Sample(metric, labels, Double.NaN, state, time));
        }
    }
}
