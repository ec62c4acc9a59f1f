-- ============================================================================
-- mlregistry: lookup rows that lab 02 inserts as part of the schema
-- (realized_by = "migration", kind = insert).
-- ============================================================================

-- L2.P3.20 Insert default environments
INSERT INTO ${registry_schema}.environments (environment_name, environment_type, description, priority) VALUES
    ('dev', 'development', 'Local development environment', 0),
    ('qa', 'development', 'QA testing environment', 1),
    ('staging', 'staging', 'Staging environment for final testing', 2),
    ('staging-eu', 'staging', 'Staging environment - EU region', 2),
    ('staging-us', 'staging', 'Staging environment - US region', 2),
    ('canary', 'canary', 'Canary deployment for gradual rollout', 3),
    ('prod', 'production', 'Production environment', 4),
    ('prod-eu', 'production', 'Production - Europe', 4),
    ('prod-us', 'production', 'Production - United States', 4),
    ('prod-apac', 'production', 'Production - Asia Pacific', 4);

-- L2.P3.76 Insert common tags
INSERT INTO ${registry_schema}.tags (tag_category, tag_value, tag_description) VALUES
    ('domain', 'nlp', 'Natural Language Processing'),
    ('domain', 'computer-vision', 'Computer Vision'),
    ('domain', 'time-series', 'Time Series Analysis'),
    ('domain', 'recommendation', 'Recommendation Systems'),
    ('domain', 'tabular', 'Tabular Data Models'),
    ('use-case', 'classification', 'Classification task'),
    ('use-case', 'regression', 'Regression task'),
    ('use-case', 'generation', 'Generative models'),
    ('use-case', 'detection', 'Object/anomaly detection'),
    ('use-case', 'segmentation', 'Segmentation task'),
    ('priority', 'critical', 'Business-critical model'),
    ('priority', 'high', 'High priority'),
    ('priority', 'medium', 'Medium priority'),
    ('priority', 'low', 'Low priority'),
    ('status', 'experimental', 'Experimental/research'),
    ('status', 'production-ready', 'Production-ready'),
    ('status', 'deprecated', 'Deprecated, do not use');
