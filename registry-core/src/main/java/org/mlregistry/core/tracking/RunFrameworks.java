package org.mlregistry.core.tracking;

import org.mlregistry.core.internal.Validator;
import static org.mlregistry.core.tracking.Runs.T;
import static org.mlregistry.schema.jooq.tracking.Tables.RUN_FRAMEWORKS;

import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.Session;
import org.mlregistry.schema.types.Framework;

/**
 * Frameworks beyond lab 01's six. {@code training_runs.framework} keeps its CHECK valid_framework
 * and the compile-time {@link Framework} enum; a run of another framework (lightgbm, catboost,
 * huggingface, …) records in that column the stand-in its {@link NewRun} names, said so by the
 * caller, and its real name in {@code tracking.run_frameworks}. {@link #of(UUID)} reads the name
 * back; registering a version from the run maps it to lab 02's framework of the same name. Obtain
 * it from {@code Registry.runs().frameworks()}.
 *
 * <pre>{@code
 * Run run = registry.runs().frameworks().submit(
 *         NewRun.builder().model("churn-gbm").framework(Framework.XGBOOST) // the lab column's stand-in
 *                 .experiment("exp-1").dataset("churn").computeTarget("cpu").build(),
 *         FrameworkName.of("lightgbm"));
 * registry.runs().frameworks().of(run.runId()); // FrameworkName[name=lightgbm]
 * }</pre>
 */
public final class RunFrameworks {

    private final Session session;

    private RunFrameworks(Session session) {
        this.session = session;
    }

    static RunFrameworks of(Session session) {
        return new RunFrameworks(Validator.required("session", session));
    }

    /**
     * Submits a run of a named framework, in one transaction: the run (its framework column holds
     * run.framework()) and, when the name is not one of lab 01's six, the name beside it.
     *
     * @param run the run; its framework is what the lab's column records
     * @param framework the run's real framework
     * @return the stored run
     * @throws InvalidValueException on {@code framework_name} when it names one of lab 01's six
     *     other than run.framework()
     */
    public Run submit(NewRun run, FrameworkName framework) {
        Validator.required("run", run);
        checkAgrees(framework, run.framework());
        return session.inTransaction(ctx -> {
            Run stored = Runs.of(session).submit(run);
            record(ctx, stored.runId(), framework);
            return stored;
        });
    }

    /**
     * Sets the framework name of an existing run (replacing one set before).
     *
     * @param runId the run
     * @param framework its real framework
     * @return the framework as the run now has it
     * @throws NotFoundException when there is no such run
     * @throws InvalidValueException on {@code framework_name} when it names one of lab 01's six
     *     other than the run's framework column
     */
    public FrameworkName set(UUID runId, FrameworkName framework) {
        Validator.required("runId", runId);
        Validator.required("framework", framework);
        return session.inTransaction(ctx -> {
            Framework column = ctx.select(T.FRAMEWORK).from(T).where(T.RUN_ID.eq(runId)).forNoKeyUpdate()
                    .fetchOptional(T.FRAMEWORK).orElseThrow(() -> new NotFoundException(Runs.ENTITY, runId));
            checkAgrees(framework, column);
            ctx.deleteFrom(RUN_FRAMEWORKS).where(RUN_FRAMEWORKS.RUN_ID.eq(runId)).execute();
            record(ctx, runId, framework);
            return framework;
        });
    }

    /**
     * The framework of a run: the name beside it, else its lab 01 framework.
     *
     * @param runId the run
     * @return its framework's name
     * @throws NotFoundException when there is no such run
     */
    public FrameworkName of(UUID runId) {
        Validator.required("runId", runId);
        return session.read(ctx -> ctx.select(RUN_FRAMEWORKS.FRAMEWORK_NAME, T.FRAMEWORK)
                .from(T).leftJoin(RUN_FRAMEWORKS).on(RUN_FRAMEWORKS.RUN_ID.eq(T.RUN_ID))
                .where(T.RUN_ID.eq(runId))
                .fetchOptional(r -> r.value1() != null ? FrameworkName.of(r.value1()) : FrameworkName.of(r.value2()))
                .orElseThrow(() -> new NotFoundException(Runs.ENTITY, runId)));
    }

    /** Inserts the name beside the run, unless the lab's column already says it. */
    static void record(DSLContext ctx, UUID runId, FrameworkName framework) {
        if (framework != null && framework.known().isEmpty()) {
            ctx.insertInto(RUN_FRAMEWORKS)
                    .set(RUN_FRAMEWORKS.RUN_ID, runId)
                    .set(RUN_FRAMEWORKS.FRAMEWORK_NAME, DSL.val(framework.name()))
                    .execute();
        }
    }

    static void checkAgrees(FrameworkName framework, Framework column) {
        Validator.required("framework", framework);
        framework.known().filter(known -> known != column).ifPresent(known -> {
            throw new InvalidValueException("framework_name", framework.name(),
                    "names lab 01's framework " + known.getLiteral() + ", but the run records " + column.getLiteral());
        });
    }
}
