package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.RegistryNames;
import org.mlregistry.core.internal.Validator;

/**
 * The deployment environments ({@code registry.environments}): the one list of names that
 * deployments and approvals ({@code requiredForEnv}) use, each with its type. Obtain it from
 * {@link ModelRegistry#environments()}.
 *
 * <p>A name has 1 to 63 characters: a lowercase letter, then lowercase letters, digits or
 * {@code -}, not ending in {@code -} (a DNS label, so it can name a namespace or host). Creating
 * an environment is not written to the audit log, which keys entities by UUID; environments are
 * configuration, kept in the migrations' rows and by operators.
 */
public final class Environments {

    private final Scope scope;

    Environments(Scope scope) {
        this.scope = scope;
    }

    /**
     * Every environment.
     *
     * @return the environments, by priority, then name
     */
    public List<Environment> list() {
        return scope.read(ctx -> ctx.selectFrom(ENVIRONMENTS)
                .orderBy(ENVIRONMENTS.PRIORITY, ENVIRONMENTS.ENVIRONMENT_NAME).fetch(ExtensionRows.ENVIRONMENT));
    }

    /**
     * The environment of a name.
     *
     * @param name its name, e.g. {@code prod}
     * @return the environment; empty when none has this name
     * @throws InvalidValueException when the name breaks the naming rule (no environment can have it)
     */
    public Optional<Environment> find(String name) {
        RegistryNames.environmentName(name);
        return scope.read(ctx -> ctx.selectFrom(ENVIRONMENTS).where(ENVIRONMENTS.ENVIRONMENT_NAME.eq(name))
                .fetchOptional(ExtensionRows.ENVIRONMENT));
    }

    /**
     * Creates an environment.
     *
     * @param spec its name, type, description and priority
     * @return the environment as stored, with its generated id
     * @throws InvalidValueException when the name breaks the naming rule or the type is missing
     * @throws org.mlregistry.core.error.ConstraintViolationException when an environment has this
     *     name ({@code environments_environment_name_key})
     */
    public Environment create(NewEnvironment spec) {
        Validator.required("environment", spec);
        RegistryNames.environmentName(spec.name());
        Validator.required("environment_type", spec.type());
        return scope.write(ctx -> ctx.insertInto(ENVIRONMENTS)
                .set(ENVIRONMENTS.ENVIRONMENT_NAME, spec.name())
                .set(ENVIRONMENTS.ENVIRONMENT_TYPE, spec.type())
                .set(ENVIRONMENTS.DESCRIPTION, spec.description())
                .set(ENVIRONMENTS.PRIORITY, spec.priority())
                .returning().fetchSingle(ExtensionRows.ENVIRONMENT));
    }

    /**
     * The environment of a name, for the registry's own operations (deploy, approvals, the gate),
     * so they all check names alike.
     *
     * @param ctx the transaction's context
     * @param name the environment's name
     * @return the environment
     * @throws InvalidValueException when the name breaks the naming rule
     * @throws NotFoundException when no environment has this name
     */
    static Environment find(DSLContext ctx, String name) {
        RegistryNames.environmentName(name);
        return ctx.selectFrom(ENVIRONMENTS).where(ENVIRONMENTS.ENVIRONMENT_NAME.eq(name))
                .fetchOptional(ExtensionRows.ENVIRONMENT)
                .orElseThrow(() -> new NotFoundException("environment", name));
    }
}
