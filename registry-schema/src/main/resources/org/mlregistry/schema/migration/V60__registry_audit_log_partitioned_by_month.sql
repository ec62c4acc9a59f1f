-- ============================================================================
-- mlregistry: ${registry_schema}.audit_log partitioned by month of occurred_at (UTC) (issue 17)
-- The audit log only grows: retention should drop whole old months (no DELETE of millions of
-- rows, no table rewrite) and a time window should read only its months. Converted in place, in
-- this migration's one transaction, without copying a row: the existing table, when it holds rows,
-- becomes the first partition, audit_log_legacy, from the beginning to the end of the month of its
-- newest row (an empty one is dropped). The current and the next month get their partitions.
--  * The primary key becomes (audit_id, occurred_at): a partitioned table's unique constraints
--    must hold the partition key. audit_id stays an identity, continued from the old sequence, so
--    it stays unique in practice; nothing references it by foreign key (events.audit_id is a copy).
--  * The indexes keep their names and columns; the legacy partition's existing indexes are
--    attached to the new parent's, not rebuilt. The triggers (model_id, events outbox) move to
--    the parent, which clones them to every partition.
--  * A DEFAULT partition, audit_log_default, catches a row of a month without its partition:
--    an audited write must never fail for want of a partition (rows come from every write path
--    of the API and from INSERT … SELECT statements). ${registry_schema}.ensure_audit_partitions moves
--    such rows into their month when it creates it. The API's maintenance call creates months
--    ahead so the default stays empty.
-- ${registry_schema}.events is not partitioned: it is read by event_id > position, not by time, and its
-- unique keys (audit_id; model_id, model_sequence) must hold across the whole table.
-- No lab table changes.
-- ============================================================================

DO $$
DECLARE
    old_sequence TEXT := pg_get_serial_sequence('${registry_schema}.audit_log', 'audit_id');
    last_id BIGINT;
    called BOOLEAN;
    legacy_end TIMESTAMPTZ;
BEGIN
    EXECUTE format('SELECT last_value, is_called FROM %s', old_sequence) INTO last_id, called;
    SELECT (date_trunc('month', max(occurred_at) AT TIME ZONE 'UTC') + INTERVAL '1 month') AT TIME ZONE 'UTC'
      INTO legacy_end FROM ${registry_schema}.audit_log;

    -- 1. the old table, stripped of what the parent will own (or dropped when empty)
    IF legacy_end IS NULL THEN
        DROP TABLE ${registry_schema}.audit_log;
    ELSE
        ALTER TABLE ${registry_schema}.audit_log RENAME TO audit_log_legacy;
        DROP TRIGGER audit_log_model_id ON ${registry_schema}.audit_log_legacy;
        DROP TRIGGER audit_log_event ON ${registry_schema}.audit_log_legacy;
        ALTER TABLE ${registry_schema}.audit_log_legacy DROP CONSTRAINT audit_log_pkey;
        ALTER TABLE ${registry_schema}.audit_log_legacy ALTER COLUMN audit_id DROP IDENTITY;
        ALTER INDEX ${registry_schema}.idx_audit_entity RENAME TO audit_log_legacy_entity;
        ALTER INDEX ${registry_schema}.idx_audit_actor RENAME TO audit_log_legacy_actor;
        ALTER INDEX ${registry_schema}.idx_audit_model_id RENAME TO audit_log_legacy_model_id;
        ALTER INDEX ${registry_schema}.idx_audit_actor_id RENAME TO audit_log_legacy_actor_id;
        ALTER INDEX ${registry_schema}.idx_audit_occurred_id RENAME TO audit_log_legacy_occurred_id;
        -- lets ATTACH skip its validating scan of the old rows
        EXECUTE format('ALTER TABLE ${registry_schema}.audit_log_legacy ADD CONSTRAINT audit_log_legacy_bound '
                       'CHECK (occurred_at IS NOT NULL AND occurred_at < %L)', legacy_end);
    END IF;

    -- 2. the partitioned table, same columns in the same order
    CREATE TABLE ${registry_schema}.audit_log (
        audit_id BIGINT GENERATED ALWAYS AS IDENTITY,
        entity_type TEXT NOT NULL,
        entity_id UUID NOT NULL,
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        occurred_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        before_state JSONB,
        after_state JSONB,
        model_id UUID,
        CONSTRAINT audit_log_pkey PRIMARY KEY (audit_id, occurred_at),
        CONSTRAINT valid_audit_entity CHECK (
            entity_type IN ('team', 'model', 'version', 'dataset', 'training_run', 'deployment', 'approval')
        ),
        CONSTRAINT valid_audit_actor CHECK (length(btrim(actor)) > 0),
        CONSTRAINT valid_audit_action CHECK (length(btrim(action)) > 0)
    ) PARTITION BY RANGE (occurred_at);
    PERFORM setval(pg_get_serial_sequence('${registry_schema}.audit_log', 'audit_id'), last_id, called);

    -- 3. the old rows as one partition, then the catch-all
    IF legacy_end IS NOT NULL THEN
        EXECUTE format('ALTER TABLE ${registry_schema}.audit_log ATTACH PARTITION ${registry_schema}.audit_log_legacy '
                       'FOR VALUES FROM (MINVALUE) TO (%L)', legacy_end);
        ALTER TABLE ${registry_schema}.audit_log_legacy DROP CONSTRAINT audit_log_legacy_bound;
        COMMENT ON TABLE ${registry_schema}.audit_log_legacy IS
            'Partition of ${registry_schema}.audit_log: the rows written before it was partitioned (V60), up to the end of the newest one''s month';
    END IF;
    CREATE TABLE ${registry_schema}.audit_log_default PARTITION OF ${registry_schema}.audit_log DEFAULT;
END
$$;

CREATE INDEX idx_audit_entity ON ${registry_schema}.audit_log(entity_type, entity_id, occurred_at);
CREATE INDEX idx_audit_actor ON ${registry_schema}.audit_log(actor, occurred_at DESC);
CREATE INDEX idx_audit_model_id ON ${registry_schema}.audit_log(model_id, audit_id) WHERE model_id IS NOT NULL;
CREATE INDEX idx_audit_actor_id ON ${registry_schema}.audit_log(actor, audit_id);
CREATE INDEX idx_audit_occurred_id ON ${registry_schema}.audit_log(occurred_at, audit_id);

CREATE TRIGGER audit_log_model_id BEFORE INSERT ON ${registry_schema}.audit_log
    FOR EACH ROW EXECUTE FUNCTION ${registry_schema}.audit_log_set_model_id();

CREATE CONSTRAINT TRIGGER audit_log_event AFTER INSERT ON ${registry_schema}.audit_log
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ${registry_schema}.audit_log_publish_event();

COMMENT ON TABLE ${registry_schema}.audit_log IS
    'Who changed what and when: one row per registry API write; partitioned by month of occurred_at (UTC)';
COMMENT ON COLUMN ${registry_schema}.audit_log.before_state IS 'Row before the change (NULL for a creation)';
COMMENT ON COLUMN ${registry_schema}.audit_log.after_state IS 'Row after the change (NULL for a deletion)';
COMMENT ON COLUMN ${registry_schema}.audit_log.model_id IS
    'The model the entity belongs to (set by trigger audit_log_model_id; NULL for teams and datasets)';
COMMENT ON TABLE ${registry_schema}.audit_log_default IS
    'Partition of ${registry_schema}.audit_log for a row of a month without its own partition; kept empty by ${registry_schema}.ensure_audit_partitions';

-- The partitions of the time-partitioned tables and their bounds [lower_bound, upper_bound):
-- lower_bound NULL for the legacy partition (MINVALUE), both NULL for a DEFAULT partition;
-- detach_pending: a DETACH … CONCURRENTLY was interrupted (finished by DETACH … FINALIZE).
CREATE VIEW ${registry_schema}.time_partitions AS
SELECT pn.nspname::TEXT AS table_schema,
       p.relname::TEXT AS table_name,
       c.relname::TEXT AS partition_name,
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1]::TIMESTAMPTZ AS lower_bound,
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::TIMESTAMPTZ AS upper_bound,
       pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' AS is_default,
       i.inhdetachpending AS detach_pending
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE i.inhparent IN ('${tracking_schema}.metric_points'::regclass, '${registry_schema}.audit_log'::regclass);

COMMENT ON VIEW ${registry_schema}.time_partitions IS
    'Partitions of ${tracking_schema}.metric_points and ${registry_schema}.audit_log with their bounds [lower_bound, upper_bound); NULL lower_bound: from the beginning';

-- Creates the monthly partition (UTC) of each given instant unless it exists; idempotent and safe
-- when two sessions create the same month at once. Rows of that month already in the default
-- partition are moved into the new one (without firing the row triggers again: the events of
-- those rows exist). Returns how many partitions it created. Names and bounds are formatted
-- here with %I and %L, never by the caller.
CREATE FUNCTION ${registry_schema}.ensure_audit_partitions(instants TIMESTAMPTZ[]) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    month   TIMESTAMP;
    lower   TIMESTAMPTZ;
    upper   TIMESTAMPTZ;
    name    TEXT;
    created INTEGER := 0;
BEGIN
    FOR month IN SELECT DISTINCT date_trunc('month', t AT TIME ZONE 'UTC') FROM unnest(instants) AS t ORDER BY 1 LOOP
        name := 'audit_log_' || to_char(month, 'YYYY_MM');
        lower := month AT TIME ZONE 'UTC';
        upper := (month + INTERVAL '1 month') AT TIME ZONE 'UTC';
        -- the month is covered already (by its own partition, or by the legacy one)
        CONTINUE WHEN to_regclass(format('${registry_schema}.%I', name)) IS NOT NULL
            OR EXISTS (SELECT 1 FROM ${registry_schema}.time_partitions p
                       WHERE p.table_name = 'audit_log' AND NOT p.is_default
                         AND coalesce(p.lower_bound, '-infinity') < upper AND p.upper_bound > lower);
        -- serialises creators of partitions; a second creator then sees the month covered
        LOCK TABLE ${registry_schema}.audit_log IN SHARE ROW EXCLUSIVE MODE;
        CONTINUE WHEN to_regclass(format('${registry_schema}.%I', name)) IS NOT NULL;
        IF EXISTS (SELECT 1 FROM ${registry_schema}.audit_log_default WHERE occurred_at >= lower AND occurred_at < upper) THEN
            ALTER TABLE ${registry_schema}.audit_log DETACH PARTITION ${registry_schema}.audit_log_default;
            EXECUTE format('CREATE TABLE ${registry_schema}.%I (LIKE ${registry_schema}.audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
            EXECUTE format('WITH moved AS (DELETE FROM ${registry_schema}.audit_log_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) '
                           'INSERT INTO ${registry_schema}.%I SELECT * FROM moved', lower, upper, name);
            EXECUTE format('ALTER TABLE ${registry_schema}.audit_log ATTACH PARTITION ${registry_schema}.%I FOR VALUES FROM (%L) TO (%L)', name, lower, upper);
            ALTER TABLE ${registry_schema}.audit_log ATTACH PARTITION ${registry_schema}.audit_log_default DEFAULT;
        ELSE
            EXECUTE format('CREATE TABLE ${registry_schema}.%I PARTITION OF ${registry_schema}.audit_log FOR VALUES FROM (%L) TO (%L)', name, lower, upper);
        END IF;
        created := created + 1;
    END LOOP;
    RETURN created;
END
$$;

SELECT ${registry_schema}.ensure_audit_partitions(ARRAY[now(), now() + INTERVAL '1 month']);
