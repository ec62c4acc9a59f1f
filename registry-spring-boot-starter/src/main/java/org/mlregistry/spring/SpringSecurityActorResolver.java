package org.mlregistry.spring;

import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The actor is the name of the calling thread's authenticated Spring Security principal; an
 * anonymous or missing one gives the fallback actor.
 */
public final class SpringSecurityActorResolver implements RegistryActorResolver {

    private final String fallbackActor;

    /**
     * @param fallbackActor the actor when no principal is authenticated, or null for none
     */
    public SpringSecurityActorResolver(String fallbackActor) {
        this.fallbackActor = fallbackActor;
    }

    @Override
    public Optional<String> currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return Optional.of(authentication.getName());
        }
        return Optional.ofNullable(fallbackActor);
    }
}
