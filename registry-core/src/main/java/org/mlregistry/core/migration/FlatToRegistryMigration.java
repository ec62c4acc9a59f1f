package org.mlregistry.core.migration;

import java.util.Optional;
import java.util.UUID;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.MigrationRefusedException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.UnmigratableRun;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.TrackingToRegistry;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.jooq.tracking.tables.records.TrainingRunsRecord;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.ModelFramework;

/**
 * Lab 02's challenge 3: moves lab 01's flat {@code tracking.training_runs} into the normalized
 * {@code registry} schema, idempotently, audited, in one transaction. Obtain it from
 * {@code Registry.migrations()}:
 *
 * <pre>{@code
 * FlatToRegistryReport report = registry.migrations().flatRunsToRegistry().actor("alice").run();
 * }</pre>
 *
 * How each row maps, and what is skipped, is described in the {@linkplain org.mlregistry.core.migration
 * package documentation}. Immutable and thread-safe: every setter returns a new migration.
 */
public final class FlatToRegistryMigration {

    /** Prefix of the placeholder artifact_uri of migrated versions. */
    public static final String ARTIFACT_PREFIX = "migrated://tracking/";

    /** Prefix of the placeholder storage_location of migrated datasets. */
    public static final String DATASET_PREFIX = TrackingToRegistry.DATASET_PREFIX;

    /** The audit_log action of the rows this migration records. */
    public static final String AUDIT_ACTION = "migrate";

    /** What the audit rows and descriptions name as the source. */
    static final String SOURCE = "tracking.training_runs";

    static final String LOCK_KEY = "mlregistry.migration.flat-to-registry";

    static final org.mlregistry.schema.jooq.tracking.tables.TrainingRuns SRC =
            org.mlregistry.schema.jooq.tracking.Tables.TRAINING_RUNS;
    static final org.mlregistry.schema.jooq.registry.tables.TrainingRuns DST =
            org.mlregistry.schema.jooq.registry.Tables.TRAINING_RUNS;

    private final Session session;
    private final String actor;
    private final UUID teamId;
    private final boolean strict;
    private final boolean includeArchived;

    private FlatToRegistryMigration(Session session, String actor, UUID teamId, boolean strict, boolean includeArchived) {
        this.session = session;
        this.actor = actor;
        this.teamId = teamId;
        this.strict = strict;
        this.includeArchived = includeArchived;
    }

    String actor() {
        return actor;
    }

    UUID teamId() {
        return teamId;
    }

    boolean isStrict() {
        return strict;
    }

    static FlatToRegistryMigration of(Session session) {
        return new FlatToRegistryMigration(Validator.required("session", session), null, null, false, false);
    }

    /**
     * Who migrates: stamped on created rows (created_by, registered_by) and on the audit rows.
     *
     * @param actor the migrating user's name, not blank
     * @return a copy of this migration with the actor set
     * @throws InvalidValueException when actor is null or blank
     */
    public FlatToRegistryMigration actor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidValueException("actor", actor, "is required");
        }
        return new FlatToRegistryMigration(session, actor, teamId, strict, includeArchived);
    }

    /**
     * The team owning the models and datasets this migration creates (null: none, the default).
     *
     * @param teamId the id of an existing {@code registry.teams} row, or null
     * @return a copy of this migration with the team set
     */
    public FlatToRegistryMigration team(UUID teamId) {
        return new FlatToRegistryMigration(session, actor, teamId, strict, includeArchived);
    }

    /**
     * Refuse instead of skipping: when any tracking run cannot be migrated (see {@link UnmigratableRun.Reason}),
     * {@link #run()} throws {@link MigrationRefusedException} and writes nothing.
     *
     * @return a strict copy of this migration
     */
    public FlatToRegistryMigration strict() {
        return new FlatToRegistryMigration(session, actor, teamId, true, includeArchived);
    }

    /**
     * Migrate archived (soft-deleted) tracking runs too; by default they are skipped as
     * {@link UnmigratableRun.Reason#ARCHIVED}.
     *
     * @return a copy of this migration that includes archived runs
     */
    public FlatToRegistryMigration includeArchived() {
        return new FlatToRegistryMigration(session, actor, teamId, strict, true);
    }

    /**
     * Runs the migration in one transaction.
     *
     * @return what was created, reused and skipped
     * @throws InvalidValueException when no actor was set
     * @throws NotFoundException when the default team does not exist
     * @throws MigrationRefusedException when {@link #strict()} and a run cannot be migrated
     * @throws org.mlregistry.core.error.ConstraintViolationException when the database refuses a row
     *     (nothing is written then)
     */
    public FlatToRegistryReport run() {
        if (actor == null) {
            throw new InvalidValueException("actor", null, "must be set with actor(String) before run()");
        }
        return session.inBulkTransaction(ctx -> new FlatToRegistryRun(this, ctx).migrate());
    }

    // ------------------------------------------------------------------ mapping rules

    /**
     * Lab 02's framework for lab 01's, or empty when there is none ({@code mxnet}).
     *
     * @param framework a framework of {@code tracking.training_runs}, not null
     * @return the {@code registry.model_versions} framework of the same name, or empty
     */
    public static Optional<ModelFramework> framework(Framework framework) {
        return TrackingToRegistry.framework(framework);
    }

    /**
     * The placeholder artifact_uri of a migrated version: {@code migrated://tracking/<model>/<semver>}.
     *
     * @param modelName the model's name
     * @param semver the version, e.g. {@code 1.0.0}
     * @return {@value #ARTIFACT_PREFIX} followed by the model's name and the version
     */
    public static String artifactUri(String modelName, String semver) {
        return ARTIFACT_PREFIX + modelName + "/" + semver;
    }

    /**
     * The placeholder storage_location of a migrated dataset: {@code migrated://tracking/datasets/<dataset>}.
     *
     * @param datasetName the dataset's name
     * @return {@value #DATASET_PREFIX} followed by the dataset's name
     */
    public static String datasetLocation(String datasetName) {
        return TrackingToRegistry.datasetLocation(datasetName);
    }

    /**
     * A display name from a kebab- or snake-case name: words capitalized, e.g. {@code imagenet-1k} →
     * {@code Imagenet 1k}.
     *
     * @param name a model's or dataset's name
     * @return its words, first letters upper-cased, separated by spaces; name itself when it has no words
     */
    public static String displayName(String name) {
        return TrackingToRegistry.displayName(name);
    }

    /** Why run cannot be migrated, or null when it can. */
    UnmigratableRun skipReason(TrainingRunsRecord run) {
        if (run.getArchivedAt() != null && !includeArchived) {
            return skipped(run, UnmigratableRun.Reason.ARCHIVED, "archived at " + run.getArchivedAt());
        }
        if (framework(run.getFramework()).isEmpty()) {
            return skipped(run, UnmigratableRun.Reason.UNMAPPED_FRAMEWORK,
                    "framework '" + run.getFramework().getLiteral() + "' has no lab 02 counterpart");
        }
        if (!Validator.MODEL_NAME.matcher(run.getModelName()).matches()) {
            return skipped(run, UnmigratableRun.Reason.INVALID_MODEL_NAME, "model_name '" + run.getModelName() + "' is not kebab-case");
        }
        if (!Validator.DATASET_NAME.matcher(run.getDataset()).matches()) {
            return skipped(run, UnmigratableRun.Reason.INVALID_DATASET_NAME,
                    "dataset '" + run.getDataset() + "' breaks ^[a-z0-9_-]+$");
        }
        return null;
    }

    private static UnmigratableRun skipped(TrainingRunsRecord run, UnmigratableRun.Reason reason, String detail) {
        return new UnmigratableRun(run.getRunId(), run.getModelName(), reason, detail);
    }
}
