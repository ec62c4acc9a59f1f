-- ============================================================================
-- mlregistry: lab 02 sample data (realized_by = "sample-data", L2.P3.97–L2.P3.100)
-- Plain statements, each ending with a semicolon at a line end, no DO blocks,
-- no dollar quotes, no psql meta-commands. Requires migrations V2 and V3.
-- Run in one transaction. Timestamps come from the NOW() column defaults, as in the lab.
-- ============================================================================

-- L2.P3.97 Insert sample teams
INSERT INTO registry.teams (team_name, team_email, department, manager_name) VALUES
    ('ml-platform', 'ml-platform@example.com', 'Engineering', 'Alice Johnson'),
    ('data-science', 'data-science@example.com', 'Analytics', 'Bob Smith'),
    ('ai-research', 'ai-research@example.com', 'R&D', 'Carol White'),
    ('mlops', 'mlops@example.com', 'Operations', 'David Brown');

-- L2.P3.98 Insert sample models
INSERT INTO registry.models (model_name, display_name, description, team_id, objective, risk_level, compliance_required) VALUES
    ('sentiment-classifier', 'Sentiment Classifier', 'Customer feedback sentiment analysis',
     (SELECT team_id FROM registry.teams WHERE team_name = 'data-science'),
     'Classify customer sentiment as positive/negative/neutral', 'medium', FALSE),
    ('fraud-detector', 'Fraud Detection Model', 'Real-time transaction fraud detection',
     (SELECT team_id FROM registry.teams WHERE team_name = 'ai-research'),
     'Identify fraudulent transactions', 'critical', TRUE),
    ('product-recommender', 'Product Recommendation Engine', 'Personalized product recommendations',
     (SELECT team_id FROM registry.teams WHERE team_name = 'data-science'),
     'Recommend products to users based on behavior', 'high', FALSE);

-- L2.P3.99 Insert sample model versions (the lab's DO block that looks up model ids
-- into variables, rewritten as INSERT ... SELECT with a subquery by model name;
-- a missing model still fails on model_id NOT NULL, as in the lab)
INSERT INTO registry.model_versions (model_id, semver, artifact_uri, framework, framework_version, registered_by, status)
SELECT (SELECT m.model_id FROM registry.models m WHERE m.model_name = v.model_name),
       v.semver, v.artifact_uri, v.framework, v.framework_version, v.registered_by, v.status
FROM (VALUES
    ('sentiment-classifier', '1.0.0', 's3://ml-artifacts/sentiment-classifier/1.0.0/',
     'pytorch', '2.0.1', 'alice@example.com', 'deployed'),
    ('sentiment-classifier', '1.1.0', 's3://ml-artifacts/sentiment-classifier/1.1.0/',
     'pytorch', '2.0.1', 'alice@example.com', 'registered'),
    ('fraud-detector', '2.0.0', 's3://ml-artifacts/fraud-detector/2.0.0/',
     'tensorflow', '2.13.0', 'bob@example.com', 'validated'),
    ('product-recommender', '0.9.0', 's3://ml-artifacts/product-recommender/0.9.0/',
     'sklearn', '1.3.0', 'carol@example.com', 'registered')
) AS v(model_name, semver, artifact_uri, framework, framework_version, registered_by, status);

-- L2.P3.100 Insert sample datasets
INSERT INTO registry.datasets (dataset_name, display_name, storage_location, storage_format, data_steward, contains_pii) VALUES
    ('customer-reviews-2024', 'Customer Reviews 2024', 's3://datasets/customer-reviews/',
     'parquet', 'alice@example.com', FALSE),
    ('transaction-logs', 'Transaction Logs', 's3://datasets/transactions/',
     'parquet', 'bob@example.com', TRUE),
    ('user-interactions', 'User Interaction Events', 's3://datasets/user-events/',
     'parquet', 'carol@example.com', TRUE);
