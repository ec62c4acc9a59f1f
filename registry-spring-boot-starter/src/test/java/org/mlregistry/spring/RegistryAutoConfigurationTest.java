package org.mlregistry.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.RegistrySchema;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jooq.JooqAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The auto-configuration in slices: which beans it makes from which others, and the properties. */
class RegistryAutoConfigurationTest {

    /** The auto-configuration alone, on the given database as the application's data source. */
    private static ApplicationContextRunner on(DataSource dataSource) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RegistryAutoConfiguration.class))
                .withBean(DataSource.class, () -> dataSource);
    }

    @AfterEach
    void clearPrincipal() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRegistryBeanOnAMigratedDatabase() throws Exception {
        DataSource db = Sql.freshDatabase();
        int shipped = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:org/mlregistry/schema/migration/V*.sql").length;

        on(db).run(context -> {
            assertThat(context).hasSingleBean(Registry.class).hasSingleBean(RegistrySchema.class);
            assertThat(Sql.count(db, "SELECT count(*) FROM registry.flyway_mlregistry_history WHERE success AND type = 'SQL'"))
                    .isEqualTo(shipped);
        });
    }

    @Test
    void migrationSwitchedOffLeavesTheDatabaseAlone() {
        DataSource db = Sql.freshDatabase();

        on(db).withPropertyValues("mlregistry.migration.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(Registry.class).doesNotHaveBean(RegistrySchema.class);
            assertThat(Sql.count(db, "SELECT count(*) FROM information_schema.schemata"
                    + " WHERE schema_name IN ('registry', 'tracking')")).isZero();
        });
    }

    @Test
    void backsOffForTheApplicationsOwnRegistry() {
        DataSource db = Sql.sharedDatabase();
        Registry own = Registry.configure().dataSource(db).load();

        on(db).withBean(Registry.class, () -> own).run(context ->
                assertThat(context.getBean(Registry.class)).isSameAs(own));
    }

    @Test
    void noDataSourceNoRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RegistryAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(Registry.class).doesNotHaveBean(RegistrySchema.class));
    }

    @Test
    void timeoutsAreBoundAndSetInEachTransaction() {
        DataSource db = Sql.sharedDatabase();

        on(db).withPropertyValues("mlregistry.statement-timeout=7s", "mlregistry.lock-timeout=1500ms")
                .run(context -> {
                    RegistryProperties properties = context.getBean(RegistryProperties.class);
                    assertThat(properties.getStatementTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(properties.getLockTimeout()).isEqualTo(Duration.ofMillis(1500));
                    List<String> settings = context.getBean(Registry.class).inTransaction(ctx -> List.<String>of(
                            String.valueOf(ctx.fetchValue("SELECT current_setting('statement_timeout')")),
                            String.valueOf(ctx.fetchValue("SELECT current_setting('lock_timeout')"))));
                    assertThat(settings).containsExactly("7s", "1500ms");
                });
    }

    @Test
    void schemaNamesPlaceMigrationAndQueriesUnderThem() {
        DataSource db = Sql.freshDatabase();

        on(db).withPropertyValues("mlregistry.schemas.tracking=svc_tracking", "mlregistry.schemas.registry=svc_registry")
                .run(context -> {
                    context.getBean(Registry.class).runs().submit(org.mlregistry.core.tracking.NewRun.builder()
                            .model("renamed").framework(org.mlregistry.schema.types.Framework.PYTORCH).experiment("exp-names")
                            .dataset("ds-names").computeTarget("target-names").parameters("{}").build());
                    assertThat(Sql.count(db, "SELECT count(*) FROM svc_tracking.training_runs WHERE model_name = 'renamed'"))
                            .isEqualTo(1);
                    assertThat(Sql.count(db, "SELECT count(*) FROM svc_registry.flyway_mlregistry_history")).isPositive();
                    assertThat(Sql.count(db, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('tracking', 'registry')"))
                            .isZero();
                });
    }

    @Test
    void aPageTokenKeyThatIsNotBase64StopsTheStart() {
        on(Sql.sharedDatabase()).withPropertyValues("mlregistry.page-token-key=not base64!").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.field()).isEqualTo("mlregistry.page-token-key"));
        });
    }

    @Test
    void aPageTokenKeyShorterThan32BytesStopsTheStart() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        on(Sql.sharedDatabase()).withPropertyValues("mlregistry.page-token-key=" + sixteenBytes)
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOfSatisfying(InvalidValueException.class,
                                e -> assertThat(e.field()).isEqualTo("pageTokenKey")));
    }

    @Test
    void withBootsJooqTheRegistryWorksThroughItsContext() {
        on(Sql.sharedDatabase())
                .withConfiguration(AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class,
                        JooqAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(Registry.class).dsl()).isSameAs(context.getBean(DSLContext.class)));
    }

    @Test
    void withoutBootsJooqButWithATransactionManagerTheRegistryBridgesToIt() {
        on(Sql.sharedDatabase())
                .withConfiguration(AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DSLContext.class);
                    assertThat(context.getBean(Registry.class).dsl().configuration().transactionProvider())
                            .isInstanceOf(SpringManagedTransactions.class);
                });
    }

    @Test
    void withoutAnyTransactionManagerTheRegistryKeepsItsOwnTransactions() {
        on(Sql.sharedDatabase()).run(context ->
                assertThat(context.getBean(Registry.class).dsl().configuration().transactionProvider())
                        .isInstanceOf(ThreadLocalTransactionProvider.class));
    }

    @Test
    void theActorIsTheAuthenticatedPrincipal() {
        on(Sql.sharedDatabase()).withPropertyValues("mlregistry.audit.fallback-actor=nightly-job")
                .run(context -> {
                    RegistryActorResolver actors = context.getBean(RegistryActorResolver.class);
                    assertThat(actors.currentActor()).contains("nightly-job");

                    SecurityContextHolder.getContext().setAuthentication(
                            UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of()));
                    assertThat(actors.currentActor()).contains("alice");
                    assertThat(actors.models(context.getBean(Registry.class)).actor()).isEqualTo("alice");
                });
    }

    @Test
    void withoutActorWritesAreRefusedNamingTheActor() {
        on(Sql.sharedDatabase()).run(context -> {
            RegistryActorResolver actors = context.getBean(RegistryActorResolver.class);
            assertThat(actors.currentActor()).isEmpty();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> actors.models(context.getBean(Registry.class))))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("actor"));
        });
    }

    @Test
    void withoutSpringSecurityTheActorIsTheFallback() {
        on(Sql.sharedDatabase()).withPropertyValues("mlregistry.audit.fallback-actor=nightly-job")
                .withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
                .run(context -> {
                    RegistryActorResolver actors = context.getBean(RegistryActorResolver.class);
                    assertThat(actors).isNotInstanceOf(SpringSecurityActorResolver.class);
                    assertThat(actors.currentActor()).isEqualTo(Optional.of("nightly-job"));
                });
    }

    @Test
    void theApplicationsOwnActorResolverWins() {
        RegistryActorResolver own = () -> Optional.of("from-header");

        on(Sql.sharedDatabase()).withBean(RegistryActorResolver.class, () -> own)
                .run(context -> assertThat(context.getBean(RegistryActorResolver.class)).isSameAs(own));
    }
}
