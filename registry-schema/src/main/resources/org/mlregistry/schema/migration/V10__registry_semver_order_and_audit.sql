-- ============================================================================
-- mlregistry: model registry API support (issue 6)
--  1. Semantic-version ordering of ${registry_schema}.model_versions.
--     Lab 02's idx_versions_semver orders semver as text, so '1.10.0' < '1.9.0'.
--     We add generated numeric columns major/minor/patch, a release flag and a
--     pre-release precedence key (SemVer 2.0.0, section 11) and index them.
--  2. Status bookkeeping of model versions: when and why the status last changed.
--  3. An audit trail (lab 01's reflection proposes a history table): one row per
--     API write, who/what/when with the row before and after as jsonb.
-- ============================================================================

-- Pre-release precedence key of a semantic version, NULL for a release.
-- Each dot-separated identifier becomes one array element that sorts (COLLATE "C")
-- as SemVer 2.0.0 says: numeric identifiers numerically ('0' + 5-digit length +
-- digits), alphanumeric ones in ASCII order ('1' + identifier, so after every
-- numeric one); a shorter array that is a prefix of a longer one sorts first.
-- Build metadata (+...) is ignored.
CREATE FUNCTION ${registry_schema}.semver_prerelease_key(semver TEXT)
RETURNS TEXT[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN strpos(split_part(semver, '+', 1), '-') = 0 THEN NULL
        ELSE ARRAY(
            SELECT CASE WHEN id ~ '^[0-9]+$'
                        THEN '0' || lpad(length(id)::text, 5, '0') || id
                        ELSE '1' || id
                   END COLLATE "C"
            FROM unnest(string_to_array(
                     substr(split_part(semver, '+', 1), strpos(split_part(semver, '+', 1), '-') + 1), '.'))
                 WITH ORDINALITY AS t(id, n)
            ORDER BY n)
    END
$$;

COMMENT ON FUNCTION ${registry_schema}.semver_prerelease_key(TEXT) IS
    'SemVer 2.0.0 pre-release precedence key (NULL for a release); sorts with COLLATE "C"';

-- The numeric parts are computed only for text that starts like a version: generated columns are
-- computed before CHECKs run, so an unguarded cast would hide valid_semver behind a cast error.
ALTER TABLE ${registry_schema}.model_versions
    ADD COLUMN semver_major NUMERIC GENERATED ALWAYS AS
        (CASE WHEN semver ~ '^[0-9]+\.[0-9]+\.[0-9]+' THEN split_part(split_part(split_part(semver, '+', 1), '-', 1), '.', 1)::numeric END) STORED,
    ADD COLUMN semver_minor NUMERIC GENERATED ALWAYS AS
        (CASE WHEN semver ~ '^[0-9]+\.[0-9]+\.[0-9]+' THEN split_part(split_part(split_part(semver, '+', 1), '-', 1), '.', 2)::numeric END) STORED,
    ADD COLUMN semver_patch NUMERIC GENERATED ALWAYS AS
        (CASE WHEN semver ~ '^[0-9]+\.[0-9]+\.[0-9]+' THEN split_part(split_part(split_part(semver, '+', 1), '-', 1), '.', 3)::numeric END) STORED,
    ADD COLUMN semver_is_release BOOLEAN GENERATED ALWAYS AS
        (strpos(split_part(semver, '+', 1), '-') = 0) STORED,
    ADD COLUMN semver_prerelease TEXT[] COLLATE "C" GENERATED ALWAYS AS
        (${registry_schema}.semver_prerelease_key(semver)) STORED,
    ADD COLUMN status_changed_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN status_reason TEXT;

COMMENT ON COLUMN ${registry_schema}.model_versions.semver_major IS 'Numeric MAJOR of semver (generated)';
COMMENT ON COLUMN ${registry_schema}.model_versions.semver_minor IS 'Numeric MINOR of semver (generated)';
COMMENT ON COLUMN ${registry_schema}.model_versions.semver_patch IS 'Numeric PATCH of semver (generated)';
COMMENT ON COLUMN ${registry_schema}.model_versions.semver_is_release IS 'True when semver has no pre-release part (generated)';
COMMENT ON COLUMN ${registry_schema}.model_versions.semver_prerelease IS 'Pre-release precedence key, see ${registry_schema}.semver_prerelease_key (generated)';
COMMENT ON COLUMN ${registry_schema}.model_versions.status_changed_at IS 'When status last changed';
COMMENT ON COLUMN ${registry_schema}.model_versions.status_reason IS 'Why status last changed';

-- The text-ordered index is replaced by one in semantic-version order (highest first).
DROP INDEX ${registry_schema}.idx_versions_semver;
CREATE INDEX idx_versions_semver ON ${registry_schema}.model_versions
    (model_id, semver_major DESC, semver_minor DESC, semver_patch DESC,
     semver_is_release DESC, semver_prerelease DESC);

-- Active deployments of one environment, for the traffic check of a deploy.
CREATE INDEX idx_deployments_env_version_active ON ${registry_schema}.deployments(environment_id, version_id)
    WHERE status IN ('active', 'degraded');

-- Audit trail
CREATE TABLE ${registry_schema}.audit_log (
    audit_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_type TEXT NOT NULL,
    entity_id UUID NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
    before_state JSONB,
    after_state JSONB,
    CONSTRAINT valid_audit_entity CHECK (
        entity_type IN ('team', 'model', 'version', 'dataset', 'training_run', 'deployment', 'approval')
    ),
    CONSTRAINT valid_audit_actor CHECK (length(btrim(actor)) > 0),
    CONSTRAINT valid_audit_action CHECK (length(btrim(action)) > 0)
);

CREATE INDEX idx_audit_entity ON ${registry_schema}.audit_log(entity_type, entity_id, occurred_at);
CREATE INDEX idx_audit_actor ON ${registry_schema}.audit_log(actor, occurred_at DESC);

COMMENT ON TABLE ${registry_schema}.audit_log IS 'Who changed what and when: one row per registry API write';
COMMENT ON COLUMN ${registry_schema}.audit_log.before_state IS 'Row before the change (NULL for a creation)';
COMMENT ON COLUMN ${registry_schema}.audit_log.after_state IS 'Row after the change (NULL for a deletion)';
