-- ============================================================================
-- mlregistry: audit queries by model, actor and time window; registry events (issue 12)
--  1. ${registry_schema}.audit_log (ours, V10) gains model_id, set by a BEFORE INSERT trigger from the
--     entity the row is about, whatever code inserted the row; indexes for keyset pages.
--  2. ${registry_schema}.events, a transactional outbox: one event per audit row, written by a deferred
--     trigger at commit, numbered in commit order, announced with pg_notify.
--  3. ${registry_schema}.event_subscribers: each subscriber's position, stored after its handler succeeded.
-- No lab table changes.
-- ============================================================================

-- ----------------------------------------------------------------------------- audit by model
ALTER TABLE ${registry_schema}.audit_log ADD COLUMN model_id UUID;

COMMENT ON COLUMN ${registry_schema}.audit_log.model_id IS
    'The model the entity belongs to (set by trigger audit_log_model_id; NULL for teams and datasets)';

-- A uuid read from a state, or NULL when the key is missing or is not a uuid (a state a caller
-- built may hold anything; a cast error must never refuse the change being audited).
CREATE FUNCTION ${registry_schema}.jsonb_uuid(state JSONB, key TEXT)
RETURNS UUID
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN state ->> key ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                THEN (state ->> key)::uuid END
$$;

-- The model an audited entity belongs to: its current row first (VOLATILE, so rows written
-- earlier in the same statement or transaction are seen), else the states the audit row carries
-- (the entity may be deleted by now). NULL for entities that belong to no model.
CREATE FUNCTION ${registry_schema}.audit_model_id(entity_type TEXT, entity_id UUID, before_state JSONB, after_state JSONB)
RETURNS UUID
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    state JSONB := coalesce(after_state, before_state);
    version UUID;
    model UUID;
BEGIN
    CASE entity_type
        WHEN 'model' THEN
            RETURN entity_id;
        WHEN 'version' THEN
            version := entity_id;
        WHEN 'deployment' THEN
            SELECT d.version_id INTO version FROM ${registry_schema}.deployments d WHERE d.deployment_id = entity_id;
        WHEN 'approval' THEN
            SELECT a.version_id INTO version FROM ${registry_schema}.approvals a WHERE a.approval_id = entity_id;
        WHEN 'training_run' THEN
            SELECT r.version_id INTO version FROM ${registry_schema}.training_runs r WHERE r.run_id = entity_id;
        ELSE
            RETURN NULL;
    END CASE;
    version := coalesce(version, ${registry_schema}.jsonb_uuid(state, 'version_id'));
    SELECT v.model_id INTO model FROM ${registry_schema}.model_versions v WHERE v.version_id = version;
    RETURN coalesce(model, ${registry_schema}.jsonb_uuid(state, 'model_id'));
END
$$;

-- Overwrites whatever the inserting statement gave: model_id is derived, never written by hand.
CREATE FUNCTION ${registry_schema}.audit_log_set_model_id()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.model_id := ${registry_schema}.audit_model_id(NEW.entity_type, NEW.entity_id, NEW.before_state, NEW.after_state);
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_model_id BEFORE INSERT ON ${registry_schema}.audit_log
    FOR EACH ROW EXECUTE FUNCTION ${registry_schema}.audit_log_set_model_id();

UPDATE ${registry_schema}.audit_log
SET model_id = ${registry_schema}.audit_model_id(entity_type, entity_id, before_state, after_state);

-- Keyset pages, newest first: by model, by actor (audit_id), by time window (occurred_at, audit_id).
CREATE INDEX idx_audit_model_id ON ${registry_schema}.audit_log(model_id, audit_id) WHERE model_id IS NOT NULL;
CREATE INDEX idx_audit_actor_id ON ${registry_schema}.audit_log(actor, audit_id);
CREATE INDEX idx_audit_occurred_id ON ${registry_schema}.audit_log(occurred_at, audit_id);

-- ----------------------------------------------------------------------------- events
-- event_id is taken at commit, under one transaction-scoped advisory lock held until the commit
-- ends, so event ids increase in commit order: once a reader sees event n, every event below n is
-- committed and visible, or was never committed. A subscriber may read "event_id > position"
-- without skipping anything. (An id taken at insert time would not have this property: a
-- transaction that inserted earlier may commit later.) Ids may have gaps (a commit that fails
-- after its deferred triggers ran), never a late smaller id.
CREATE SEQUENCE ${registry_schema}.events_event_id_seq AS BIGINT;

CREATE TABLE ${registry_schema}.events (
    event_id BIGINT PRIMARY KEY,
    model_id UUID,
    model_sequence BIGINT,
    event_type TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id UUID NOT NULL,
    actor TEXT NOT NULL,
    audit_id BIGINT NOT NULL,
    payload JSONB NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,

    CONSTRAINT events_audit_id_key UNIQUE (audit_id),
    CONSTRAINT events_model_sequence_key UNIQUE (model_id, model_sequence),
    CONSTRAINT valid_event_model_sequence CHECK ((model_id IS NULL) = (model_sequence IS NULL) AND model_sequence > 0)
);

ALTER SEQUENCE ${registry_schema}.events_event_id_seq OWNED BY ${registry_schema}.events.event_id;

COMMENT ON TABLE ${registry_schema}.events IS
    'Transactional outbox: one event per audit_log row, written at commit, event_id in commit order';
COMMENT ON COLUMN ${registry_schema}.events.model_sequence IS '1, 2, 3, … per model in commit order (NULL for teams and datasets)';
COMMENT ON COLUMN ${registry_schema}.events.event_type IS 'entity_type.action with : as ., e.g. approval.approved, version.status.validated';
COMMENT ON COLUMN ${registry_schema}.events.payload IS '{"before": state or null, "after": state or null} of the audit row';

CREATE FUNCTION ${registry_schema}.event_type(entity_type TEXT, action TEXT)
RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT entity_type || '.' || replace(action, ':', '.')
$$;

-- Runs at commit (deferred), once per audit row of the transaction, in the order they were inserted.
CREATE FUNCTION ${registry_schema}.audit_log_publish_event()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
DECLARE
    next_id BIGINT;
    next_sequence BIGINT;
BEGIN
    -- the events' commit-order lock; re-entrant within the transaction
    PERFORM pg_advisory_xact_lock(hashtext('mlregistry.events')::bigint);
    next_id := nextval('${registry_schema}.events_event_id_seq');
    IF NEW.model_id IS NOT NULL THEN
        SELECT coalesce(max(e.model_sequence), 0) + 1 INTO next_sequence
        FROM ${registry_schema}.events e WHERE e.model_id = NEW.model_id;
    END IF;
    IF current_setting('transaction_isolation') = 'read committed' THEN
        INSERT INTO ${registry_schema}.events (event_id, model_id, model_sequence, event_type, entity_type, entity_id,
                                     actor, audit_id, payload, occurred_at)
        VALUES (next_id, NEW.model_id, next_sequence, ${registry_schema}.event_type(NEW.entity_type, NEW.action),
                NEW.entity_type, NEW.entity_id, NEW.actor, NEW.audit_id,
                jsonb_build_object('before', NEW.before_state, 'after', NEW.after_state), NEW.occurred_at);
    ELSE
        -- REPEATABLE READ and SERIALIZABLE read the model's last sequence in the transaction's
        -- snapshot, which misses a concurrent commit of the same model: that is a serialization failure.
        BEGIN
            INSERT INTO ${registry_schema}.events (event_id, model_id, model_sequence, event_type, entity_type, entity_id,
                                         actor, audit_id, payload, occurred_at)
            VALUES (next_id, NEW.model_id, next_sequence, ${registry_schema}.event_type(NEW.entity_type, NEW.action),
                    NEW.entity_type, NEW.entity_id, NEW.actor, NEW.audit_id,
                    jsonb_build_object('before', NEW.before_state, 'after', NEW.after_state), NEW.occurred_at);
        EXCEPTION WHEN unique_violation THEN
            RAISE EXCEPTION 'a concurrent transaction committed a change of model % first', NEW.model_id
                USING ERRCODE = 'serialization_failure';
        END;
    END IF;
    -- one notification per transaction (equal payloads are folded), delivered on commit
    PERFORM pg_notify('mlregistry_events', '');
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER audit_log_event AFTER INSERT ON ${registry_schema}.audit_log
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ${registry_schema}.audit_log_publish_event();

-- ----------------------------------------------------------------------------- subscribers
CREATE TABLE ${registry_schema}.event_subscribers (
    subscriber_name TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT valid_subscriber_name CHECK (subscriber_name ~ '^[A-Za-z0-9_.:-]{1,128}$'),
    CONSTRAINT valid_subscriber_position CHECK (position >= 0)
);

COMMENT ON TABLE ${registry_schema}.event_subscribers IS
    'Each subscriber''s position: the last event_id its handler succeeded on (stored after the handler returned)';
