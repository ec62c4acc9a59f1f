-- V31: vw_latest_model_versions breaks ties by the numeric semver columns
--
-- Versions registered in one transaction share registered_at (now() is the transaction start), so
-- the view's tie-break decides which is "latest". V2 broke ties by the numeric MAJOR.MINOR.PATCH,
-- then release before pre-release, then the semver TEXT: 1.0.0-beta.9 sorted above 1.0.0-beta.10
-- because '9' > '1'. SemVer compares numeric pre-release identifiers numerically. V10 added
-- generated columns with exactly that precedence (semver_prerelease is the precedence key of
-- ${registry_schema}.semver_prerelease_key); the view now orders ties by them, as ModelRegistry.semverDesc()
-- does. Same columns in the same order, so CREATE OR REPLACE VIEW keeps dependants valid.
CREATE OR REPLACE VIEW ${registry_schema}.vw_latest_model_versions AS
SELECT DISTINCT ON (m.model_id)
    m.model_id,
    m.model_name,
    m.display_name AS model_display_name,
    mv.version_id,
    mv.semver,
    mv.status AS version_status,
    mv.framework,
    mv.registered_at,
    mv.artifact_uri
FROM ${registry_schema}.models m
INNER JOIN ${registry_schema}.model_versions mv ON m.model_id = mv.model_id
WHERE mv.status != 'archived'
ORDER BY m.model_id,
         mv.registered_at DESC,
         mv.semver_major DESC,
         mv.semver_minor DESC,
         mv.semver_patch DESC,
         mv.semver_is_release DESC,
         mv.semver_prerelease DESC,
         mv.semver DESC,
         mv.version_id;

COMMENT ON VIEW ${registry_schema}.vw_latest_model_versions IS
    'Latest non-archived version per model: newest registered_at, ties by semantic version precedence';
