package org.mlregistry.spring;

import java.util.Optional;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.models.ModelRegistry;

/**
 * Who the current request's model-registry writes are audited as. The auto-configuration provides
 * one: the authenticated Spring Security principal's name when Spring Security is present, else
 * {@code mlregistry.audit.fallback-actor}; define a bean of your own to decide otherwise.
 *
 * <pre>{@code
 * actors.models(registry).versions().register(NewVersion.of(modelId, "1.0.0", uri, framework));
 * }</pre>
 */
@FunctionalInterface
public interface RegistryActorResolver {

    /**
     * The actor of the calling thread's work.
     *
     * @return the actor's name, or empty when there is none
     */
    Optional<String> currentActor();

    /**
     * The registry's model registry acting as the current actor.
     *
     * @param registry the registry to write through
     * @return {@code registry.models().actor(currentActor)}
     * @throws InvalidValueException (field {@code actor}) when there is no current actor
     */
    default ModelRegistry models(Registry registry) {
        return registry.models().actor(currentActor().orElseThrow(() -> new InvalidValueException("actor", null,
                "no authenticated principal and no mlregistry.audit.fallback-actor")));
    }
}
