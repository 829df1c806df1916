-- Vigil alert store, schema version 1. One script for SQLite and PostgreSQL: the types used here
-- mean the same in both (SQLite maps them to its storage classes by name). The ordered_text
-- placeholder is TEXT for SQLite, which compares bytes, and TEXT COLLATE "C" for PostgreSQL, so
-- that ids and names sort by code point whatever the database's locale.
-- Every instant is a BIGINT of microseconds since 1970-01-01T00:00Z, in a column named *_us.

CREATE TABLE rules (
    id          ${ordered_text} NOT NULL PRIMARY KEY,
    name        ${ordered_text} NOT NULL,
    enabled     BOOLEAN NOT NULL,
    severity    TEXT NOT NULL,
    scope_type  TEXT NOT NULL,
    scope_id    TEXT,
    version     BIGINT NOT NULL,
    body        TEXT NOT NULL          -- the whole rule as JSON, channel secrets included
);
CREATE UNIQUE INDEX rules_by_name ON rules (name);
CREATE INDEX rules_by_enabled ON rules (enabled, name);
CREATE INDEX rules_by_severity ON rules (severity, name);
CREATE INDEX rules_by_scope ON rules (scope_type, scope_id, name);
CREATE INDEX rules_by_scope_id ON rules (scope_id, name);

CREATE TABLE alert_records (
    id                    ${ordered_text} NOT NULL PRIMARY KEY,
    rule_id               ${ordered_text} NOT NULL,   -- no foreign key: records outlive their rules
    rule_name             TEXT NOT NULL,
    labels                TEXT NOT NULL,              -- JSON object; alert_record_labels indexes it
    metric                TEXT,
    severity              TEXT NOT NULL,
    trigger_value         DOUBLE PRECISION,
    threshold             TEXT,                       -- JSON
    condition_text        TEXT,
    status                TEXT NOT NULL,
    triggered_at_us       BIGINT NOT NULL,
    acknowledged_at_us    BIGINT,
    acknowledged_by       TEXT,
    acknowledged_by_name  TEXT,
    acknowledge_note      TEXT,
    resolved_at_us        BIGINT,
    resolved_by           TEXT,
    resolved_by_name      TEXT,
    resolution            TEXT,
    resolve_value         DOUBLE PRECISION,
    snapshot              TEXT NOT NULL,              -- JSON object of metric values
    escalation_level      INTEGER NOT NULL,
    created_at_us         BIGINT NOT NULL,
    updated_at_us         BIGINT NOT NULL,
    version               BIGINT NOT NULL
);
-- Listing newest first (all, by status, by severity, by rule), time ranges, and retention.
CREATE INDEX alert_records_by_time ON alert_records (triggered_at_us DESC, id);
CREATE INDEX alert_records_by_status ON alert_records (status, triggered_at_us DESC, id);
CREATE INDEX alert_records_by_severity ON alert_records (severity, triggered_at_us DESC, id);
CREATE INDEX alert_records_by_rule ON alert_records (rule_id, triggered_at_us DESC, id);

CREATE TABLE alert_record_labels (
    record_id  ${ordered_text} NOT NULL REFERENCES alert_records (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (record_id, name)
);
CREATE INDEX alert_record_labels_by_pair ON alert_record_labels (name, value, record_id);

CREATE TABLE notifications (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    alert_id            ${ordered_text},              -- no foreign key: test notifications and digests have none
    rule_id             ${ordered_text},
    kind                TEXT NOT NULL,
    method              TEXT NOT NULL,
    recipient           TEXT NOT NULL,
    subject             TEXT,
    content             TEXT NOT NULL,
    status              TEXT NOT NULL,
    created_at_us       BIGINT NOT NULL,
    sent_at_us          BIGINT,
    delivered_at_us     BIGINT,
    error               TEXT,
    retry_count         INTEGER NOT NULL,
    next_attempt_at_us  BIGINT,
    version             BIGINT NOT NULL
);
CREATE INDEX notifications_by_time ON notifications (created_at_us DESC, id);
CREATE INDEX notifications_by_alert ON notifications (alert_id, created_at_us, id);
CREATE INDEX notifications_by_rule ON notifications (rule_id, created_at_us DESC, id);
CREATE INDEX notifications_by_status ON notifications (status, created_at_us DESC, id);
CREATE INDEX notifications_by_method ON notifications (method, created_at_us DESC, id);
-- The outbox: only pending rows, so it stays small however long the history grows.
CREATE INDEX notifications_outbox ON notifications (created_at_us, id) WHERE status = 'pending';

CREATE TABLE inbox_messages (
    id             ${ordered_text} NOT NULL PRIMARY KEY,
    recipient      ${ordered_text} NOT NULL,
    alert_id       TEXT,
    severity       TEXT NOT NULL,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at_us  BIGINT NOT NULL,
    read_at_us     BIGINT
);
CREATE INDEX inbox_messages_by_recipient ON inbox_messages (recipient, created_at_us DESC, id);
CREATE INDEX inbox_messages_unread ON inbox_messages (recipient, created_at_us DESC, id) WHERE read_at_us IS NULL;

-- Single-row tables: the key is always 1.
CREATE TABLE notification_config (
    singleton  INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    body       TEXT NOT NULL          -- JSON, SMTP password and SMS keys included as given
);

CREATE TABLE engine_state (
    singleton  INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    state      TEXT NOT NULL          -- the evaluator's exported state, opaque to the store
);
