-- ============================================================================
-- mlregistry: sample rows for lab 02's challenge 1 (V20: users, experiments,
-- models' creator), not from the lab. Requires registry.sql and
-- registry-extended.sql. Plain statements, each ending with a semicolon at a
-- line end, no DO blocks, no dollar quotes; rows are found by name.
-- ============================================================================

-- One user per person named in the samples, in the team that owns their work.
INSERT INTO registry.users (username, email, display_name, team_id, user_role)
SELECT u.username, u.email, u.display_name,
       (SELECT t.team_id FROM registry.teams t WHERE t.team_name = u.team_name),
       u.user_role
FROM (VALUES
    ('alice', 'alice@example.com', 'Alice Johnson', 'ml-platform', 'ml-engineer'),
    ('bob', 'bob@example.com', 'Bob Smith', 'data-science', 'data-scientist'),
    ('carol', 'carol@example.com', 'Carol White', 'ai-research', 'data-scientist'),
    ('david', 'david@example.com', 'David Brown', 'mlops', 'admin'),
    ('compliance', 'compliance@example.com', 'Compliance Office', NULL, 'approver')
) AS u(username, email, display_name, team_name, user_role);

-- One experiment per experiment_name of the runs, of the runs' model.
INSERT INTO registry.experiments (model_id, experiment_name, description, status, created_by_user_id,
                                  created_at, completed_at)
SELECT (SELECT m.model_id FROM registry.models m WHERE m.model_name = x.model_name),
       x.experiment_name, x.description, x.status,
       (SELECT u.user_id FROM registry.users u WHERE u.username = x.username),
       NOW() - x.created_ago, NOW() - x.completed_ago
FROM (VALUES
    ('sentiment-classifier', 'sentiment-baseline', 'LSTM baseline and its tuning', 'completed', 'alice',
     INTERVAL '31 days', INTERVAL '24 days'),
    ('sentiment-classifier', 'sentiment-transformer', 'BERT fine-tuning for 1.1.0', 'active', 'alice',
     INTERVAL '6 days', NULL),
    ('fraud-detector', 'fraud-gbm', 'Gradient boosting on transaction features', 'completed', 'bob',
     INTERVAL '16 days', INTERVAL '11 days'),
    ('product-recommender', 'recommender-cf', 'Collaborative filtering (ALS)', 'completed', 'carol',
     INTERVAL '21 days', INTERVAL '19 days')
) AS x(model_name, experiment_name, description, status, username, created_ago, completed_ago);

-- Runs join the experiment of their name and model.
UPDATE registry.training_runs tr
   SET experiment_id = ex.experiment_id
  FROM registry.model_versions mv, registry.experiments ex
 WHERE mv.version_id = tr.version_id
   AND ex.model_id = mv.model_id
   AND ex.experiment_name = tr.experiment_name;

-- Models name the user who created them.
UPDATE registry.models m
   SET created_by_user_id = (SELECT u.user_id FROM registry.users u WHERE u.username = c.username)
  FROM (VALUES
    ('sentiment-classifier', 'bob'),
    ('fraud-detector', 'carol'),
    ('product-recommender', 'bob')
  ) AS c(model_name, username)
 WHERE m.model_name = c.model_name;
