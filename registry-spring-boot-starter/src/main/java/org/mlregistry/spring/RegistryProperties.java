package org.mlregistry.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code mlregistry.*} settings of the auto-configured {@code Registry}.
 *
 * <pre>
 * mlregistry.statement-timeout=30s
 * mlregistry.lock-timeout=5s
 * mlregistry.migration.enabled=true
 * mlregistry.page-token-key=${REGISTRY_PAGE_TOKEN_KEY}
 * mlregistry.audit.fallback-actor=billing-service
 * mlregistry.schemas.tracking=tracking
 * mlregistry.schemas.registry=registry
 * </pre>
 */
@ConfigurationProperties("mlregistry")
public class RegistryProperties {

    /** Longest a statement of the registry's transactions may run; 0 for none. */
    private Duration statementTimeout = Duration.ofSeconds(30);

    /** Longest a statement of the registry's transactions waits for a lock; 0 for none. */
    private Duration lockTimeout = Duration.ofSeconds(5);

    /**
     * Base64 of the key (at least 32 bytes) page tokens are signed with; replicas that hand
     * tokens to each other's clients share it. Unset: a random key per JVM.
     */
    private String pageTokenKey;

    private final Migration migration = new Migration();

    private final Audit audit = new Audit();

    private final Schemas schemas = new Schemas();

    /** @return longest a statement may run; zero for none */
    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    /** @param statementTimeout longest a statement may run; zero for none */
    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    /** @return longest a statement waits for a lock; zero for none */
    public Duration getLockTimeout() {
        return lockTimeout;
    }

    /** @param lockTimeout longest a statement waits for a lock; zero for none */
    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    /** @return Base64 of the page-token key, or null for a random key per JVM */
    public String getPageTokenKey() {
        return pageTokenKey;
    }

    /** @param pageTokenKey Base64 of at least 32 bytes */
    public void setPageTokenKey(String pageTokenKey) {
        this.pageTokenKey = pageTokenKey;
    }

    /** @return the migration settings */
    public Migration getMigration() {
        return migration;
    }

    /** @return the audit settings */
    public Audit getAudit() {
        return audit;
    }

    /** @return the names of the library's two schemas */
    public Schemas getSchemas() {
        return schemas;
    }

    /**
     * The names the library's schemas are migrated to and queried under, e.g. beside a schema
     * {@code tracking} of the service's own.
     */
    public static class Schemas {

        /** Name of the schema holding runs, metrics and leases. */
        private String tracking = "tracking";

        /** Name of the schema holding models, versions, deployments, audit and the migration history. */
        private String registry = "registry";

        /** @return the tracking schema's name */
        public String getTracking() {
            return tracking;
        }

        /** @param tracking the tracking schema's name (a lowercase SQL identifier) */
        public void setTracking(String tracking) {
            this.tracking = tracking;
        }

        /** @return the registry schema's name */
        public String getRegistry() {
            return registry;
        }

        /** @param registry the registry schema's name (a lowercase SQL identifier) */
        public void setRegistry(String registry) {
            this.registry = registry;
        }
    }

    /** Whether the library's schemas are migrated at start-up. */
    public static class Migration {

        /** Migrate mlregistry's schemas (own location and history table) at start-up. */
        private boolean enabled = true;

        /** @return true when the schemas are migrated at start-up */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled false leaves migrating to the service (e.g. a deployment job) */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Who model-registry writes are audited as. */
    public static class Audit {

        /**
         * Actor of writes made without an authenticated Spring Security principal (jobs,
         * schedulers); unset: such writes are refused for want of an actor.
         */
        private String fallbackActor;

        /** @return the actor used without a principal, or null */
        public String getFallbackActor() {
            return fallbackActor;
        }

        /** @param fallbackActor the actor used without a principal */
        public void setFallbackActor(String fallbackActor) {
            this.fallbackActor = fallbackActor;
        }
    }
}
