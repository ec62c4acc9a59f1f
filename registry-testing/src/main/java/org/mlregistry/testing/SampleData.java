package org.mlregistry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The labs' sample rows: lab 01's 20 training runs and lab 02's teams, models and datasets, with
 * timestamps relative to the database's {@code now()}; plus (registry-extended.sql, not from the
 * lab) lab 02 training runs with their datasets, deployments, approvals and model tags, so that
 * the queries of lab 02 Part 5 return rows; and (registry-experiments.sql) users, experiments
 * and models' creators for lab 02's challenge 1. Never part of the versioned migrations, so
 * a production registry starts empty.
 *
 * <p>Plain JDBC running SQL scripts: it needs a migrated database, not the generated classes.
 */
public final class SampleData {

    private static final String LOCATION = "org/mlregistry/testing/samples/";
    private static final List<String> SCRIPTS = List.of("tracking.sql", "registry.sql", "registry-extended.sql",
            "registry-experiments.sql");

    /**
     * Tables holding sample rows; CASCADE also empties the tables referencing them (model_versions,
     * training_runs, run_datasets, deployments, approvals, model_tags, dataset_tags; and challenge 1's
     * users and experiments, through teams and models). The lookup rows
     * of the migrations (environments, tags) stay.
     */
    private static final String TRUNCATE = "TRUNCATE tracking.training_runs, registry.teams, registry.models, "
            + "registry.datasets CASCADE";

    private SampleData() {
    }

    /**
     * Inserts the sample rows in one transaction. The database must be migrated and hold no
     * sample rows yet (names are unique); use {@link #reset(DataSource)} to reload them.
     *
     * @param dataSource the migrated database
     */
    public static void load(DataSource dataSource) {
        inTransaction(dataSource, false);
    }

    /**
     * Deletes every run, team, model, dataset and what hangs off them, then loads the samples,
     * in one transaction.
     *
     * @param dataSource the migrated database
     */
    public static void reset(DataSource dataSource) {
        inTransaction(dataSource, true);
    }

    private static void inTransaction(DataSource dataSource, boolean truncateFirst) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (truncateFirst) {
                    statement.execute(TRUNCATE);
                }
                for (String script : SCRIPTS) {
                    statement.execute(read(script));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load mlregistry sample data: " + e.getMessage(), e);
        }
    }

    private static String read(String script) {
        try (InputStream in = SampleData.class.getClassLoader().getResourceAsStream(LOCATION + script)) {
            if (in == null) {
                throw new IllegalStateException("Sample data script missing from the classpath: " + LOCATION + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
