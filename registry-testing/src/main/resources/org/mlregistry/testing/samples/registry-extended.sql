-- ============================================================================
-- mlregistry: extended lab 02 sample data (not from the lab)
-- Lab 02's samples (registry.sql) hold no training runs, deployments, approvals
-- or tags on models, so most queries of lab 02 Part 5 return nothing. These rows
-- give every Part 5 query something to return. Requires registry.sql.
-- Plain statements, each ending with a semicolon at a line end, no DO blocks,
-- no dollar quotes. Timestamps are relative to NOW(); rows are found by name.
--
-- Versions: sentiment-classifier 1.0.0 and 1.1.0, fraud-detector 2.0.0,
-- product-recommender 0.9.0 (from registry.sql).
-- ============================================================================

-- Training runs: two per sentiment version, two for fraud-detector, one for the
-- recommender; created_at differs for every run, so "the latest run" is defined.
INSERT INTO registry.training_runs (version_id, run_name, experiment_name, status,
                                    accuracy, precision_score, recall_score, f1_score, loss,
                                    hyperparameters, compute_target, instance_type, gpu_count, gpu_type,
                                    gpu_hours, cpu_hours, estimated_cost_usd, started_by,
                                    started_at, completed_at, duration_seconds, created_at)
SELECT (SELECT mv.version_id FROM registry.model_versions mv
          JOIN registry.models m ON m.model_id = mv.model_id
         WHERE m.model_name = r.model_name AND mv.semver = r.semver),
       r.run_name, r.experiment_name, r.status,
       r.accuracy, r.precision_score, r.recall_score, r.f1_score, r.loss,
       r.hyperparameters::jsonb, r.compute_target, r.instance_type, r.gpu_count, r.gpu_type,
       r.gpu_hours, r.cpu_hours, r.estimated_cost_usd, r.started_by,
       NOW() - r.created_ago,
       CASE WHEN r.status IN ('succeeded', 'failed') THEN NOW() - r.created_ago + r.duration END,
       CASE WHEN r.status IN ('succeeded', 'failed') THEN EXTRACT(EPOCH FROM r.duration)::integer END,
       NOW() - r.created_ago
FROM (VALUES
    ('sentiment-classifier', '1.0.0', 'sentiment-1.0.0-baseline', 'sentiment-baseline', 'succeeded',
     0.8912, 0.8850, 0.8790, 0.8820, 0.31245, '{"learning_rate": 0.001, "batch_size": 32, "epochs": 10}',
     'k8s-gpu', 'g5.xlarge', 1, 'A10G', 4.50, 1.00, 13.50, 'alice@example.com',
     INTERVAL '30 days', INTERVAL '4 hours 30 minutes'),
    ('sentiment-classifier', '1.0.0', 'sentiment-1.0.0-tuned', 'sentiment-baseline', 'succeeded',
     0.9134, 0.9080, 0.9020, 0.9050, 0.24510, '{"learning_rate": 0.0005, "batch_size": 64, "epochs": 12}',
     'k8s-gpu', 'g5.xlarge', 1, 'A10G', 6.00, 1.50, 18.00, 'alice@example.com',
     INTERVAL '25 days', INTERVAL '6 hours'),
    ('sentiment-classifier', '1.1.0', 'sentiment-1.1.0-bert', 'sentiment-transformer', 'failed',
     NULL, NULL, NULL, NULL, NULL, '{"learning_rate": 0.00002, "batch_size": 16, "epochs": 3}',
     'k8s-gpu', 'p3.2xlarge', 1, 'V100', 2.00, 0.50, 6.00, 'alice@example.com',
     INTERVAL '5 days', INTERVAL '2 hours'),
    ('sentiment-classifier', '1.1.0', 'sentiment-1.1.0-bert-retry', 'sentiment-transformer', 'running',
     NULL, NULL, NULL, NULL, NULL, '{"learning_rate": 0.00002, "batch_size": 8, "epochs": 3}',
     'k8s-gpu', 'p3.2xlarge', 1, 'V100', 1.25, 0.25, NULL, 'alice@example.com',
     INTERVAL '1 day', NULL),
    ('fraud-detector', '2.0.0', 'fraud-2.0.0-xgb', 'fraud-gbm', 'succeeded',
     0.9721, 0.9510, 0.9380, 0.9445, 0.08812, '{"max_depth": 8, "n_estimators": 500, "eta": 0.05}',
     'k8s-gpu', 'g5.2xlarge', 2, 'A10G', 10.00, 2.00, 30.00, 'bob@example.com',
     INTERVAL '15 days', INTERVAL '5 hours'),
    ('fraud-detector', '2.0.0', 'fraud-2.0.0-xgb-v2', 'fraud-gbm', 'succeeded',
     0.9768, 0.9590, 0.9415, 0.9502, 0.07954, '{"max_depth": 10, "n_estimators": 800, "eta": 0.03}',
     'k8s-gpu', 'g5.2xlarge', 2, 'A10G', 12.00, 2.50, 36.00, 'bob@example.com',
     INTERVAL '12 days', INTERVAL '6 hours'),
    ('product-recommender', '0.9.0', 'recommender-0.9.0-als', 'recommender-cf', 'succeeded',
     0.7420, 0.7105, 0.6920, 0.7011, 0.41230, '{"factors": 64, "regularization": 0.01, "iterations": 20}',
     'k8s-cpu', 'c6i.4xlarge', 0, NULL, 0.00, 14.00, 4.20, 'carol@example.com',
     INTERVAL '20 days', INTERVAL '3 hours')
) AS r(model_name, semver, run_name, experiment_name, status,
       accuracy, precision_score, recall_score, f1_score, loss, hyperparameters,
       compute_target, instance_type, gpu_count, gpu_type,
       gpu_hours, cpu_hours, estimated_cost_usd, started_by,
       created_ago, duration);

-- Datasets per run, by role (run_datasets).
INSERT INTO registry.run_datasets (run_id, dataset_id, dataset_role, sample_count, usage_percentage)
SELECT (SELECT tr.run_id FROM registry.training_runs tr WHERE tr.run_name = u.run_name),
       (SELECT d.dataset_id FROM registry.datasets d WHERE d.dataset_name = u.dataset_name),
       u.dataset_role, u.sample_count, u.usage_percentage
FROM (VALUES
    ('sentiment-1.0.0-baseline', 'customer-reviews-2024', 'training', 80000, 80.00),
    ('sentiment-1.0.0-baseline', 'customer-reviews-2024', 'validation', 20000, 20.00),
    ('sentiment-1.0.0-tuned', 'customer-reviews-2024', 'training', 80000, 80.00),
    ('sentiment-1.0.0-tuned', 'customer-reviews-2024', 'validation', 20000, 20.00),
    ('sentiment-1.1.0-bert', 'customer-reviews-2024', 'training', 90000, 90.00),
    ('sentiment-1.1.0-bert-retry', 'customer-reviews-2024', 'training', 90000, 90.00),
    ('fraud-2.0.0-xgb', 'transaction-logs', 'training', 2000000, 70.00),
    ('fraud-2.0.0-xgb', 'transaction-logs', 'test', 500000, 30.00),
    ('fraud-2.0.0-xgb-v2', 'transaction-logs', 'training', 2400000, 80.00),
    ('fraud-2.0.0-xgb-v2', 'user-interactions', 'calibration', 100000, 5.00),
    ('recommender-0.9.0-als', 'user-interactions', 'training', 5000000, 90.00),
    ('recommender-0.9.0-als', 'user-interactions', 'test', 550000, 10.00)
) AS u(run_name, dataset_name, dataset_role, sample_count, usage_percentage);

-- Deployments to dev, staging and prod; deployed_at differs for every row.
-- sentiment-classifier splits prod traffic 90 / 10 between 1.0.0 and 1.1.0.
INSERT INTO registry.deployments (version_id, environment_id, deployment_name, endpoint_url, serving_framework,
                                  replicas, deployed_at, deployed_by, undeployed_at, undeployed_by, status,
                                  traffic_percentage, actual_latency_p95_ms, actual_availability_percent)
SELECT (SELECT mv.version_id FROM registry.model_versions mv
          JOIN registry.models m ON m.model_id = mv.model_id
         WHERE m.model_name = x.model_name AND mv.semver = x.semver),
       (SELECT e.environment_id FROM registry.environments e WHERE e.environment_name = x.environment_name),
       x.model_name || '-' || x.environment_name,
       'https://' || x.environment_name || '.ml.example.com/' || x.model_name,
       x.serving_framework, x.replicas,
       NOW() - x.deployed_ago, x.deployed_by,
       NOW() - x.undeployed_ago, CASE WHEN x.undeployed_ago IS NOT NULL THEN x.deployed_by END,
       x.status, x.traffic_percentage, x.latency_p95_ms, x.availability_percent
FROM (VALUES
    ('sentiment-classifier', '1.0.0', 'dev', 'torchserve', 1, INTERVAL '29 days', 'alice@example.com',
     INTERVAL '26 days', 'inactive', 100, NULL, NULL),
    ('sentiment-classifier', '1.0.0', 'staging', 'torchserve', 2, INTERVAL '27 days', 'alice@example.com',
     NULL, 'active', 100, 48.20, 99.90),
    ('sentiment-classifier', '1.0.0', 'prod', 'torchserve', 4, INTERVAL '24 days', 'david@example.com',
     NULL, 'active', 90, 52.75, 99.95),
    ('sentiment-classifier', '1.1.0', 'dev', 'torchserve', 1, INTERVAL '4 days', 'alice@example.com',
     NULL, 'active', 100, NULL, NULL),
    ('sentiment-classifier', '1.1.0', 'prod', 'torchserve', 1, INTERVAL '2 days', 'david@example.com',
     NULL, 'active', 10, 61.30, 99.50),
    ('fraud-detector', '2.0.0', 'staging', 'triton', 2, INTERVAL '11 days', 'bob@example.com',
     NULL, 'active', 100, 12.40, 99.90),
    ('fraud-detector', '2.0.0', 'prod-us', 'triton', 6, INTERVAL '9 days', 'david@example.com',
     NULL, 'active', 100, 14.85, 99.99),
    ('product-recommender', '0.9.0', 'dev', 'sklearn-server', 1, INTERVAL '19 days', 'carol@example.com',
     NULL, 'active', 100, NULL, NULL),
    ('product-recommender', '0.9.0', 'staging', 'sklearn-server', 1, INTERVAL '16 days', 'carol@example.com',
     NULL, 'failed', 0, NULL, NULL)
) AS x(model_name, semver, environment_name, serving_framework, replicas, deployed_ago, deployed_by,
       undeployed_ago, status, traffic_percentage, latency_p95_ms, availability_percent);

-- Approvals for the compliance-required model (fraud-detector 2.0.0): a rejected
-- legal review, its approved re-review, an approved compliance review and a
-- pending security review; requested_at differs for every row.
INSERT INTO registry.approvals (version_id, approval_type, required_for_env, status,
                                requested_by, requested_at, approved_by, approved_at, rejected_by, rejected_at,
                                approval_notes, rejection_reason, compliance_checklist, risk_assessment_score)
SELECT (SELECT mv.version_id FROM registry.model_versions mv
          JOIN registry.models m ON m.model_id = mv.model_id
         WHERE m.model_name = a.model_name AND mv.semver = a.semver),
       a.approval_type, 'production', a.status,
       'bob@example.com', NOW() - a.requested_ago,
       CASE WHEN a.status = 'approved' THEN a.reviewer END,
       CASE WHEN a.status = 'approved' THEN NOW() - a.requested_ago + INTERVAL '1 day' END,
       CASE WHEN a.status = 'rejected' THEN a.reviewer END,
       CASE WHEN a.status = 'rejected' THEN NOW() - a.requested_ago + INTERVAL '1 day' END,
       a.approval_notes, a.rejection_reason, a.compliance_checklist::jsonb, a.risk_assessment_score
FROM (VALUES
    ('fraud-detector', '2.0.0', 'legal', 'rejected', INTERVAL '21 days', 'legal@example.com',
     NULL, 'No data processing agreement for transaction-logs', NULL, NULL),
    ('fraud-detector', '2.0.0', 'legal', 'approved', INTERVAL '13 days', 'legal@example.com',
     'Data processing agreement signed', NULL, NULL, NULL),
    ('fraud-detector', '2.0.0', 'compliance', 'approved', INTERVAL '11 days', 'compliance@example.com',
     'Model risk review passed', NULL, '{"bias_review": true, "explainability": true, "pii_masked": true}', 7.5),
    ('fraud-detector', '2.0.0', 'security', 'pending', INTERVAL '1 day', NULL,
     'Quarterly security re-certification', NULL, NULL, NULL)
) AS a(model_name, semver, approval_type, status, requested_ago, reviewer,
       approval_notes, rejection_reason, compliance_checklist, risk_assessment_score);

-- Tags on models (sentiment-classifier is not tagged 'nlp': lab 02 Step 4.4 does that).
INSERT INTO registry.model_tags (model_id, tag_id, tagged_by)
SELECT (SELECT m.model_id FROM registry.models m WHERE m.model_name = g.model_name),
       (SELECT t.tag_id FROM registry.tags t WHERE t.tag_category = g.tag_category AND t.tag_value = g.tag_value),
       'mlops@example.com'
FROM (VALUES
    ('sentiment-classifier', 'use-case', 'classification'),
    ('fraud-detector', 'domain', 'tabular'),
    ('fraud-detector', 'use-case', 'detection'),
    ('fraud-detector', 'priority', 'critical'),
    ('product-recommender', 'domain', 'recommendation')
) AS g(model_name, tag_category, tag_value);
