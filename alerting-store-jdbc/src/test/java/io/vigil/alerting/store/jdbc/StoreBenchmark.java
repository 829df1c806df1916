package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Measures the JDBC store with a realistic history: {@code N} alert records spread over two
 * years (the seeds' retention), 500 rules, 1000 VMs. Not a unit test (surefire does not pick it
 * up); run it with {@code alerting-store-jdbc/run-benchmark.sh sqlite 1000000} or
 * {@code ... postgres 1000000} (PostgreSQL from the {@code VIGIL_TEST_PG_*} variables).
 *
 * <p>It fills the history through the store's own {@code createRecord} (for PostgreSQL with
 * {@code synchronous_commit=off} for the fill only, to save time), then measures on top of it:
 * records written per second (one transaction per record, as the runtime writes them),
 * acknowledges per second, the latency of the history queries the HTTP adapter makes, and the
 * statistics of a time range computed two ways: by paging records through the SPI (what the
 * runtime can do today) and by one SQL aggregate (what an optional store method could do).
 * Prints a Markdown table.
 */
public final class StoreBenchmark {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration HISTORY = Duration.ofDays(730);
    private static final int RULES = 500;
    private static final int VMS = 1000;
    private static final int MEASURED_WRITES = 20_000;
    private static final int MEASURED_ACKS = 5_000;
    private static final int QUERY_RUNS = 50;

    private final String kind;
    private final int total;
    private final String schema = "vigil_bench_" + System.nanoTime();
    private final List<String> rows = new ArrayList<>();

    private StoreBenchmark(String kind, int total) {
        this.kind = kind;
        this.total = total;
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "sqlite";
        int total = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 1_000_000;
        new StoreBenchmark(kind, total).run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench");
        Supplier<JdbcAlertStore> open = kind.equals("postgres")
                ? () -> JdbcAlertStore.postgres(PostgresTestDatabase.URL, PostgresTestDatabase.USER,
                        PostgresTestDatabase.password()).schema(schema).poolSize(8).build()
                : () -> JdbcAlertStore.sqlite(dir.resolve("vigil.db")).build();
        try {
            fill(open);
            try (JdbcAlertStore store = open.get()) {
                measureWrites(store);
                measureAcknowledges(store);
                measureQueries(store);
                measureStatistics(store);
                measurePurge(store);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "%s, %,d records, %d cores, Java %s%n", kind, total,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.println("| measure | result |");
            System.out.println("|---|---|");
            rows.forEach(System.out::println);
        } finally {
            if (kind.equals("postgres")) {
                try (Connection c = new PostgresTestDatabase().connect();
                     PreparedStatement ps = c.prepareStatement("DROP SCHEMA IF EXISTS " + schema + " CASCADE")) {
                    ps.execute();
                }
            }
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- the history ----------------------------------------------------------------------------

    /** Record {@code i}: spread evenly over the history, oldest first. */
    private AlertRecord record(String id, long i, SplittableRandom random, boolean active) {
        Instant at = NOW.minus(HISTORY).plusMillis((long) (HISTORY.toMillis() * (i / (double) total)));
        String rule = "rule-" + random.nextInt(RULES);
        Labels labels = Labels.of("vm", String.format("vm_%04d", random.nextInt(VMS)),
                "host", "host-" + random.nextInt(200), "env", random.nextInt(10) == 0 ? "staging" : "prod");
        Severity severity = Severity.values()[random.nextInt(4)];
        AlertRecord r = new AlertRecord(id, rule, "name of " + rule, labels, "cpu_usage", severity,
                80 + random.nextDouble() * 20, Threshold.of(80), "avg(cpu_usage[5m]) >= 80", AlertStatus.ACTIVE, at,
                null, null, null, null, null, null, null, null, null, Map.of("memory_usage", 40.0, "load1", 3.5),
                List.of(), 0, at, at, 0);
        int fate = random.nextInt(100);
        if (fate < 2 || active) {
            return r; // still active
        }
        if (fate < 5) {
            return r.acknowledge("usr_1", "Ops", null, at.plusSeconds(60));
        }
        if (fate < 10) {
            return r.ignore("usr_1", "Ops", "noise", at.plusSeconds(120));
        }
        return r.resolve(AlertRecord.SYSTEM, null, null, 50.0, at.plusSeconds(60 + random.nextInt(7200)));
    }

    private void fill(Supplier<JdbcAlertStore> open) throws Exception {
        JdbcAlertStore fillStore = kind.equals("postgres")
                ? JdbcAlertStore.postgres(PostgresTestDatabase.URL + sep(PostgresTestDatabase.URL)
                        + "options=-c%20synchronous_commit%3Doff", PostgresTestDatabase.USER,
                        PostgresTestDatabase.password()).schema(schema).poolSize(4).build()
                : open.get();
        int threads = kind.equals("postgres") ? 4 : 1; // SQLite has one writer whatever we do
        long start = System.nanoTime();
        try (fillStore) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(thread);
                    for (long i = thread; i < total; i += threads) {
                        fillStore.createRecord(record("r" + i, i, random, false));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        rows.add(String.format(Locale.ROOT, "| fill: %,d records via createRecord (%d thread%s%s) | %.0f s, %,.0f records/s |",
                total, threads, threads > 1 ? "s" : "", kind.equals("postgres") ? ", synchronous_commit=off" : "",
                seconds, total / seconds));
        if (kind.equals("postgres")) {
            try (Connection c = new PostgresTestDatabase().connect();
                 PreparedStatement ps = c.prepareStatement("ANALYZE " + schema + ".alert_records, "
                         + schema + ".alert_record_labels")) {
                ps.execute(); // what autovacuum would do on its own a little later
            }
        }
    }

    private static String sep(String url) {
        return url.contains("?") ? "&" : "?";
    }

    // ---- writes ---------------------------------------------------------------------------------

    private void measureWrites(AlertStore store) throws Exception {
        for (int threads : kind.equals("postgres") ? new int[] {1, 4} : new int[] {1}) {
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(100 + thread);
                    for (int i = thread; i < MEASURED_WRITES; i += threads) {
                        store.createRecord(record("w" + threads + "-" + i, total - 1, random, true));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            rows.add(String.format(Locale.ROOT, "| createRecord, %d thread%s, %,d records on top | **%,.0f records/s** |",
                    threads, threads > 1 ? "s" : "", MEASURED_WRITES, MEASURED_WRITES / seconds));
        }
    }

    private void measureAcknowledges(AlertStore store) {
        List<AlertRecord> active = new ArrayList<>();
        for (int i = 0; i < MEASURED_ACKS; i++) {
            active.add(store.findRecord("w1-" + i).orElseThrow());
        }
        long start = System.nanoTime();
        for (AlertRecord r : active) {
            store.updateRecord(r.acknowledge("usr_2", "Ops", null, NOW));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        rows.add(String.format(Locale.ROOT, "| updateRecord (acknowledge), %,d records | %,.0f updates/s |",
                MEASURED_ACKS, MEASURED_ACKS / seconds));
    }

    // ---- reads ----------------------------------------------------------------------------------

    private void measureQueries(AlertStore store) {
        SplittableRandom random = new SplittableRandom(7);
        latency("findRecords: newest 20 of all (with total count)", () ->
                store.findRecords(new RecordQuery(null, null, null, null, null, null, PageRequest.of(1, 20))));
        latency("findRecords: active + acknowledged, newest 20", () ->
                store.findRecords(new RecordQuery(Set.of(AlertStatus.ACTIVE, AlertStatus.ACKNOWLEDGED), null, null,
                        null, null, null, PageRequest.of(1, 20))));
        latency("findRecords: critical, page 50 of 20", () ->
                store.findRecords(new RecordQuery(null, Set.of(Severity.CRITICAL), null, null, null, null,
                        PageRequest.of(50, 20))));
        latency("history: one rule, last 24 h (seed 000 history?hours=24)", () ->
                store.findRecords(RecordQuery.forRule("rule-" + random.nextInt(RULES), NOW.minus(Duration.ofHours(24)),
                        NOW, PageRequest.of(1, 100))));
        latency("history: one rule, last 30 days, newest 100", () ->
                store.findRecords(RecordQuery.forRule("rule-" + random.nextInt(RULES), NOW.minus(Duration.ofDays(30)),
                        NOW, PageRequest.of(1, 100))));
        latency("findRecords: label vm=vm_NNNN, newest 20", () ->
                store.findRecords(new RecordQuery(null, null, null,
                        Map.of("vm", String.format("vm_%04d", random.nextInt(VMS))), null, null, PageRequest.of(1, 20))));
        latency("findRecords: label env=prod (90 % of records), newest 20", () ->
                store.findRecords(new RecordQuery(null, null, null, Map.of("env", "prod"), null, null,
                        PageRequest.of(1, 20))));
        latency("findRecords: label env=staging + active, newest 20", () ->
                store.findRecords(new RecordQuery(Set.of(AlertStatus.ACTIVE), null, null, Map.of("env", "staging"),
                        null, null, PageRequest.of(1, 20))));
        latency("findRecord by id (with attempts)", () -> store.findRecord("r" + random.nextInt(total)));
    }

    private void measureStatistics(JdbcAlertStore store) throws SQLException {
        Instant from = NOW.minus(Duration.ofDays(7));
        latency("statistics, last 7 days, by paging records through the SPI", () -> {
            Map<Severity, long[]> bySeverity = new EnumMap<>(Severity.class);
            int page = 1;
            Page<AlertRecord> p;
            do {
                p = store.findRecords(new RecordQuery(null, null, null, null, from, NOW, PageRequest.of(page++, 1000)));
                for (AlertRecord r : p.items()) {
                    long[] counts = bySeverity.computeIfAbsent(r.severity(), s -> new long[3]);
                    counts[0]++;
                    if (r.status().isOpen()) {
                        counts[1]++;
                    }
                    if (r.resolvedAt() != null) {
                        counts[2] += Duration.between(r.triggeredAt(), r.resolvedAt()).toSeconds();
                    }
                }
            } while (p.items().size() == 1000);
            return bySeverity;
        });
        String sql = "SELECT severity, COUNT(*), SUM(CASE WHEN status IN ('active', 'acknowledged') THEN 1 ELSE 0 END),"
                + " AVG(CASE WHEN status = 'resolved' THEN resolved_at_us - triggered_at_us END)"
                + " FROM alert_records WHERE triggered_at_us >= ? AND triggered_at_us < ? GROUP BY severity";
        latency("statistics, last 7 days, one SQL aggregate (count, open, MTTR by severity)", () ->
                store.database().read("stats", c -> aggregate(c, sql, from)));
        latency("statistics, last 30 days, one SQL aggregate", () ->
                store.database().read("stats", c -> aggregate(c, sql, NOW.minus(Duration.ofDays(30)))));
        String byRule = "SELECT rule_id, COUNT(*) FROM alert_records WHERE triggered_at_us >= ? AND triggered_at_us < ?"
                + " GROUP BY rule_id ORDER BY COUNT(*) DESC LIMIT 10";
        latency("statistics, last 30 days, top 10 rules by SQL", () ->
                store.database().read("stats", c -> aggregate(c, byRule, NOW.minus(Duration.ofDays(30)))));
    }

    private static int aggregate(Connection c, String sql, Instant from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, Micros.of(from));
            ps.setLong(2, Micros.of(NOW));
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    private void measurePurge(AlertStore store) {
        Instant cutoff = NOW.minus(HISTORY).plus(Duration.ofDays(7));
        int purged = 0;
        List<Long> nanos = new ArrayList<>();
        int n;
        do {
            long start = System.nanoTime();
            n = store.purgeRecords(cutoff, 1000);
            nanos.add(System.nanoTime() - start);
            purged += n;
        } while (n == 1000);
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        rows.add(String.format(Locale.ROOT, "| purgeRecords(batch 1000): %,d oldest records in %d batches | median %.1f ms, max %.1f ms per batch |",
                purged, sorted.length, sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6));
    }

    private void latency(String what, Supplier<?> query) {
        for (int i = 0; i < 5; i++) {
            query.get(); // warm up the JIT and the database's caches
        }
        long[] nanos = new long[QUERY_RUNS];
        for (int i = 0; i < QUERY_RUNS; i++) {
            long start = System.nanoTime();
            query.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        rows.add(String.format(Locale.ROOT, "| %s | p50 %.2f ms, p95 %.2f ms |", what,
                nanos[QUERY_RUNS / 2] / 1e6, nanos[QUERY_RUNS * 95 / 100] / 1e6));
    }
}
