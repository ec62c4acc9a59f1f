package org.mlregistry.examples.lab01;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;
import static org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Record9;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.mlregistry.examples.catalog.LabStatement;

/**
 * Lab 01, Parts 1 and 2: the psql checks of the connection and the queries that verify the
 * schema. psql's backslash commands are client commands: psql runs catalog queries (shown by
 * {@code psql -E}) and formats their rows. Each example reads what psql 17 reads from the server it
 * runs on (for {@code \l}, the query depends on the server's major, as in psql) and returns the table
 * psql prints; its {@code checkedSql} is psql 17's query to a PostgreSQL 17 server with psql's
 * formatting written in SQL. jOOQ generates no classes for {@code pg_catalog}, so its tables are
 * referenced by name.
 */
public final class SchemaVerification {

    /** The lab's table, as the regclass the catalog functions take. */
    private static final Field<Long> TRAINING_RUNS_OID = field("{0}::regclass", SQLDataType.BIGINT,
            inline(TRAINING_RUNS.getSchema().getName() + "." + TRAINING_RUNS.getName()));

    private SchemaVerification() {
    }

    @LabStatement(ids = "L1.P1.02", step = "Step 1.4: Verify psql Commands",
            title = "List databases", sql = """
            \\l
            """, checkedSql = """
            SELECT
              d.datname as "Name",
              pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
              pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
              CASE d.datlocprovider WHEN 'b' THEN 'builtin' WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
              d.datcollate as "Collate",
              d.datctype as "Ctype",
              d.datlocale as "Locale",
              d.daticurules as "ICU Rules",
              pg_catalog.array_to_string(d.datacl, E'\\n') AS "Access privileges"
            FROM pg_catalog.pg_database d
            ORDER BY 1;
            """)
    public static Result<Record9<String, String, String, String, String, String, String, String, String>> listDatabases(
            DSLContext ctx) {
        int major = serverMajor(ctx);
        Table<?> d = table(name("pg_catalog", "pg_database")).as("d");
        Field<String> datname = field(name("d", "datname"), String.class);
        Field<String> provider = field(name("d", "datlocprovider"), String.class);
        return ctx.select(
                        datname.as("Name"),
                        function(name("pg_catalog", "pg_get_userbyid"), String.class, field(name("d", "datdba"))).as("Owner"),
                        function(name("pg_catalog", "pg_encoding_to_char"), String.class, field(name("d", "encoding"))).as("Encoding"),
                        (major >= 15
                                ? when(provider.eq(inline("b")), "builtin").when(provider.eq(inline("c")), "libc").when(provider.eq(inline("i")), "icu")
                                : inline("libc"))
                                .as("Locale Provider"),
                        field(name("d", "datcollate"), String.class).as("Collate"),
                        field(name("d", "datctype"), String.class).as("Ctype"),
                        (major >= 17 ? field(name("d", "datlocale"), String.class)
                                : major >= 15 ? field(name("d", "daticulocale"), String.class)
                                : inline((String) null)).as("Locale"),
                        (major >= 16 ? field(name("d", "daticurules"), String.class) : inline((String) null)).as("ICU Rules"),
                        function(name("pg_catalog", "array_to_string"), String.class, field(name("d", "datacl")), inline("\n"))
                                .as("Access privileges"))
                .from(d)
                .orderBy(datname)
                .fetch();
    }

    /**
     * The server's major version as the server reported it when the connection started, as psql
     * knows it ({@code PQserverVersion}): no statement is run for it.
     */
    private static int serverMajor(DSLContext ctx) {
        return ctx.connectionResult(c -> c.getMetaData().getDatabaseMajorVersion());
    }

    /**
     * psql prints {@code You are connected to database "…" as user "…" on host "…" (address "…")
     * at port "…".} from its own connection parameters; the server knows the same facts about the
     * session: its database, login user, and the address and port it accepted the connection on
     * (NULL for a Unix-domain socket).
     */
    @LabStatement(ids = "L1.P1.03", step = "Step 1.4: Verify psql Commands",
            title = "Show current connection info", sql = """
            \\conninfo
            """, checkedSql = """
            SELECT current_database() AS database, session_user AS "user",
                   host(inet_server_addr()) AS address, inet_server_port() AS port;
            """)
    public static Result<Record4<String, String, String, Integer>> connectionInfo(DSLContext ctx) {
        return ctx.select(
                        function("current_database", String.class).as("database"),
                        field("session_user", SQLDataType.VARCHAR).as("user"),
                        function("host", String.class, function("inet_server_addr", Object.class)).as("address"),
                        function("inet_server_port", Integer.class).as("port"))
                .fetch();
    }

    /**
     * The column table {@code \d} prints (its footers, the indexes and check constraints, are what
     * L1.P2.21 and L1.P2.20 list). The Default column shows, as psql does, identity and generated
     * columns in words; training_runs has neither.
     */
    @LabStatement(ids = "L1.P2.19", step = "Step 2.3: Verify Schema",
            title = "Describe table structure", sql = """
            \\d training_runs
            """, checkedSql = """
            SELECT a.attname AS "Column",
                   pg_catalog.format_type(a.atttypid, a.atttypmod) AS "Type",
                   (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
                     WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS "Collation",
                   CASE WHEN a.attnotnull THEN 'not null' END AS "Nullable",
                   CASE WHEN a.attidentity = 'a' THEN 'generated always as identity'
                        WHEN a.attidentity = 'd' THEN 'generated by default as identity'
                        WHEN a.attgenerated = 's' THEN 'generated always as (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) || ') stored'
                        ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) END AS "Default"
            FROM pg_catalog.pg_attribute a
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef
            WHERE a.attrelid = 'tracking.training_runs'::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum;
            """)
    public static Result<Record5<String, String, String, String, String>> describeTable(DSLContext ctx) {
        Table<?> a = table(name("pg_catalog", "pg_attribute")).as("a");
        Table<?> d = table(name("pg_catalog", "pg_attrdef")).as("d");
        Table<?> c = table(name("pg_catalog", "pg_collation")).as("c");
        Table<?> t = table(name("pg_catalog", "pg_type")).as("t");
        Field<Long> attcollation = field(name("a", "attcollation"), Long.class);
        Field<Long> atttypid = field(name("a", "atttypid"), Long.class);
        Field<String> attidentity = field(name("a", "attidentity"), String.class);
        Field<String> defaultExpression = function(name("pg_catalog", "pg_get_expr"), String.class,
                field(name("d", "adbin")), field(name("d", "adrelid")), inline(true));
        Field<String> collation = select(field(name("c", "collname"), String.class))
                .from(c, t)
                .where(field(name("c", "oid"), Long.class).eq(attcollation))
                .and(field(name("t", "oid"), Long.class).eq(atttypid))
                .and(attcollation.ne(field(name("t", "typcollation"), Long.class)))
                .asField("Collation");
        return ctx.select(
                        field(name("a", "attname"), String.class).as("Column"),
                        function(name("pg_catalog", "format_type"), String.class, atttypid, field(name("a", "atttypmod")))
                                .as("Type"),
                        collation,
                        when(condition(field(name("a", "attnotnull"), Boolean.class)), "not null").as("Nullable"),
                        when(attidentity.eq(inline("a")), "generated always as identity")
                                .when(attidentity.eq(inline("d")), "generated by default as identity")
                                .when(field(name("a", "attgenerated"), String.class).eq(inline("s")),
                                        inline("generated always as (").concat(defaultExpression).concat(") stored"))
                                .else_(defaultExpression)
                                .as("Default"))
                .from(a)
                .leftJoin(d).on(field(name("d", "adrelid"), Long.class).eq(field(name("a", "attrelid"), Long.class)))
                .and(field(name("d", "adnum"), Short.class).eq(field(name("a", "attnum"), Short.class)))
                .and(condition(field(name("a", "atthasdef"), Boolean.class)))
                .where(field(name("a", "attrelid"), Long.class).eq(TRAINING_RUNS_OID))
                .and(field(name("a", "attnum"), Short.class).gt((short) 0))
                .and(condition(field(name("a", "attisdropped"), Boolean.class)).not())
                .orderBy(field(name("a", "attnum")))
                .fetch();
    }

    @LabStatement(ids = "L1.P2.20", step = "Step 2.3: Verify Schema",
            title = "List all constraints", sql = """
            SELECT
                conname AS constraint_name,
                contype AS constraint_type,
                pg_get_constraintdef(oid) AS definition
            FROM pg_constraint
            WHERE conrelid = 'training_runs'::regclass
            ORDER BY contype, conname;
            """, checkedSql = """
            SELECT
                conname AS constraint_name,
                contype AS constraint_type,
                pg_get_constraintdef(oid) AS definition
            FROM pg_constraint
            WHERE conrelid = 'tracking.training_runs'::regclass
            ORDER BY contype, conname;
            """)
    public static Result<Record3<String, String, String>> listConstraints(DSLContext ctx) {
        Field<String> conname = field(name("conname"), String.class);
        Field<String> contype = field(name("contype"), String.class);
        return ctx.select(
                        conname.as("constraint_name"),
                        contype.as("constraint_type"),
                        function("pg_get_constraintdef", String.class, field(name("oid"))).as("definition"))
                .from(table(name("pg_catalog", "pg_constraint")))
                .where(field(name("conrelid"), Long.class).eq(TRAINING_RUNS_OID))
                .orderBy(contype, conname)
                .fetch();
    }

    @LabStatement(ids = "L1.P2.21", step = "Step 2.3: Verify Schema",
            title = "List all indexes", sql = """
            SELECT
                indexname,
                indexdef
            FROM pg_indexes
            WHERE tablename = 'training_runs'
            ORDER BY indexname;
            """, checkedSql = """
            SELECT
                indexname,
                indexdef
            FROM pg_indexes
            WHERE schemaname = 'tracking' AND tablename = 'training_runs'
            ORDER BY indexname;
            """)
    public static Result<Record2<String, String>> listIndexes(DSLContext ctx) {
        Field<String> indexname = field(name("indexname"), String.class);
        return ctx.select(indexname, field(name("indexdef"), String.class))
                .from(table(name("pg_catalog", "pg_indexes")))
                .where(field(name("schemaname"), String.class).eq(TRAINING_RUNS.getSchema().getName()))
                .and(field(name("tablename"), String.class).eq(TRAINING_RUNS.getName()))
                .orderBy(indexname)
                .fetch();
    }

    @LabStatement(ids = "L1.P2.22", step = "Step 2.3: Verify Schema",
            title = "Check table size (should be 0 bytes)", sql = """
            SELECT pg_size_pretty(pg_total_relation_size('training_runs')) AS total_size;
            """, checkedSql = """
            SELECT pg_size_pretty(pg_total_relation_size('tracking.training_runs')) AS total_size;
            """)
    public static Result<Record1<String>> tableSize(DSLContext ctx) {
        return ctx.select(function("pg_size_pretty", String.class,
                        function("pg_total_relation_size", Long.class, TRAINING_RUNS_OID)).as("total_size"))
                .fetch();
    }

    @LabStatement(ids = "L1.P2.23", step = "Step 2.3: Verify Schema",
            title = "Count rows (should be 0)", sql = """
            SELECT COUNT(*) FROM training_runs;
            """)
    public static Result<Record1<Integer>> countRows(DSLContext ctx) {
        return ctx.select(count())
                .from(TRAINING_RUNS)
                .fetch();
    }
}
