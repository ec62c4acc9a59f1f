-- Best runs per group (analytics().topN(...), leaderboards): each group's lateral subquery
-- "WHERE framework = ? AND status = 'succeeded' ORDER BY accuracy DESC, run_id LIMIT n" becomes one
-- short index scan instead of a sort of every succeeded run. Not partial, so generic plans of
-- prepared statements (status bound as a parameter) can use it too.
CREATE INDEX idx_training_runs_best_per_framework
    ON ${tracking_schema}.training_runs (framework, status, accuracy DESC, run_id);

COMMENT ON INDEX ${tracking_schema}.idx_training_runs_best_per_framework IS
    'Top-N runs per framework by accuracy (lateral top-N, leaderboards)';
