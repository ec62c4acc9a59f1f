package org.mlregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mlregistry.schema.jooq.registry.Tables.MODELS;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.schema.types.Framework;

/** A registry built on a pool: operations inside its transaction join it, nested ones as savepoints. */
class DataSourceRegistryTransactionTest extends DatabaseTest {

    private static DataSource ds;

    @BeforeAll
    static void freshDatabase() {
        ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
    }

    private static boolean committed(String modelName) {
        DSLContext other = DSL.using(ds, SQLDialect.POSTGRES);
        return other.fetchExists(MODELS, MODELS.MODEL_NAME.eq(modelName));
    }

    @Test
    void operationsInsideAFailedTransactionAreRolledBackWithIt() {
        Registry registry = Registry.configure().dataSource(ds).load();
        ModelRegistry models = registry.models().actor("a");
        Throwable thrown = catchThrowable(() -> registry.inTransaction(ctx -> {
            models.catalog().createModel(NewModel.of("joins-outer", "Joins outer"));
            assertThat(ctx.fetchExists(MODELS, MODELS.MODEL_NAME.eq("joins-outer"))).isTrue();
            throw new IllegalStateException("caller aborts");
        }));
        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        assertThat(committed("joins-outer")).isFalse();
    }

    @Test
    void aFailedNestedOperationRollsBackOnlyItsSavepoint() {
        Registry registry = Registry.configure().dataSource(ds).load();
        ModelRegistry models = registry.models().actor("a");
        registry.inTransaction(ctx -> {
            models.catalog().createModel(NewModel.of("outer-kept", "Outer"));
            Throwable nested = catchThrowable(() -> registry.inTransaction(inner -> {
                models.catalog().createModel(NewModel.of("nested-undone", "Nested"));
                throw new IllegalStateException("nested fails");
            }));
            assertThat(nested).isInstanceOf(IllegalStateException.class);
            assertThat(ctx.fetchExists(MODELS, MODELS.MODEL_NAME.eq("nested-undone"))).isFalse();
            assertThat(committed("outer-kept")).as("not yet committed").isFalse();
            return null;
        });
        assertThat(committed("outer-kept")).isTrue();
        assertThat(committed("nested-undone")).isFalse();
        // outside a transaction the registry still queries, each statement on a pooled connection
        assertThat(models.catalog().model("outer-kept")).isPresent();
        assertThat(registry.dsl().fetchCount(MODELS, MODELS.MODEL_NAME.eq("outer-kept"))).isEqualTo(1);
    }

    @Test
    void aReadOfOneStatementOpensNoTransactionAndSeesTheCallersUncommittedWrites() {
        AtomicInteger begun = new AtomicInteger();
        TransactionListener counting = new TransactionListener() {
            @Override
            public void beginStart(TransactionContext ctx) {
                begun.incrementAndGet();
            }
        };
        Registry base = Registry.configure().dataSource(ds).load();
        Registry registry = Registry.configure().configuration(base.dsl().configuration().deriveAppending(counting)).load();

        Run run = registry.inTransaction(ctx -> {
            Run submitted = registry.runs().submit(NewRun.builder().model("read-joins").framework(Framework.JAX)
                    .experiment("exp-read").dataset("d").computeTarget("cpu").build());
            // inside the caller's transaction the read runs there: it sees the run not yet committed
            assertThat(registry.runs().find(submitted.runId())).isPresent();
            assertThat(registry.runs().where(org.mlregistry.core.tracking.RunFilter.modelName().eq("read-joins")).count()).isOne();
            return submitted;
        });
        assertThat(begun.get()).as("the caller's transaction and the submit's savepoint").isEqualTo(2);

        begun.set(0);
        assertThat(registry.runs().get(run.runId()).modelName()).isEqualTo("read-joins");
        assertThat(registry.runs().search().pageSize(10).fetchPage().runs()).extracting(Run::runId).contains(run.runId());
        assertThat(begun.get()).as("reads of one statement").isZero();

        registry.runs().start(run.runId());
        assertThat(begun.get()).as("a write of one statement: autocommit, one round trip").isZero();
        registry.runs().addHours(run.runId(), 1, 1);
        assertThat(begun.get()).as("a write of two statements").isOne();
    }
}
