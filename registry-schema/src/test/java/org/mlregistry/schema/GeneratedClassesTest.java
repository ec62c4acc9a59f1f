package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.Named;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.mlregistry.schema.jooq.registry.Registry;
import org.mlregistry.schema.jooq.tracking.Tracking;

/**
 * The classes generated at build time describe the database that the migrations build: the same
 * tables, columns, constraints and indexes as PostgreSQL's catalog holds after migrating.
 */
class GeneratedClassesTest extends DatabaseTest {

    private static final List<Table<?>> GENERATED = Stream
            .concat(Tracking.TRACKING.getTables().stream(), Registry.REGISTRY.getTables().stream())
            .toList();

    @Test
    void everyLiveTableAndViewHasAGeneratedClass() {
        List<String> live = db().select(field("table_schema", String.class).concat(".").concat(field("table_name", String.class)))
                .from(table(name("information_schema", "tables")))
                .where(field("table_schema").in("tracking", "registry"))
                .and(field("table_name", String.class).notLike("flyway\\_%"))
                // partitions (audit_log_2026_12, metric_points_…) are reached through their parent (V60's codegen excludes)
                .and(condition("NOT (quote_ident(table_schema) || '.' || quote_ident(table_name))::regclass::oid IN (SELECT inhrelid FROM pg_inherits)"))
                .orderBy(1)
                .fetch(0, String.class);

        assertThat(GENERATED.stream().map(GeneratedClassesTest::qualified).sorted().toList()).isEqualTo(live);
        assertThat(live).hasSize(32); // tracking: training_runs, run_leases (V41), metric_points, run_metric_latest and the view metric_point_partitions (V40), run_tags, experiments, sweeps, sweep_trials, run_frameworks (V42); in registry 12 lab 02 tables, users and experiments (challenge 1), the audit log, model_aliases and version_tags (V50), events and event_subscribers (V52); 3 views (the third: time_partitions, V60)
    }

    @Test
    void generatedColumnsMatchTheLiveColumnsInOrder() {
        for (Table<?> table : GENERATED) {
            List<String> live = db().select(field("column_name", String.class))
                    .from(table(name("information_schema", "columns")))
                    .where(field("table_schema").eq(table.getSchema().getName()))
                    .and(field("table_name").eq(table.getName()))
                    .orderBy(field("ordinal_position"))
                    .fetch(0, String.class);

            assertThat(Stream.of(table.fields()).map(Field::getName).toList()).as(qualified(table)).isEqualTo(live);
        }
    }

    @Test
    void generatedConstraintsMatchTheLiveConstraints() {
        for (Table<?> table : GENERATED) {
            List<String> live = db().select(field("conname", String.class))
                    .from(table(name("pg_catalog", "pg_constraint")))
                    .where(field("conrelid").eq(field("{0}::regclass", Object.class, qualified(table))))
                    // a constraint trigger (V52's audit_log_event) is no table constraint; PostgreSQL 18 also
                    // lists NOT NULL as constraints ('n'), which jOOQ generates as the columns' nullability
                    .and(field("contype").notIn("t", "n"))
                    .fetch(0, String.class);

            List<Named> generated = new ArrayList<>();
            if (table.getPrimaryKey() != null) {
                generated.add(table.getPrimaryKey());
            }
            table.getUniqueKeys().stream().filter(k -> !k.isPrimary()).forEach(generated::add);
            generated.addAll(table.getReferences());
            generated.addAll(table.getChecks());

            assertThat(names(generated)).as(qualified(table)).isEqualTo(new TreeSet<>(live));
        }
    }

    /** jOOQ's code generator leaves out indexes on expressions; ours is the one-run-per-UTC-day index. */
    @Test
    void theOnlyExpressionIndexIsUniqueDailyRun() {
        assertThat(expressionIndexes()).containsExactly("unique_daily_run");
    }

    @Test
    void generatedIndexesMatchTheLiveIndexes() {
        List<String> expressionIndexes = expressionIndexes();
        for (Table<?> table : GENERATED) {
            List<String> live = db().select(field("indexname", String.class))
                    .from(table(name("pg_catalog", "pg_indexes")))
                    .where(field("schemaname").eq(table.getSchema().getName()))
                    .and(field("tablename").eq(table.getName()))
                    .and(field("indexname").notIn(expressionIndexes))
                    .fetch(0, String.class);
            List<Named> generated = new ArrayList<>(table.getIndexes());
            if (table.getPrimaryKey() != null) {
                generated.add(table.getPrimaryKey());
            }
            table.getUniqueKeys().stream().filter(k -> !k.isPrimary()).forEach(generated::add);

            assertThat(names(generated)).as(qualified(table)).isEqualTo(new TreeSet<>(live));
        }
    }

    private static List<String> expressionIndexes() {
        return db().resultQuery("""
                SELECT c.relname
                  FROM pg_index i
                  JOIN pg_class c ON c.oid = i.indexrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('tracking', 'registry') AND i.indexprs IS NOT NULL
                 ORDER BY 1
                """).fetch(0, String.class);
    }

    private static TreeSet<String> names(List<Named> objects) {
        TreeSet<String> names = new TreeSet<>();
        objects.forEach(o -> names.add(o.getName()));
        return names;
    }

    private static String qualified(Table<?> table) {
        return table.getSchema().getName() + "." + table.getName();
    }
}
