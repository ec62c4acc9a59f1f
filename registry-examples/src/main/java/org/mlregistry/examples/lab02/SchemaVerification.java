package org.mlregistry.examples.lab02;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_TAGS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;
import static org.mlregistry.schema.jooq.registry.Tables.TAGS;

import java.util.Comparator;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.TableOptions.TableType;
import org.mlregistry.examples.catalog.LabStatement;
import org.mlregistry.examples.catalog.LabStatement.Check;
import org.mlregistry.schema.jooq.registry.tables.Models;
import org.mlregistry.schema.jooq.registry.tables.Tags;
import org.mlregistry.schema.jooq.registry.tables.records.ModelTagsRecord;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.TagCategory;

/**
 * Lab 02, Part 3 (the verification queries at the end of the schema script) and Part 4 (testing
 * the schema: its tables, foreign keys, the CASCADE rule and the junction tables).
 *
 * <p>The lab's objects live in schema {@code public}; mlregistry's live in schema {@code registry},
 * next to Flyway's history table ({@code flyway_mlregistry_history}), which is no table of the
 * lab. The counts therefore filter on {@code registry} and leave Flyway's table out.
 */
public final class SchemaVerification {

    /** The schema holding lab 02's tables. */
    static final String SCHEMA = "registry";

    /** Flyway's history table lives in the same schema; it is not one of the lab's tables. */
    static final String FLYWAY_TABLES = "flyway%";

    private SchemaVerification() {
    }

    @LabStatement(ids = "L2.P3.101", step = "Step 3.2: Create Lookup Tables First",
            title = "Verify table counts", sql = """
            SELECT 'Tables created successfully' AS status;
            """)
    public static Result<Record1<String>> tablesCreatedMessage(DSLContext ctx) {
        return ctx.select(inline("Tables created successfully").as("status")).fetch();
    }

    /** PostgreSQL counts lab 02's 12 tables (the lab prints 14), plus 2 of challenge 1 (V20: users, experiments). */
    @LabStatement(ids = "L2.P3.102", step = "Step 3.2: Create Lookup Tables First",
            title = "Verify table counts", sql = """
            SELECT COUNT(*) AS table_count FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE';
            """, checkedSql = """
            SELECT COUNT(*) AS table_count FROM information_schema.tables
            WHERE table_schema = 'registry' AND table_type = 'BASE TABLE'
              AND table_name NOT LIKE 'flyway%';
            """)
    public static Result<Record1<Integer>> countTables(DSLContext ctx) {
        Table<?> tables = table(name("information_schema", "tables"));
        return ctx.select(count().as("table_count"))
                .from(tables)
                .where(field(name("table_schema"), String.class).eq(SCHEMA))
                .and(field(name("table_type"), String.class).eq("BASE TABLE"))
                .and(field(name("table_name"), String.class).notLike(FLYWAY_TABLES))
                .fetch();
    }

    /** PostgreSQL counts lab 02's 13 foreign keys (the lab prints 12), plus 5 of challenge 1. */
    @LabStatement(ids = "L2.P3.103", step = "Step 3.2: Create Lookup Tables First",
            title = "Verify foreign keys", sql = """
            SELECT COUNT(*) AS foreign_key_count FROM information_schema.table_constraints
            WHERE constraint_type = 'FOREIGN KEY' AND table_schema = 'public';
            """, checkedSql = """
            SELECT COUNT(*) AS foreign_key_count FROM information_schema.table_constraints
            WHERE constraint_type = 'FOREIGN KEY' AND table_schema = 'registry';
            """)
    public static Result<Record1<Integer>> countForeignKeys(DSLContext ctx) {
        Table<?> constraints = table(name("information_schema", "table_constraints"));
        return ctx.select(count().as("foreign_key_count"))
                .from(constraints)
                .where(field(name("constraint_type"), String.class).eq("FOREIGN KEY"))
                .and(field(name("table_schema"), String.class).eq(SCHEMA))
                .fetch();
    }

    /**
     * PostgreSQL counts lab 02's 57 indexes: 38 idx_*, 12 primary keys, 7 unique constraints (the
     * lab prints 45), plus 12 of challenge 1.
     */
    @LabStatement(ids = "L2.P3.104", step = "Step 3.2: Create Lookup Tables First",
            title = "Verify indexes", sql = """
            SELECT COUNT(*) AS index_count FROM pg_indexes WHERE schemaname = 'public';
            """, checkedSql = """
            SELECT COUNT(*) AS index_count FROM pg_indexes WHERE schemaname = 'registry'
              AND tablename NOT LIKE 'flyway%';
            """)
    public static Result<Record1<Integer>> countIndexes(DSLContext ctx) {
        return ctx.select(count().as("index_count"))
                .from(table(name("pg_catalog", "pg_indexes")))
                .where(field(name("schemaname"), String.class).eq(SCHEMA))
                .and(field(name("tablename"), String.class).notLike(FLYWAY_TABLES))
                .fetch();
    }

    /** psql's {@code \dt} through jOOQ's {@link org.jooq.Meta}: the registry's tables, by name. */
    @LabStatement(ids = "L2.P4.01", step = "Step 4.2: Verify Tables",
            title = "List all tables", check = Check.DEDICATED_TEST,
            test = "SchemaVerificationTest#listTablesShowsTheRegistrysTables", sql = """
            \\dt
            """)
    public static Result<Record3<String, String, String>> listTables(DSLContext ctx) {
        Field<String> schema = field(name("Schema"), String.class);
        Field<String> tableName = field(name("Name"), String.class);
        Field<String> type = field(name("Type"), String.class);
        Result<Record3<String, String, String>> result = ctx.newResult(schema, tableName, type);
        ctx.meta().getSchemas(SCHEMA).stream()
                .flatMap(s -> s.getTables().stream())
                .filter(t -> t.getTableType() == TableType.TABLE && !t.getName().startsWith("flyway"))
                .sorted(Comparator.comparing(Table::getName))
                .forEach(t -> result.add(ctx.newRecord(schema, tableName, type).values(SCHEMA, t.getName(), "table")));
        return result;
    }

    @LabStatement(ids = "L2.P4.02", step = "Step 4.2: Verify Tables",
            title = "Describe models table", check = Check.DEDICATED_TEST,
            test = "SchemaVerificationTest#describeModelsShowsColumnsNullabilityDefaultsAndComments", sql = """
            \\d+ models
            """)
    public static Result<Record5<String, String, String, String, String>> describeModels(DSLContext ctx) {
        return describe(ctx, "models");
    }

    @LabStatement(ids = "L2.P4.03", step = "Step 4.2: Verify Tables",
            title = "Describe model_versions table", check = Check.DEDICATED_TEST,
            test = "SchemaVerificationTest#describeModelVersionsShowsColumnsNullabilityAndComments", sql = """
            \\d+ model_versions
            """)
    public static Result<Record5<String, String, String, String, String>> describeModelVersions(DSLContext ctx) {
        return describe(ctx, "model_versions");
    }

    /**
     * The column part of psql's {@code \d+ table} through jOOQ's {@link org.jooq.Meta}: column,
     * type, nullability, default and comment, in column order. (Indexes and foreign keys are on
     * the same {@link Table}: {@code getIndexes()}, {@code getReferences()}.)
     */
    static Result<Record5<String, String, String, String, String>> describe(DSLContext ctx, String tableName) {
        Field<String> column = field(name("Column"), String.class);
        Field<String> type = field(name("Type"), String.class);
        Field<String> nullable = field(name("Nullable"), String.class);
        Field<String> defaultValue = field(name("Default"), String.class);
        Field<String> description = field(name("Description"), String.class);
        Result<Record5<String, String, String, String, String>> result =
                ctx.newResult(column, type, nullable, defaultValue, description);
        Table<?> table = metaTable(ctx, tableName);
        for (Field<?> f : table.fields()) {
            var dataType = f.getDataType();
            result.add(ctx.newRecord(column, type, nullable, defaultValue, description).values(
                    f.getName(),
                    typeName(ctx, dataType),
                    dataType.nullable() ? "" : "not null",
                    dataType.defaulted() ? ctx.renderInlined(dataType.defaultValue()) : "",
                    f.getComment()));
        }
        return result;
    }

    /** The type as psql shows it, with precision and scale where the column has them: numeric(10,2). */
    private static String typeName(DSLContext ctx, org.jooq.DataType<?> dataType) {
        String name = dataType.getTypeName(ctx.configuration());
        if (dataType.isNumeric() && dataType.hasPrecision() && dataType.precision() > 0) {
            return name + "(" + dataType.precision() + (dataType.hasScale() ? "," + dataType.scale() : "") + ")";
        }
        return name;
    }

    /** One table of schema registry as the database describes it (not the generated class). */
    static Table<?> metaTable(DSLContext ctx, String tableName) {
        return ctx.meta().getSchemas(SCHEMA).stream()
                .flatMap(s -> s.getTables().stream())
                .filter(t -> t.getName().equals(tableName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No table " + SCHEMA + "." + tableName));
    }

    @LabStatement(ids = "L2.P4.04", step = "Step 4.2: Verify Tables",
            title = "Check foreign keys", sql = """
            SELECT
                tc.table_name,
                kcu.column_name,
                ccu.table_name AS foreign_table_name,
                ccu.column_name AS foreign_column_name,
                rc.delete_rule
            FROM information_schema.table_constraints AS tc
            JOIN information_schema.key_column_usage AS kcu
              ON tc.constraint_name = kcu.constraint_name
            JOIN information_schema.constraint_column_usage AS ccu
              ON ccu.constraint_name = tc.constraint_name
            JOIN information_schema.referential_constraints AS rc
              ON rc.constraint_name = tc.constraint_name
            WHERE tc.constraint_type = 'FOREIGN KEY'
            ORDER BY tc.table_name, kcu.column_name;
            """)
    public static Result<Record5<String, String, String, String, String>> listForeignKeys(DSLContext ctx) {
        Table<?> tc = table(name("information_schema", "table_constraints")).as("tc");
        Table<?> kcu = table(name("information_schema", "key_column_usage")).as("kcu");
        Table<?> ccu = table(name("information_schema", "constraint_column_usage")).as("ccu");
        Table<?> rc = table(name("information_schema", "referential_constraints")).as("rc");
        Field<String> tcName = field(name("tc", "constraint_name"), String.class);
        Field<String> tcTable = field(name("tc", "table_name"), String.class);
        Field<String> kcuColumn = field(name("kcu", "column_name"), String.class);
        return ctx.select(
                        tcTable,
                        kcuColumn,
                        field(name("ccu", "table_name"), String.class).as("foreign_table_name"),
                        field(name("ccu", "column_name"), String.class).as("foreign_column_name"),
                        field(name("rc", "delete_rule"), String.class))
                .from(tc)
                .join(kcu).on(tcName.eq(field(name("kcu", "constraint_name"), String.class)))
                .join(ccu).on(field(name("ccu", "constraint_name"), String.class).eq(tcName))
                .join(rc).on(field(name("rc", "constraint_name"), String.class).eq(tcName))
                .where(field(name("tc", "constraint_type"), String.class).eq("FOREIGN KEY"))
                .orderBy(tcTable, kcuColumn)
                .fetch();
    }

    /**
     * The lab's CASCADE test as one unit: the model's id, which the lab asks to copy by hand into
     * 'YOUR-UUID-HERE', is carried in Java. Returns the count of the model's versions after the
     * model is deleted: 0, because model_versions.model_id is ON DELETE CASCADE.
     */
    @LabStatement(ids = {"L2.P4.06", "L2.P4.07", "L2.P4.08", "L2.P4.09"}, step = "Step 4.3: Test Referential Integrity",
            title = "Insert a test model",
            check = Check.DEDICATED_TEST,
            test = "SchemaVerificationTest#deletingAModelDeletesItsVersions", sql = """
            INSERT INTO models (model_name, display_name)
            VALUES ('test-model', 'Test Model')
            RETURNING model_id;

            INSERT INTO model_versions (model_id, semver, artifact_uri, framework, registered_by)
            VALUES ('YOUR-UUID-HERE', '1.0.0', 's3://test/', 'pytorch', 'test@example.com');

            DELETE FROM models WHERE model_name = 'test-model';

            SELECT COUNT(*) FROM model_versions WHERE model_id = 'YOUR-UUID-HERE';
            """)
    public static Result<Record1<Integer>> cascadeDeletesVersionsWithTheirModel(DSLContext ctx) {
        UUID modelId = ctx.insertInto(MODELS, MODELS.MODEL_NAME, MODELS.DISPLAY_NAME)
                .values("test-model", "Test Model")
                .returning(MODELS.MODEL_ID)
                .fetchOne(MODELS.MODEL_ID);

        ctx.insertInto(MODEL_VERSIONS, MODEL_VERSIONS.MODEL_ID, MODEL_VERSIONS.SEMVER, MODEL_VERSIONS.ARTIFACT_URI,
                        MODEL_VERSIONS.FRAMEWORK, MODEL_VERSIONS.REGISTERED_BY)
                .values(modelId, "1.0.0", "s3://test/", ModelFramework.PYTORCH, "test@example.com")
                .execute();

        ctx.deleteFrom(MODELS).where(MODELS.MODEL_NAME.eq("test-model")).execute();

        return ctx.select(count().as("count"))
                .from(MODEL_VERSIONS)
                .where(MODEL_VERSIONS.MODEL_ID.eq(modelId))
                .fetch();
    }

    @LabStatement(ids = "L2.P4.11", step = "Step 4.4: Test Junction Tables",
            title = "Get a model and tag", sql = """
            SELECT m.model_id, m.model_name, t.tag_id, t.tag_value
            FROM models m
            CROSS JOIN tags t
            WHERE m.model_name = 'sentiment-classifier'
              AND t.tag_value = 'nlp'
            LIMIT 1;
            """)
    public static Result<Record4<UUID, String, UUID, String>> modelAndTag(DSLContext ctx) {
        Models m = MODELS.as("m");
        Tags t = TAGS.as("t");
        return ctx.select(m.MODEL_ID, m.MODEL_NAME, t.TAG_ID, t.TAG_VALUE)
                .from(m)
                .crossJoin(t)
                .where(m.MODEL_NAME.eq("sentiment-classifier"))
                .and(t.TAG_VALUE.eq("nlp"))
                .limit(1)
                .fetch();
    }

    @LabStatement(ids = "L2.P4.12", step = "Step 4.4: Test Junction Tables",
            title = "Tag the model", check = Check.SAME_EFFECT, sql = """
            INSERT INTO model_tags (model_id, tag_id)
            SELECT m.model_id, t.tag_id
            FROM models m, tags t
            WHERE m.model_name = 'sentiment-classifier'
              AND t.tag_value = 'nlp';
            """)
    public static Result<ModelTagsRecord> tagModel(DSLContext ctx) {
        Models m = MODELS.as("m");
        Tags t = TAGS.as("t");
        return ctx.insertInto(MODEL_TAGS, MODEL_TAGS.MODEL_ID, MODEL_TAGS.TAG_ID)
                .select(ctx.select(m.MODEL_ID, t.TAG_ID)
                        .from(m, t)
                        .where(m.MODEL_NAME.eq("sentiment-classifier"))
                        .and(t.TAG_VALUE.eq("nlp")))
                .returning(MODEL_TAGS.MODEL_ID, MODEL_TAGS.TAG_ID)
                .fetch();
    }

    @LabStatement(ids = "L2.P4.13", step = "Step 4.4: Test Junction Tables",
            title = "Verify", sql = """
            SELECT m.model_name, t.tag_category, t.tag_value
            FROM models m
            INNER JOIN model_tags mt ON m.model_id = mt.model_id
            INNER JOIN tags t ON mt.tag_id = t.tag_id
            WHERE m.model_name = 'sentiment-classifier';
            """)
    public static Result<Record3<String, TagCategory, String>> modelTags(DSLContext ctx) {
        Models m = MODELS.as("m");
        Tags t = TAGS.as("t");
        var mt = MODEL_TAGS.as("mt");
        return ctx.select(m.MODEL_NAME, t.TAG_CATEGORY, t.TAG_VALUE)
                .from(m)
                .join(mt).on(m.MODEL_ID.eq(mt.MODEL_ID))
                .join(t).on(mt.TAG_ID.eq(t.TAG_ID))
                .where(m.MODEL_NAME.eq("sentiment-classifier"))
                .fetch();
    }
}
