-- ============================================================================
-- mlregistry: lab 02, Part 7, Challenge 1 (Add New Entities)
--   1. an experiments table to group related training runs
--   2. a users table for authentication/authorization
--   3. models linked to users (who created the model)
-- In the style of V2__registry_schema.sql: schema-qualified names, named
-- constraints, an index per foreign key and per filter column, comments.
--
-- models.created_by (TEXT DEFAULT CURRENT_USER, the database role) stays as it
-- is: lab 02's own statements insert models without it, and a database role is
-- not an application user. The link to users is a new column,
-- models.created_by_user_id; likewise training_runs.experiment_name (free
-- text, lab 02) stays next to the new training_runs.experiment_id.
-- ============================================================================

-- Users of the registry (authentication happens elsewhere; this is the
-- identity and role the registry authorizes by).
CREATE TABLE ${registry_schema}.users (
    user_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    username TEXT NOT NULL,
    email TEXT NOT NULL,
    display_name TEXT,
    team_id UUID REFERENCES ${registry_schema}.teams(team_id) ON DELETE SET NULL,
    user_role TEXT NOT NULL DEFAULT 'viewer',
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    last_login_at TIMESTAMP WITH TIME ZONE,

    CONSTRAINT unique_username UNIQUE (username),
    CONSTRAINT unique_user_email UNIQUE (email),
    CONSTRAINT valid_username CHECK (username ~ '^[a-z0-9._-]+$'),
    CONSTRAINT valid_user_email CHECK (email ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'),
    CONSTRAINT valid_user_role CHECK (
        user_role IN ('admin', 'ml-engineer', 'data-scientist', 'approver', 'viewer')
    )
);

CREATE INDEX idx_users_team ON ${registry_schema}.users(team_id);
CREATE INDEX idx_users_role ON ${registry_schema}.users(user_role);

COMMENT ON TABLE ${registry_schema}.users IS 'People using the registry, for authentication and authorization';
COMMENT ON COLUMN ${registry_schema}.users.username IS 'Login name (lowercase letters, digits, ., _, -)';
COMMENT ON COLUMN ${registry_schema}.users.user_role IS 'Authorization role: admin, ml-engineer, data-scientist, approver, viewer';

-- Experiments: a named group of related training runs of one model.
CREATE TABLE ${registry_schema}.experiments (
    experiment_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    model_id UUID NOT NULL REFERENCES ${registry_schema}.models(model_id) ON DELETE CASCADE,
    experiment_name TEXT NOT NULL,
    description TEXT,
    hypothesis TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    created_by_user_id UUID REFERENCES ${registry_schema}.users(user_id) ON DELETE SET NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    completed_at TIMESTAMP WITH TIME ZONE,

    CONSTRAINT unique_experiment_per_model UNIQUE (model_id, experiment_name),
    CONSTRAINT valid_experiment_status CHECK (status IN ('active', 'completed', 'abandoned')),
    CONSTRAINT experiment_completed_timestamp CHECK (
        (status = 'active' AND completed_at IS NULL)
        OR (status <> 'active' AND completed_at IS NOT NULL)
    )
);

CREATE INDEX idx_experiments_model ON ${registry_schema}.experiments(model_id);
CREATE INDEX idx_experiments_status ON ${registry_schema}.experiments(status);
CREATE INDEX idx_experiments_created_by ON ${registry_schema}.experiments(created_by_user_id);

COMMENT ON TABLE ${registry_schema}.experiments IS 'Groups of related training runs of one model';
COMMENT ON COLUMN ${registry_schema}.experiments.hypothesis IS 'What the experiment sets out to show';

-- Training runs belong to at most one experiment; deleting the experiment keeps the runs.
ALTER TABLE ${registry_schema}.training_runs
    ADD COLUMN experiment_id UUID REFERENCES ${registry_schema}.experiments(experiment_id) ON DELETE SET NULL;

CREATE INDEX idx_training_experiment_id ON ${registry_schema}.training_runs(experiment_id);

COMMENT ON COLUMN ${registry_schema}.training_runs.experiment_id IS 'Experiment grouping this run (experiment_name is free text)';

-- Models link to the user who created them; deleting the user keeps the model.
ALTER TABLE ${registry_schema}.models
    ADD COLUMN created_by_user_id UUID REFERENCES ${registry_schema}.users(user_id) ON DELETE SET NULL;

CREATE INDEX idx_models_created_by_user ON ${registry_schema}.models(created_by_user_id);

COMMENT ON COLUMN ${registry_schema}.models.created_by_user_id IS 'Registry user who created the model (created_by is the database role)';
