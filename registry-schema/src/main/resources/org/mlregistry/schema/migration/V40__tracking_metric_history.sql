-- Metric history of tracked runs (issue 11): any metric name, one point per step, hundreds of
-- millions of points. Lab 01's ${tracking_schema}.training_runs stays as it is; its five metric columns
-- remain the lab's final metrics.

-- Every logged point. Range-partitioned by month of logged_at (UTC): retention drops whole old
-- partitions (no DELETE, no table rewrite) and time-bounded reads scan only the months they name.
-- Partitions are created ahead of need by ${tracking_schema}.ensure_metric_partitions (below), which the
-- API's write paths call for the months of the points they write; there is no DEFAULT partition:
-- it would keep out-of-range points out of retention and make every later partition creation
-- scan it (and fail when it holds rows of the new month).
CREATE TABLE ${tracking_schema}.metric_points (
    run_id    UUID NOT NULL REFERENCES ${tracking_schema}.training_runs (run_id) ON DELETE CASCADE,
    metric    TEXT NOT NULL,
    step      BIGINT NOT NULL,
    logged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    CONSTRAINT metric_points_valid_metric CHECK (char_length(metric) BETWEEN 1 AND 250),
    CONSTRAINT metric_points_valid_step CHECK (step >= 0),
    -- PostgreSQL's float8 holds NaN and ±Infinity; mlregistry refuses them (NaN sorts above every
    -- number in PostgreSQL and breaks min/max/avg of a bucket)
    CONSTRAINT metric_points_finite_value CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity'))
) PARTITION BY RANGE (logged_at);

-- The one read path of history: one run's metric in step order (history, downsampling, compare).
-- No index on logged_at: retention drops partitions instead of scanning, and time bounds prune
-- partitions; a BRIN would only serve a cross-run time scan, which the API does not offer.
CREATE INDEX idx_metric_points_history ON ${tracking_schema}.metric_points (run_id, metric, step);

COMMENT ON TABLE ${tracking_schema}.metric_points IS
    'Metric history of tracked runs, one row per logged point; partitioned by month of logged_at (UTC)';
COMMENT ON COLUMN ${tracking_schema}.metric_points.step IS 'Training step or epoch the value belongs to, >= 0';

-- The latest point (highest step; on equal steps the last written) per run and metric, kept by
-- the write paths in the statement or transaction that writes the points: runs are searched and
-- ordered by a metric here, without reading history. Not partitioned and not touched by retention.
CREATE TABLE ${tracking_schema}.run_metric_latest (
    run_id    UUID NOT NULL REFERENCES ${tracking_schema}.training_runs (run_id) ON DELETE CASCADE,
    metric    TEXT NOT NULL,
    step      BIGINT NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    logged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT run_metric_latest_pkey PRIMARY KEY (run_id, metric),
    CONSTRAINT run_metric_latest_valid_metric CHECK (char_length(metric) BETWEEN 1 AND 250),
    CONSTRAINT run_metric_latest_valid_step CHECK (step >= 0),
    CONSTRAINT run_metric_latest_finite_value CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity'))
);

-- Search by a metric's value (RunFilter.metric(name).lt(x)) and its keyset order (value, run_id).
CREATE INDEX idx_run_metric_latest_search ON ${tracking_schema}.run_metric_latest (metric, value, run_id);

COMMENT ON TABLE ${tracking_schema}.run_metric_latest IS
    'Latest point (highest step) per run and metric, kept by the API''s write paths; for search and ordering';

-- The partitions of ${tracking_schema}.metric_points with their bounds [lower_bound, upper_bound).
CREATE VIEW ${tracking_schema}.metric_point_partitions AS
SELECT c.relname::TEXT AS partition_name,
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1]::TIMESTAMPTZ AS lower_bound,
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::TIMESTAMPTZ AS upper_bound
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = '${tracking_schema}.metric_points'::regclass;

COMMENT ON VIEW ${tracking_schema}.metric_point_partitions IS
    'Partitions of ${tracking_schema}.metric_points and their logged_at bounds [lower_bound, upper_bound)';

-- Creates the monthly partition (UTC) of each given instant unless it exists; idempotent and safe
-- when two sessions create the same month at once. Returns how many partitions it created.
-- Partition names and bounds are formatted here with %I and %L, never by the caller.
CREATE FUNCTION ${tracking_schema}.ensure_metric_partitions(instants TIMESTAMPTZ[]) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    month   TIMESTAMP;
    name    TEXT;
    created INTEGER := 0;
BEGIN
    FOR month IN SELECT DISTINCT date_trunc('month', t AT TIME ZONE 'UTC') FROM unnest(instants) AS t ORDER BY 1 LOOP
        name := 'metric_points_' || to_char(month, 'YYYY_MM');
        IF to_regclass(format('${tracking_schema}.%I', name)) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE ${tracking_schema}.%I PARTITION OF ${tracking_schema}.metric_points FOR VALUES FROM (%L) TO (%L)',
                               name, month AT TIME ZONE 'UTC', (month + INTERVAL '1 month') AT TIME ZONE 'UTC');
                created := created + 1;
            EXCEPTION WHEN duplicate_table OR unique_violation THEN
                NULL; -- another session created it first
            END;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

-- Retention: drops every partition whose whole range lies before cutoff (upper bound <= cutoff),
-- oldest first, and returns their names. Newer partitions, and newer points, stay untouched.
-- (An array, not SETOF: jOOQ would generate a set-returning function as a table.)
CREATE FUNCTION ${tracking_schema}.drop_metric_partitions_before(cutoff TIMESTAMPTZ) RETURNS TEXT[]
LANGUAGE plpgsql AS $$
DECLARE
    part    RECORD;
    dropped TEXT[] := '{}';
BEGIN
    FOR part IN SELECT p.partition_name FROM ${tracking_schema}.metric_point_partitions p
                WHERE p.upper_bound <= cutoff ORDER BY p.upper_bound LOOP
        EXECUTE format('ALTER TABLE ${tracking_schema}.metric_points DETACH PARTITION ${tracking_schema}.%I', part.partition_name);
        EXECUTE format('DROP TABLE ${tracking_schema}.%I', part.partition_name);
        dropped := dropped || part.partition_name;
    END LOOP;
    RETURN dropped;
END
$$;
