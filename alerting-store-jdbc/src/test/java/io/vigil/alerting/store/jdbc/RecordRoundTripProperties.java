package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Any record written to SQLite reads back equal, through columns, JSON columns and the label table. */
class RecordRoundTripProperties {
    private static final AtomicLong IDS = new AtomicLong();
    private static Path dir;
    private static JdbcAlertStore store;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("vigil-records");
        store = JdbcAlertStore.sqlite(dir.resolve("vigil.db")).build();
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 200)
    void recordsRoundTrip(@ForAll("records") AlertRecord record) {
        AlertRecord created = store.createRecord(record);

        assertThat(created).isEqualTo(record.withVersion(1));
        assertThat(store.findRecord(record.id())).contains(record.withVersion(1));
        RecordQuery byEverything = new RecordQuery(Set.of(record.status()), Set.of(record.severity()), record.ruleId(),
                record.labels().asMap(), record.triggeredAt(), record.triggeredAt().plusNanos(1000), PageRequest.all());
        List<AlertRecord> found = store.findRecords(byEverything).items();
        assertThat(found).contains(record.withVersion(1)).allMatch(byEverything::matches);
    }

    @Provide
    Arbitrary<AlertRecord> records() {
        return ModelArbitraries.record(Arbitraries.create(() -> "rec-" + IDS.incrementAndGet()));
    }
}
