-- Leases for workers (issue 11): who holds a claimed run of lab 01's ${tracking_schema}.training_runs, until
-- when, and on which attempt. Beside the lab table, which stays as the lab defines it.
-- One row per run that was ever claimed with a lease; a new claim of the same run (after a reaper
-- requeued it or its owner released it) reuses the row and counts the attempt up.
CREATE TABLE ${tracking_schema}.run_leases (
    run_id UUID PRIMARY KEY REFERENCES ${tracking_schema}.training_runs (run_id) ON DELETE CASCADE,
    owner TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at TIMESTAMP WITH TIME ZONE,
    end_reason TEXT,

    CONSTRAINT valid_lease_owner CHECK (length(btrim(owner)) > 0),
    CONSTRAINT valid_lease_attempt CHECK (attempt >= 1),
    CONSTRAINT valid_lease_max_attempts CHECK (max_attempts >= 1),
    CONSTRAINT lease_end_with_reason CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);

-- The reaper: live leases by expiry.
CREATE INDEX idx_run_leases_live_expiry
    ON ${tracking_schema}.run_leases (lease_expires_at)
    WHERE ended_at IS NULL;

-- "What do I own?" and idempotent re-claims: live leases by owner.
CREATE INDEX idx_run_leases_live_owner
    ON ${tracking_schema}.run_leases (owner)
    WHERE ended_at IS NULL;

COMMENT ON TABLE ${tracking_schema}.run_leases IS
    'Worker leases on claimed training runs: live while ended_at IS NULL and the run is running';
COMMENT ON COLUMN ${tracking_schema}.run_leases.attempt IS
    'How many times the run was claimed with a lease; 1 on the first claim';
COMMENT ON COLUMN ${tracking_schema}.run_leases.max_attempts IS
    'Claims allowed before a reaper fails the run instead of requeueing it (the claimer''s policy)';
COMMENT ON COLUMN ${tracking_schema}.run_leases.end_reason IS
    'Why the lease ended: released, finished (the run''s status), or expired (requeued or failed)';
