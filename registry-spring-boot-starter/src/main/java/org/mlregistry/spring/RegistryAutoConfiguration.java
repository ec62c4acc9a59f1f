package org.mlregistry.spring;

import java.util.Base64;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.RegistrySchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A migrated {@link Registry} bean on the application's {@link DataSource} that joins Spring-managed
 * transactions.
 *
 * <ul>
 *   <li>{@code RegistrySchema} migrates the library's schemas at start-up (own location and
 *       history table, beside the service's own Flyway), before the registry is created;
 *       {@code mlregistry.migration.enabled=false} switches it off.</li>
 *   <li>The registry works through the application's {@link DSLContext} when there is one (Spring
 *       Boot's jOOQ auto-configuration: {@code SpringTransactionProvider}); else, with a
 *       {@link PlatformTransactionManager}, through a context bridging to it; else on the data
 *       source alone. In the first two, a registry operation inside a {@code @Transactional}
 *       method is a savepoint of that transaction, and outside one it commits its own.</li>
 * </ul>
 *
 * Backs off when the application defines its own {@link Registry} (or {@link RegistrySchema}).
 * Names Spring Boot's auto-configurations by name: they moved packages in Boot 4.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.autoconfigure.jooq.JooqAutoConfiguration",
            "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration"},
        // registered before Boot's Flyway, so usually created first; not guaranteed (README)
        beforeName = {
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@ConditionalOnClass(name = {
    "org.mlregistry.core.Registry",
    "org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy"})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(RegistryProperties.class)
public class RegistryAutoConfiguration {

    /**
     * The library's migrations, applied when the bean is created.
     *
     * @param dataSource the application's data source
     * @param properties the {@code mlregistry.*} settings (schema names)
     * @return the migrator, already run
     */
    @Bean(initMethod = "migrate")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "mlregistry.migration", name = "enabled", matchIfMissing = true)
    public RegistrySchema registrySchema(DataSource dataSource, RegistryProperties properties) {
        return RegistrySchema.configure().dataSource(dataSource)
                .schemas(properties.getSchemas().getTracking(), properties.getSchemas().getRegistry())
                .load();
    }

    /**
     * The registry, created after the migration.
     *
     * @param dataSource the application's data source
     * @param properties the {@code mlregistry.*} settings
     * @param migration the migration, when enabled
     * @param dsl the application's jOOQ context, if any
     * @param transactionManager the application's transaction manager, if any
     * @return the registry
     */
    @Bean
    @ConditionalOnMissingBean
    public Registry registry(DataSource dataSource, RegistryProperties properties,
                             ObjectProvider<RegistrySchema> migration, ObjectProvider<DSLContext> dsl,
                             ObjectProvider<PlatformTransactionManager> transactionManager) {
        migration.ifAvailable(migrated -> { });
        Registry.Builder builder = Registry.configure()
                .statementTimeout(properties.getStatementTimeout())
                .lockTimeout(properties.getLockTimeout())
                .schemas(properties.getSchemas().getTracking(), properties.getSchemas().getRegistry());
        if (properties.getPageTokenKey() != null) {
            builder.pageTokenKey(decoded(properties.getPageTokenKey()));
        }
        DSLContext context = dsl.getIfUnique();
        PlatformTransactionManager transactions = transactionManager.getIfUnique();
        if (context != null) {
            builder.dsl(context);
        } else if (transactions != null) {
            builder.configuration(new DefaultConfiguration()
                    .set(SQLDialect.POSTGRES)
                    .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(dataSource)))
                    .set(new SpringManagedTransactions(transactions)));
        } else {
            builder.dataSource(dataSource);
        }
        return builder.load();
    }

    private static byte[] decoded(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("mlregistry.page-token-key", "(secret, not shown)", "must be Base64");
        }
    }

    /** The actor is the Spring Security principal's name, else the fallback actor. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class SecurityActor {

        @Bean
        @ConditionalOnMissingBean
        RegistryActorResolver registryActorResolver(RegistryProperties properties) {
            return new SpringSecurityActorResolver(blankToNull(properties.getAudit().getFallbackActor()));
        }
    }

    /** Without Spring Security the actor is the fallback actor. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.core.context.SecurityContextHolder")
    static class FallbackActor {

        @Bean
        @ConditionalOnMissingBean
        RegistryActorResolver registryActorResolver(RegistryProperties properties) {
            String actor = blankToNull(properties.getAudit().getFallbackActor());
            return () -> java.util.Optional.ofNullable(actor);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
