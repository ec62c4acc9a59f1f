-- Tracking API (issue 5): soft-delete marker and the indexes the API's selective operations need.

-- Soft delete: archived runs stay in the table but are excluded from searches by default.
ALTER TABLE ${tracking_schema}.training_runs ADD COLUMN archived_at TIMESTAMP WITH TIME ZONE;

COMMENT ON COLUMN ${tracking_schema}.training_runs.archived_at IS
    'When the run was archived (soft-deleted) by a retention policy; NULL for live runs';

-- claimNext: oldest queued run of one compute target, ties broken by run_id.
CREATE INDEX idx_training_runs_claim
    ON ${tracking_schema}.training_runs (compute_target, created_at, run_id)
    WHERE status = 'queued';

-- Keyset pagination over the default order (created_at DESC NULLS LAST, run_id DESC) of live runs;
-- the NULLS placement must match the query's for the index to deliver the order.
CREATE INDEX idx_training_runs_keyset_created
    ON ${tracking_schema}.training_runs (created_at DESC NULLS LAST, run_id DESC)
    WHERE archived_at IS NULL;

-- Recent failures / status pages of live runs in keyset order.
CREATE INDEX idx_training_runs_status_keyset
    ON ${tracking_schema}.training_runs (status, created_at DESC NULLS LAST, run_id DESC)
    WHERE archived_at IS NULL;
