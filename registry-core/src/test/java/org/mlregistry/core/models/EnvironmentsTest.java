package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;

import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.RegistryNames;
import org.mlregistry.schema.types.EnvironmentType;

/** Environments: list with their type, find, create; the naming rule in Java and in the database. */
class EnvironmentsTest extends ModelsTestSupport {

    private static final List<String> SAMPLES = List.of("dev", "qa", "prod-apac", "staging-eu", "eu-west-1", "a",
            "a" + "b".repeat(61) + "c", "a" + "b".repeat(62) + "c", "", "Prod", "prod-", "-prod", "1prod", "prod_eu",
            "prod eu", "prod.eu", "pr\u00f6d", "prod\n");

    @Test
    void theJavaNameRuleIsTheDatabaseCheck() {
        inRollback((models, ctx) -> {
            String regex = AliasesTest.checkRegex(ctx, "valid_env_name", "registry.environments");
            for (String sample : SAMPLES) {
                boolean db = ctx.fetchValue(DSL.field("{0} ~ {1}", Boolean.class, DSL.val(sample), DSL.val(regex)));
                assertThat(RegistryNames.ENVIRONMENT_NAME.matcher(sample).matches()).as("name '%s'", sample).isEqualTo(db);
            }
            assertThat(SAMPLES.stream().filter(s -> RegistryNames.ENVIRONMENT_NAME.matcher(s).matches())).hasSize(7);
            return null;
        });
    }

    @Test
    void listShowsTheLabsTenEnvironmentsWithTheirTypesByPriority() {
        inRollback((models, ctx) -> {
            List<Environment> all = models.environments().list();

            assertThat(all).extracting(Environment::name).containsExactlyElementsOf(ctx.fetch(
                    "SELECT environment_name FROM registry.environments ORDER BY priority, environment_name").getValues(0, String.class));
            assertThat(all).hasSize(ctx.fetchCount(ENVIRONMENTS));
            Environment prod = all.stream().filter(e -> e.name().equals("prod")).findFirst().orElseThrow();
            assertThat(prod.type()).isEqualTo(EnvironmentType.PRODUCTION);
            assertThat(prod.description()).isEqualTo("Production environment");
            assertThat(prod.priority()).isEqualTo(4);
            assertThat(all.get(0).name()).isEqualTo("dev");
            return null;
        });
    }

    @Test
    void findReturnsTheEnvironmentOfANameOrNothing() {
        inRollback((models, ctx) -> {
            Environment staging = models.environments().find("staging").orElseThrow();
            assertThat(staging.type()).isEqualTo(EnvironmentType.STAGING);
            assertThat(staging.environmentId()).isEqualTo(
                    ctx.fetchValue("SELECT environment_id FROM registry.environments WHERE environment_name = 'staging'"));
            assertThat(models.environments().find("production")).isEmpty();
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> models.environments().find("Prod"));
            assertThat(e.field()).isEqualTo("environment_name");
            assertThat(e.rule()).isEqualTo(RegistryNames.ENVIRONMENT_NAME_RULE);
            return null;
        });
    }

    @Test
    void createAddsAnEnvironmentThatDeploymentsCanUse() {
        inRollback((models, ctx) -> {
            Environment sandbox = models.environments().create(NewEnvironment.of("sandbox-eu", EnvironmentType.DEVELOPMENT)
                    .withDescription("Playground").withPriority(1));

            assertThat(sandbox.name()).isEqualTo("sandbox-eu");
            assertThat(sandbox.type()).isEqualTo(EnvironmentType.DEVELOPMENT);
            assertThat(sandbox.description()).isEqualTo("Playground");
            assertThat(sandbox.priority()).isEqualTo(1);
            assertThat(ctx.fetchValue("SELECT environment_type FROM registry.environments WHERE environment_id = ?",
                    sandbox.environmentId())).isEqualTo("development");
            assertThat(models.environments().find("sandbox-eu")).contains(sandbox);

            Model m = model(models);
            ModelVersion v = validated(models, m, "1.0.0");
            Deployment d = models.deployments().deploy(NewDeployment.of(v.versionId(), "sandbox-eu", 100));
            assertThat(d.environmentId()).isEqualTo(sandbox.environmentId());
            return null;
        });
    }

    @Test
    void createRefusesABadNameOrMissingTypeAndWritesNothing() {
        inRollback((models, ctx) -> {
            int rows = ctx.fetchCount(ENVIRONMENTS);
            for (String bad : List.of("Prod", "prod-", "prod_eu", "", "a" + "b".repeat(63))) {
                InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                        () -> models.environments().create(NewEnvironment.of(bad, EnvironmentType.STAGING)));
                assertThat(e).as("name '%s'", bad).isNotInstanceOf(ConstraintViolationException.class);
                assertThat(e.field()).isEqualTo("environment_name");
                assertThat(e.value()).isEqualTo(bad);
                assertThat(e.rule()).isEqualTo(RegistryNames.ENVIRONMENT_NAME_RULE);
            }
            InvalidValueException noType = catchThrowableOfType(InvalidValueException.class,
                    () -> models.environments().create(NewEnvironment.of("perf", null)));
            assertThat(noType.field()).isEqualTo("environment_type");
            assertThat(ctx.fetchCount(ENVIRONMENTS)).isEqualTo(rows);
            return null;
        });
    }

    @Test
    void aSecondEnvironmentOfTheSameNameIsRefusedByTheUniqueKey() {
        inRollback((models, ctx) -> {
            int rows = ctx.fetchCount(ENVIRONMENTS);
            ConstraintViolationException e = catchThrowableOfType(ConstraintViolationException.class,
                    () -> models.environments().create(NewEnvironment.of("prod", EnvironmentType.PRODUCTION)));
            assertThat(e.constraint()).isEqualTo("environments_environment_name_key");
            assertThat(e.field()).isEqualTo("environment_name");
            assertThat(ctx.fetchCount(ENVIRONMENTS)).isEqualTo(rows);
            return null;
        });
    }

    @Test
    void theInternalLookupNamesTheMissingEnvironment() {
        inRollback((models, ctx) -> {
            assertThat(Environments.find(ctx, "canary").type()).isEqualTo(EnvironmentType.CANARY);
            NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> Environments.find(ctx, "production"));
            assertThat(e.entity()).isEqualTo("environment");
            assertThat(e.id()).isEqualTo("production");
            assertThat(catchThrowableOfType(InvalidValueException.class, () -> Environments.find(ctx, "PROD")).field())
                    .isEqualTo("environment_name");
            return null;
        });
    }
}
