package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_VERSIONS;

import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.ConstraintViolationException;
import org.mlregistry.core.error.InvalidTransitionException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.internal.SemVer;
import org.mlregistry.core.internal.Validator;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.VersionStatus;

class VersionsTest extends ModelsTestSupport {

    private static final List<String> SAMPLES = List.of("1.2.3", "0.0.0", "1.2.3-beta", "1.0.0-rc.1", "1.0.0-RC1",
            "1.0.0-alpha.beta.1", "1.0.0+build.5", "1.0.0-0.3.7", "1.0.0-x-y-z.--", "01.0.0", "1.2", "1.2.3.4", "v1.2.3",
            "1.2.3-", "1.2.3-01", "1.2.3+", "1.2.3-beta..1", "", " 1.2.3", "1.2.3\n", "1.2.3-ß",
            "1.0.0-a.b.", "1.0.0+b..c", "1.0.0-0a.00", "1.0.0-a+b+c", "1.0.0-+b", "1.0.0-rc.1+build.2-x");

    @Test
    void javaSemverRuleIsTheDatabaseCheck() {
        inRollback((models, ctx) -> {
            String def = String.valueOf(ctx.fetchValue("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'valid_semver' "
                    + "AND conrelid = 'registry.model_versions'::regclass"));
            String regex = def.substring(def.indexOf("~ '") + 3, def.lastIndexOf("'::text"));
            for (String sample : SAMPLES) {
                boolean db = ctx.fetchValue(DSL.field("{0} ~ {1}", Boolean.class, DSL.val(sample), DSL.val(regex)));
                assertThat(SemVer.isValid(sample)).as("semver %s", sample).isEqualTo(db);
            }
            assertThat(SAMPLES.stream().filter(SemVer::isValid)).hasSize(10);
            return null;
        });
    }

    @Test
    void aFiveKilobytePreReleaseIsRefusedTypedOnAThreadWithTheDefaultStack() throws InterruptedException {
        String preRelease = "1.0.0-" + String.join(".", java.util.Collections.nCopies(1_700, "a1")) + "+b";
        assertThat(preRelease.length()).isGreaterThan(5_000);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean valid = new java.util.concurrent.atomic.AtomicBoolean();
        Thread normal = new Thread(() -> {
            valid.set(SemVer.isValid(preRelease));
            try {
                Validator.semver(preRelease);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        normal.start();
        normal.join();
        assertThat(valid).as("the syntax check walks 1,700 identifiers without recursion").isTrue();
        assertThat(thrown.get()).isInstanceOf(InvalidValueException.class);
        InvalidValueException e = (InvalidValueException) thrown.get();
        assertThat(e.field()).isEqualTo("semver");
        assertThat(e.rule()).isEqualTo("must have at most " + Validator.SEMVER_MAX + " characters");
        assertThat(e.value().toString()).hasSizeLessThan(100);

        // a version of 254 characters, 123 identifiers,, is what the database's own check accepts
        String longest = "1.0.0-" + String.join(".", java.util.Collections.nCopies(123, "a")) + "+b1";
        assertThat(longest.length()).isLessThanOrEqualTo(Validator.SEMVER_MAX);
        ModelVersion stored = inRollback(models -> version(models, model(models), longest));
        assertThat(stored.semver()).isEqualTo(longest);
    }

    @Test
    void registersAndRefusesInvalidSemverBeforeTheRoundTrip() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v = version(models, m, "1.2.3-beta");
            assertThat(v.status()).isEqualTo(VersionStatus.REGISTERED);
            assertThat(v.registeredBy()).isEqualTo(ACTOR);
            var beta = ctx.selectFrom(MODEL_VERSIONS).where(MODEL_VERSIONS.VERSION_ID.eq(v.versionId())).fetchSingle();
            assertThat(beta.getSemverMajor()).isEqualByComparingTo("1");
            assertThat(beta.getSemverIsRelease()).isFalse();
            ModelVersion build = version(models, m, "10.20.30+build.7");
            var release = ctx.selectFrom(MODEL_VERSIONS).where(MODEL_VERSIONS.VERSION_ID.eq(build.versionId())).fetchSingle();
            assertThat(release.getSemverMajor()).isEqualByComparingTo("10");
            assertThat(release.getSemverMinor()).isEqualByComparingTo("20");
            assertThat(release.getSemverPatch()).isEqualByComparingTo("30");
            assertThat(release.getSemverIsRelease()).isTrue();
            assertThat(release.getSemverPrerelease()).isNull();

            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> models.versions().register(NewVersion.of(m.modelId(), "01.2.3", "s3://x", ModelFramework.ONNX)));
            assertThat(e).isNotInstanceOf(ConstraintViolationException.class);
            assertThat(e.field()).isEqualTo("semver");
            assertThat(e.value()).isEqualTo("01.2.3");

            ConstraintViolationException dup = catchThrowableOfType(ConstraintViolationException.class,
                    () -> version(models, m, "1.2.3-beta"));
            assertThat(dup.constraint()).isEqualTo("unique_model_version");
            assertThat(dup.field()).isEqualTo("semver");
            assertThat(models.versions().of(m.modelId())).extracting(ModelVersion::semver).containsExactly("10.20.30+build.7", "1.2.3-beta");
            return null;
        });
    }

    @Test
    void ordersBySemanticVersionNotText() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            for (String s : List.of("1.9.0", "1.10.0", "1.10.0-rc.2", "1.10.0-rc.10", "1.10.0-beta", "2.0.0-alpha", "1.2.0")) {
                version(models, m, s);
            }
            assertThat(models.versions().of(m.modelId())).extracting(ModelVersion::semver)
                    .containsExactly("2.0.0-alpha", "1.10.0", "1.10.0-rc.10", "1.10.0-rc.2", "1.10.0-beta", "1.9.0", "1.2.0");
            assertThat(models.versions().latest(m.modelId(), VersionOrder.SEMVER).map(ModelVersion::semver)).contains("2.0.0-alpha");
            return null;
        });
    }

    @Test
    void latestByRegistrationTimeDiffersFromLatestBySemver() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion high = version(models, m, "2.0.0");
            ModelVersion hotfix = version(models, m, "1.4.1");
            // registered_at is the transaction time: make the hotfix clearly later
            ctx.execute("UPDATE registry.model_versions SET registered_at = registered_at + interval '1 hour' WHERE version_id = ?",
                    hotfix.versionId());
            assertThat(models.versions().latest(m.modelId(), VersionOrder.SEMVER).map(ModelVersion::versionId)).contains(high.versionId());
            assertThat(models.versions().latest(m.modelId(), VersionOrder.REGISTRATION).map(ModelVersion::versionId))
                    .contains(hotfix.versionId());
            assertThat(models.versions().latest(model(models).modelId(), VersionOrder.SEMVER)).isEmpty();
            return null;
        });
    }

    @Test
    void walksTheLifecycleWithReasonsAndTimestamps() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v = version(models, m, "1.0.0");
            ModelVersion validated = models.versions().validate(v.versionId(), "offline eval ok");
            assertThat(validated.status()).isEqualTo(VersionStatus.VALIDATED);
            assertThat(validated.statusReason()).isEqualTo("offline eval ok");
            assertThat(validated.statusChangedAt()).isNotNull();
            Deployment serving = models.deployments().deploy(NewDeployment.of(v.versionId(), "staging", 100));
            assertThat(models.versions().get(v.versionId()).status()).isEqualTo(VersionStatus.DEPLOYED);
            ModelVersion deprecated = models.versions().deprecate(v.versionId(), "superseded by 1.1.0");
            assertThat(deprecated.deprecatedAt()).isNotNull();
            assertThat(deprecated.deprecationReason()).isEqualTo("superseded by 1.1.0");
            models.deployments().undeploy(serving.deploymentId());
            assertThat(models.versions().get(v.versionId()).status()).as("a deprecated version stays deprecated when it stops serving")
                    .isEqualTo(VersionStatus.DEPRECATED);
            ModelVersion archived = models.versions().archive(v.versionId(), "retention");
            assertThat(archived.status()).isEqualTo(VersionStatus.ARCHIVED);
            assertThat(models.versions().latest(m.modelId(), VersionOrder.SEMVER)).isEmpty();
            assertThat(models.audit().of(v.versionId())).extracting(AuditEntry::action)
                    .containsExactly("register", "status:validated", "status:deployed", "status:deprecated", "status:archived");
            return null;
        });
    }

    @Test
    void refusesIllegalTransitionsAndWritesNothing() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v = version(models, m, "1.0.0");
            InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.versions().transition(v.versionId(), VersionStatus.DEPLOYED, "skip validation"));
            assertThat(e.current()).isEqualTo(VersionStatus.REGISTERED);
            assertThat(e.attempted()).isEqualTo(VersionStatus.DEPLOYED);
            assertThat(catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.versions().archive(v.versionId(), "x")).current()).isEqualTo(VersionStatus.REGISTERED);
            assertThat(models.versions().get(v.versionId()).status()).isEqualTo(VersionStatus.REGISTERED);
            assertThat(models.audit().of(v.versionId())).hasSize(1);
            models.versions().validate(v.versionId(), "ok");
            InvalidTransitionException byHand = catchThrowableOfType(InvalidTransitionException.class,
                    () -> models.versions().transition(v.versionId(), VersionStatus.DEPLOYED, "no deployment"));
            assertThat(byHand.current()).as("deployed follows serving, never set by hand").isEqualTo(VersionStatus.VALIDATED);
            assertThat(byHand.attempted()).isEqualTo(VersionStatus.DEPLOYED);
            assertThat(models.versions().get(v.versionId()).status()).isEqualTo(VersionStatus.VALIDATED);
            assertThat(catchThrowableOfType(NotFoundException.class,
                    () -> models.versions().validate(java.util.UUID.randomUUID(), "x")).entity()).isEqualTo("model version");
            assertThat(VersionLifecycle.allows(VersionStatus.VALIDATED, VersionStatus.DEPRECATED)).isTrue();
            assertThat(VersionLifecycle.allows(VersionStatus.ARCHIVED, VersionStatus.REGISTERED)).isFalse();
            assertThat(VersionLifecycle.allowedFrom(VersionStatus.DEPRECATED))
                    .containsExactlyInAnyOrder(VersionStatus.VALIDATED, VersionStatus.DEPLOYED);
            assertThat(VersionLifecycle.allowedFrom(VersionStatus.REGISTERED)).isEmpty();
            return null;
        });
    }

    /** L2.P3.93: vw_latest_model_versions. */
    @Test
    void latestVersionsViewIsTyped() {
        inRollback((models, ctx) -> {
            assertThat(models.versions().latestPerModel()).filteredOn(r -> r.modelName().equals("sentiment-classifier"))
                    .extracting(r -> r.semver()).containsExactly("1.1.0");
            return null;
        });
    }

    /** L2.P3.93: */
    @Test
    void latestVersionsViewBreaksTiesBySemverPrecedenceNotText() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            // one transaction: both share registered_at, so the tie-break decides
            version(models, m, "1.0.0-beta.9");
            version(models, m, "1.0.0-beta.10");
            assertThat(models.versions().latestPerModel()).filteredOn(r -> r.modelId().equals(m.modelId()))
                    .extracting(r -> r.semver()).containsExactly("1.0.0-beta.10");
            assertThat(models.versions().latest(m.modelId(), VersionOrder.SEMVER).map(ModelVersion::semver)).contains("1.0.0-beta.10");
            return null;
        });
    }
}
