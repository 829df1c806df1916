package io.vigil.alerting.runtime;

import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertStatus;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.Page;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.alerting.spi.RecordQuery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Alert records and their lifecycle (seed 003 records API): query, acknowledge, resolve, ignore,
 * batch acknowledge, and history per rule (seed 000). A change that the record's status does not
 * allow is rejected with {@link ErrorCode#ILLEGAL_TRANSITION} and changes nothing; two people
 * changing one record at once get one success and one clear error, never a lost update.
 */
public final class AlertRecords {
    private final AlertStore store;
    private final Clock clock;
    private final Listeners listeners;
    private final Consumer<AlertRecord> onHumanChange;

    AlertRecords(AlertStore store, Clock clock, Listeners listeners, Consumer<AlertRecord> onHumanChange) {
        this.store = store;
        this.clock = clock;
        this.listeners = listeners;
        this.onHumanChange = onHumanChange;
    }

    public Optional<AlertRecord> find(String id) {
        return id == null ? Optional.empty() : store.findRecord(id);
    }

    /** Like {@link #find} but throws {@link ErrorCode#ALERT_NOT_FOUND}. */
    public AlertRecord require(String id) {
        return find(id).orElseThrow(() -> AlertingException.alertNotFound(id));
    }

    public Page<AlertRecord> query(RecordQuery query) {
        return store.findRecords(query);
    }

    /** Every record matching {@code query}'s filters, across all pages (for statistics and exports). */
    public List<AlertRecord> all(RecordQuery query) {
        List<AlertRecord> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<AlertRecord> p = store.findRecords(new RecordQuery(query.statuses(), query.severities(), query.ruleId(),
                    query.labels(), query.from(), query.to(), PageRequest.of(page, PageRequest.MAX_PAGE_SIZE)));
            out.addAll(p.items());
            if (page >= p.totalPages()) {
                return out;
            }
        }
    }

    /** Records of one rule triggered in the last {@code window} (seed 000 {@code history/{rule}?hours=}). */
    public List<AlertRecord> history(String ruleId, Duration window) {
        Instant now = clock.instant();
        return all(RecordQuery.forRule(ruleId, now.minus(window), null, PageRequest.all()));
    }

    public AlertRecord acknowledge(String id, Actor actor, String note) {
        return change(id, r -> r.acknowledge(actor.id(), actor.name(), note, clock.instant()), true);
    }

    public AlertRecord resolve(String id, Actor actor, String resolution) {
        return change(id, r -> r.resolve(actor.id(), actor.name(), resolution, null, clock.instant()), true);
    }

    public AlertRecord ignore(String id, Actor actor, String note) {
        return change(id, r -> r.ignore(actor.id(), actor.name(), note, clock.instant()), true);
    }

    /** Acknowledges many records (seed 003 {@code records/batch/acknowledge}); each failure is reported. */
    public BatchResult acknowledgeAll(Collection<String> ids, Actor actor, String note) {
        List<String> ok = new ArrayList<>();
        List<BatchResult.Failure> failed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            try {
                acknowledge(id, actor, note);
                ok.add(id);
            } catch (AlertingException e) {
                failed.add(new BatchResult.Failure(id, e.code(), e.getMessage()));
            }
        }
        return new BatchResult(ok, failed);
    }

    /** Writes an automatic change (recovery, escalation) made by the runtime itself. */
    AlertRecord systemChange(String id, UnaryOperator<AlertRecord> change) {
        return change(id, change, false);
    }

    /** Stores a record created by a firing and announces it. */
    AlertRecord create(AlertRecord record) {
        AlertRecord stored = store.createRecord(record);
        listeners.recordCreated(stored);
        return stored;
    }

    private AlertRecord change(String id, UnaryOperator<AlertRecord> change, boolean byPerson) {
        AlertRecord current = require(id);
        AlertRecord changed = change.apply(current);
        // The store compares versions: if someone changed the record since we read it, this throws
        // VERSION_CONFLICT and nothing is written.
        AlertRecord stored = store.updateRecord(changed);
        if (stored.status() == AlertStatus.RESOLVED && current.status() != AlertStatus.RESOLVED) {
            listeners.recordResolved(stored);
        } else {
            listeners.recordUpdated(stored);
        }
        if (byPerson) {
            onHumanChange.accept(stored);
        }
        return stored;
    }
}
