-- ============================================================================
-- mlregistry: model aliases, environments that can be created, version tags (issue 12)
-- New tables beside lab 02's; no lab table gains a column.
-- ============================================================================

-- ----------------------------------------------------------------------------- aliases
-- A composite foreign key (model_id, version_id) makes "the version belongs to the model" a
-- rule of the database; it needs a unique key on the pair (version_id alone is already unique,
-- so this adds no restriction, only the index the key needs).
ALTER TABLE ${registry_schema}.model_versions
    ADD CONSTRAINT model_versions_model_version_key UNIQUE (model_id, version_id);

-- A named pointer to one version of a model ("champion", "challenger"), unique per model.
-- Set and move are one INSERT … ON CONFLICT (model_id, alias) DO UPDATE, which also keeps the
-- version the alias pointed to before, so a move reports (and can undo) what it replaced.
CREATE TABLE ${registry_schema}.model_aliases (
    model_id UUID NOT NULL,
    alias TEXT NOT NULL,
    version_id UUID NOT NULL,
    previous_version_id UUID REFERENCES ${registry_schema}.model_versions(version_id) ON DELETE SET NULL,
    set_by TEXT NOT NULL,
    set_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT model_aliases_pkey PRIMARY KEY (model_id, alias),
    CONSTRAINT model_aliases_version_fkey FOREIGN KEY (model_id, version_id)
        REFERENCES ${registry_schema}.model_versions(model_id, version_id) ON DELETE CASCADE,
    CONSTRAINT valid_alias CHECK (alias ~ '^[a-z][a-z0-9_-]{0,62}$'),
    CONSTRAINT valid_alias_set_by CHECK (length(btrim(set_by)) > 0)
);

-- Resolve by (model_id, alias) is the primary key; the aliases of a version (and the foreign
-- keys' checks when a version is deleted) use these.
CREATE INDEX idx_model_aliases_version ON ${registry_schema}.model_aliases(version_id);
CREATE INDEX idx_model_aliases_previous ON ${registry_schema}.model_aliases(previous_version_id);

COMMENT ON TABLE ${registry_schema}.model_aliases IS 'Named pointers (champion, challenger, …) to one version of a model, unique per model';
COMMENT ON COLUMN ${registry_schema}.model_aliases.alias IS 'Lowercase letter, then up to 62 lowercase letters, digits, _ or -';
COMMENT ON COLUMN ${registry_schema}.model_aliases.previous_version_id IS 'The version the alias pointed to before its last move (NULL when never moved)';

-- ----------------------------------------------------------------------------- environments
-- Lab 02's valid_env_name allows a fixed list of twelve names, so no environment can be
-- created. The same constraint now states a rule that every one of those names meets: a
-- DNS-label-like name (lowercase letter first, then lowercase letters, digits and '-', not
-- ending in '-'), 1 to 63 characters.
ALTER TABLE ${registry_schema}.environments DROP CONSTRAINT valid_env_name;
ALTER TABLE ${registry_schema}.environments ADD CONSTRAINT valid_env_name CHECK (
    environment_name ~ '^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$'
);

COMMENT ON COLUMN ${registry_schema}.environments.environment_name IS 'Lowercase letter first, then lowercase letters, digits and -, not ending in -; 1 to 63 characters';

-- ----------------------------------------------------------------------------- version tags
-- Free key/value tags of model versions, one value per key, with the limits of
-- ${tracking_schema}.run_tags (the lab's categorized tags stay for models and datasets).
CREATE TABLE ${registry_schema}.version_tags (
    version_id UUID NOT NULL REFERENCES ${registry_schema}.model_versions(version_id) ON DELETE CASCADE,
    tag_key TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT version_tags_pkey PRIMARY KEY (version_id, tag_key),
    CONSTRAINT valid_version_tag_key CHECK (tag_key ~ '^[A-Za-z0-9_.:/-]{1,128}$'),
    CONSTRAINT valid_version_tag_value CHECK (char_length(tag_value) <= 1024 AND tag_value !~ '[\x01-\x1f\x7f-\x9f]'),
    CONSTRAINT valid_version_tag_set_by CHECK (length(btrim(set_by)) > 0)
);

-- Find versions by key = value: from the tag side; the primary key serves a version's tags.
CREATE INDEX idx_version_tags_key_value ON ${registry_schema}.version_tags(tag_key, tag_value, version_id);

COMMENT ON TABLE ${registry_schema}.version_tags IS 'Free key/value tags of model versions (one value per key and version)';
