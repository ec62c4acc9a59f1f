-- Tracking beyond lab 01 (issue 11): run tags, experiments, sweeps and framework names beyond the
-- lab's six. Every table is new and lives in schema tracking beside lab 01's training_runs, which
-- keeps its columns, constraints (valid_framework, unique_daily_run) and indexes exactly as the lab
-- has them: nothing here adds a column, constraint or index to ${tracking_schema}.training_runs.

-- ----------------------------------------------------------------------------- run tags
-- Free key/value pairs, many per run, one value per key. The Java API checks the same limits
-- before the round trip; the CHECKs keep other writers honest.
CREATE TABLE ${tracking_schema}.run_tags (
    run_id UUID NOT NULL REFERENCES ${tracking_schema}.training_runs(run_id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),

    CONSTRAINT run_tags_pkey PRIMARY KEY (run_id, key),
    CONSTRAINT valid_tag_key CHECK (key ~ '^[A-Za-z0-9_.:/-]{1,128}$'),
    CONSTRAINT valid_tag_value CHECK (char_length(value) <= 1024 AND value !~ '[\x01-\x1f\x7f-\x9f]')
);

-- Tag filters are EXISTS (... WHERE key = ? [AND value = ? | IN (...)]): served by this index from
-- the tag side, by the primary key (run_id, key) from the run side.
CREATE INDEX idx_run_tags_key_value ON ${tracking_schema}.run_tags (key, value, run_id);

COMMENT ON TABLE ${tracking_schema}.run_tags IS 'Free key/value tags of tracked runs (one value per key and run)';

-- ----------------------------------------------------------------------------- experiments
-- Experiments of tracked runs, keyed by the name runs already carry in experiment_name: a run
-- belongs to the experiment of its name (no column is added to training_runs), so runs recorded
-- before the experiment was created belong to it too.
CREATE TABLE ${tracking_schema}.experiments (
    experiment_name TEXT NOT NULL,
    description TEXT,
    created_by TEXT NOT NULL DEFAULT CURRENT_USER,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),

    CONSTRAINT experiments_pkey PRIMARY KEY (experiment_name),
    CONSTRAINT valid_experiment_name CHECK (
        char_length(experiment_name) BETWEEN 1 AND 200 AND experiment_name !~ '[\x01-\x1f\x7f-\x9f]'
    )
);

COMMENT ON TABLE ${tracking_schema}.experiments IS 'Named experiments of tracked runs; runs link by experiment_name';

-- ----------------------------------------------------------------------------- sweeps
-- A sweep: many trials of one model + experiment + dataset, e.g. on one day. Each trial is a row of
-- training_runs whose experiment_name is <experiment>/<sweep>/trial-<n>, so unique_daily_run never
-- sees two trials with the same key and keeps refusing plain duplicates.
CREATE TABLE ${tracking_schema}.sweeps (
    sweep_id UUID NOT NULL DEFAULT gen_random_uuid(),
    sweep_name TEXT NOT NULL,
    experiment_name TEXT NOT NULL,
    model_name TEXT NOT NULL,
    framework TEXT NOT NULL,
    framework_name TEXT,
    dataset TEXT NOT NULL,
    compute_target TEXT NOT NULL,
    parameters JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_by TEXT NOT NULL DEFAULT CURRENT_USER,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),

    CONSTRAINT sweeps_pkey PRIMARY KEY (sweep_id),
    CONSTRAINT unique_sweep_name UNIQUE (experiment_name, sweep_name),
    CONSTRAINT valid_sweep_name CHECK (sweep_name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    CONSTRAINT valid_sweep_framework CHECK (
        framework IN ('pytorch', 'tensorflow', 'sklearn', 'xgboost', 'jax', 'mxnet')
    ),
    CONSTRAINT valid_sweep_framework_name CHECK (framework_name ~ '^[a-z0-9][a-z0-9_.+-]{0,63}$')
);

COMMENT ON COLUMN ${tracking_schema}.sweeps.framework IS
    'What the trials record in training_runs.framework (valid_framework allows the lab''s six only)';
COMMENT ON COLUMN ${tracking_schema}.sweeps.framework_name IS
    'The framework beyond the lab''s six (e.g. lightgbm), recorded for each trial in run_frameworks; NULL when framework says it all';

CREATE TABLE ${tracking_schema}.sweep_trials (
    sweep_id UUID NOT NULL REFERENCES ${tracking_schema}.sweeps(sweep_id) ON DELETE CASCADE,
    trial_number INTEGER NOT NULL,
    run_id UUID NOT NULL REFERENCES ${tracking_schema}.training_runs(run_id) ON DELETE CASCADE,

    CONSTRAINT sweep_trials_pkey PRIMARY KEY (sweep_id, trial_number),
    CONSTRAINT unique_trial_run UNIQUE (run_id),
    CONSTRAINT valid_trial_number CHECK (trial_number >= 1)
);

COMMENT ON TABLE ${tracking_schema}.sweep_trials IS
    'Trials of a sweep: each a training run (its hyperparameters are the run''s parameters)';

-- ----------------------------------------------------------------------------- frameworks
-- The framework of a run when it is not one of the lab's six (lightgbm, catboost, huggingface, …).
-- training_runs.framework still holds one of the six (valid_framework), chosen by the caller.
CREATE TABLE ${tracking_schema}.run_frameworks (
    run_id UUID NOT NULL REFERENCES ${tracking_schema}.training_runs(run_id) ON DELETE CASCADE,
    framework_name TEXT NOT NULL,

    CONSTRAINT run_frameworks_pkey PRIMARY KEY (run_id),
    CONSTRAINT valid_framework_name CHECK (framework_name ~ '^[a-z0-9][a-z0-9_.+-]{0,63}$')
);

COMMENT ON TABLE ${tracking_schema}.run_frameworks IS
    'Framework names beyond valid_framework''s six; training_runs.framework holds the stand-in the caller chose';
