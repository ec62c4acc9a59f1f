package org.mlregistry.core.models;

import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.Validator;

/**
 * The model registry, one entry per topic:
 *
 * <pre>{@code
 * ModelRegistry models = registry.models().actor("alice");
 * Model model = models.catalog().createModel(NewModel.of("fraud-detector", "Fraud detector"));
 * ModelVersion version = models.versions().register(NewVersion.of(model.modelId(), "1.0.0", uri, framework));
 * models.deployments().deploy(NewDeployment.of(version.versionId(), "staging", 100));
 * }</pre>
 *
 * <ul>
 *   <li>{@link #catalog()}: teams, models, datasets</li>
 *   <li>{@link #versions()}: semantic versions and their lifecycle</li>
 *   <li>{@link #lineage()}: training runs of versions, the lineage tree</li>
 *   <li>{@link #deployments()}: deployments, traffic, measured service levels</li>
 *   <li>{@link #rollouts()}: promote (at once or in stages) and roll back, one transaction each</li>
 *   <li>{@link #approvals()}: approvals and the production gate</li>
 *   <li>{@link #tags()}: tags of models and datasets</li>
 *   <li>{@link #aliases()}: named pointers to versions (champion, challenger)</li>
 *   <li>{@link #environments()}: deployment environments and their types</li>
 *   <li>{@link #versionTags()}: free key/value tags of versions</li>
 *   <li>{@link #audit()}: the audit trail</li>
 * </ul>
 *
 * Immutable and thread-safe. Every write names the {@linkplain #actor(String) actor} and records
 * a row of {@code registry.audit_log} in the same transaction, most of them in the same statement;
 * a write of several statements is one transaction. Constraint violations surface as
 * {@link org.mlregistry.core.error.ConstraintViolationException}.
 */
public final class ModelRegistry {

    private final Scope scope;

    private ModelRegistry(Scope scope) {
        this.scope = scope;
    }

    /**
     * The model registry of a session, without actor; services get it from {@code Registry.models()}.
     *
     * @param session the registry's session (internal)
     * @return a model registry that can read but not yet write
     */
    public static ModelRegistry of(Session session) {
        return new ModelRegistry(new Scope(Validator.required("session", session), null));
    }

    /**
     * This registry acting as actor: writes are audited in its name and stamped with it.
     *
     * @param actor who writes, e.g. a user name; not blank
     * @return a copy of this model registry acting as actor
     * @throws InvalidValueException when actor is null or blank
     */
    public ModelRegistry actor(String actor) {
        return new ModelRegistry(new Scope(scope.session(), Validator.required("actor", actor)));
    }

    /**
     * The actor writes are recorded for, or null.
     *
     * @return the actor's name, or null when none was set
     */
    public String actor() {
        return scope.actor();
    }

    /**
     * Teams, models and datasets.
     *
     * @return the catalog, acting as this registry's actor
     */
    public Catalog catalog() {
        return new Catalog(scope);
    }

    /**
     * Semantic versions of models and their lifecycle.
     *
     * @return the versions, acting as this registry's actor
     */
    public Versions versions() {
        return new Versions(scope);
    }

    /**
     * Training runs of versions and the lineage tree of a model.
     *
     * @return the lineage, acting as this registry's actor
     */
    public TrainingLineage lineage() {
        return new TrainingLineage(scope);
    }

    /**
     * Deployments of versions to environments.
     *
     * @return the deployments, acting as this registry's actor
     */
    public Deployments deployments() {
        return new Deployments(scope);
    }

    /**
     * Promotion and rollback of versions in an environment, each one transaction.
     *
     * @return the rollouts, acting as this registry's actor
     */
    public Rollouts rollouts() {
        return new Rollouts(scope);
    }

    /**
     * Approvals of versions and the production gate.
     *
     * @return the approvals, acting as this registry's actor
     */
    public ApprovalGate approvals() {
        return new ApprovalGate(scope);
    }

    /**
     * Tags of models and datasets.
     *
     * @return the tags, acting as this registry's actor
     */
    public Tags tags() {
        return new Tags(scope);
    }

    /**
     * Aliases of models' versions ({@code champion}, {@code challenger}).
     *
     * @return the aliases, acting as this registry's actor
     */
    public Aliases aliases() {
        return new Aliases(scope);
    }

    /**
     * Deployment environments: list, find, create.
     *
     * @return the environments
     */
    public Environments environments() {
        return new Environments(scope);
    }

    /**
     * Free key/value tags of model versions.
     *
     * @return the version tags, acting as this registry's actor
     */
    public VersionTags versionTags() {
        return new VersionTags(scope);
    }

    /**
     * The audit trail.
     *
     * @return the audit trail
     */
    public AuditTrail audit() {
        return new AuditTrail(scope);
    }
}
