package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.RunStatus;
import org.mlregistry.schema.types.TagCategory;

/** Audit queries by model, actor and time window: keyset pages, newest first, each one indexed statement. */
class AuditQueriesTest extends ModelsTestSupport {

    /** Audit ids of a model's rows by hand: the model's own and those of its versions' children, newest first. */
    private static List<Long> auditIdsOfModelBySql(DSLContext ctx, UUID modelId) {
        return ctx.fetch("""
                SELECT a.audit_id FROM registry.audit_log a
                WHERE a.entity_id = ?
                   OR a.entity_id IN (SELECT version_id FROM registry.model_versions WHERE model_id = ?)
                   OR a.entity_id IN (SELECT d.deployment_id FROM registry.deployments d JOIN registry.model_versions v USING (version_id) WHERE v.model_id = ?)
                   OR a.entity_id IN (SELECT p.approval_id FROM registry.approvals p JOIN registry.model_versions v USING (version_id) WHERE v.model_id = ?)
                   OR a.entity_id IN (SELECT r.run_id FROM registry.training_runs r JOIN registry.model_versions v USING (version_id) WHERE v.model_id = ?)
                ORDER BY a.audit_id DESC""", modelId, modelId, modelId, modelId, modelId).getValues(0, Long.class);
    }

    @Test
    void aModelsTrailCoversItsVersionsDeploymentsApprovalsRunsAndTagsAndNoOtherModel() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            Model other = model(models);
            version(models, other, "1.0.0");
            ModelVersion v = validated(models, m, "1.0.0");
            models.tags().tagModel(m.modelId(), TagRef.of(TagCategory.DOMAIN, "nlp"));
            models.lineage().recordTrainingRun(new NewTrainingRun(v.versionId(), "r1", null, RunStatus.SUCCEEDED, null, null, null, null));
            Approval a = models.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, "production", null);
            models.actor("officer").approvals().approve(a.approvalId(), OffsetDateTime.now().plusDays(30), "ok");
            Deployment d = models.deployments().deploy(NewDeployment.of(v.versionId(), "staging", 100));

            AuditPage page = models.audit().ofModel(m.modelId(), 100);

            assertThat(page.entries()).extracting(AuditEntry::auditId).containsExactlyElementsOf(auditIdsOfModelBySql(ctx, m.modelId()));
            assertThat(page.entries()).extracting(e -> e.entityType().getLiteral() + ":" + e.action()).containsExactly(
                    "version:status:deployed", "deployment:deploy", "approval:approved", "approval:request", "training_run:record",
                    "model:tag", "version:status:validated", "version:register", "model:create");
            assertThat(page.entries()).extracting(AuditEntry::entityId).contains(m.modelId(), v.versionId(), a.approvalId(), d.deploymentId());
            assertThat(page.next()).isEmpty();
            return null;
        });
    }

    @Test
    void pagesFollowTheCursorToTheEndWithoutRepeatsOrGaps() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            for (String semver : List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0")) {
                version(models, m, semver);
            }
            List<Long> pages = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            AuditPage page = models.audit().ofModel(m.modelId(), 2);
            while (true) {
                page.entries().forEach(e -> pages.add(e.auditId()));
                sizes.add(page.entries().size());
                if (page.next().isEmpty()) {
                    break;
                }
                version(models, m, "9." + sizes.size() + ".0"); // written between pages: newer, never on a later page
                page = models.audit().ofModel(m.modelId(), page.next().get(), 2);
            }
            assertThat(sizes).containsExactly(2, 2, 1);
            List<Long> all = auditIdsOfModelBySql(ctx, m.modelId());
            assertThat(pages).containsExactlyElementsOf(all.subList(all.size() - 5, all.size()));
            return null;
        });
    }

    @Test
    void byActorReturnsOnlyThatActorsEntriesNewestFirst() {
        inRollback((models, ctx) -> {
            String actor = unique("auditor");
            Model m = model(models.actor(actor));
            version(models.actor(actor), m, "1.0.0");
            version(models, m, "2.0.0");

            AuditPage first = models.audit().byActor(actor, 1);
            AuditPage second = models.audit().byActor(actor, first.next().orElseThrow(), 1);

            List<Long> expected = ctx.fetch("SELECT audit_id FROM registry.audit_log WHERE actor = ? ORDER BY audit_id DESC", actor)
                    .getValues(0, Long.class);
            assertThat(expected).hasSize(2);
            assertThat(first.entries()).extracting(AuditEntry::auditId).containsExactly(expected.get(0));
            assertThat(second.entries()).extracting(AuditEntry::auditId).containsExactly(expected.get(1));
            assertThat(second.next()).isEmpty();
            assertThat(second.entries().get(0).action()).isEqualTo("create");
            return null;
        });
    }

    @Test
    void betweenReturnsTheWindowByOccurredAtNewestFirst() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            for (String semver : List.of("1.0.0", "1.1.0", "1.2.0")) {
                version(models, m, semver);
            }
            List<OffsetDateTime> times = ctx.fetch("SELECT occurred_at FROM registry.audit_log WHERE model_id = ?::uuid ORDER BY occurred_at",
                    m.modelId()).getValues(0, OffsetDateTime.class);
            OffsetDateTime from = times.get(1);
            OffsetDateTime to = times.get(3); // exclusive: the last version's entry is outside

            AuditPage first = models.audit().between(from, to, 1);
            AuditPage second = models.audit().between(from, to, first.next().orElseThrow(), 1);

            List<Long> expected = ctx.fetch("SELECT audit_id FROM registry.audit_log WHERE occurred_at >= ?::timestamptz AND occurred_at < ?::timestamptz "
                    + "ORDER BY occurred_at DESC, audit_id DESC", from, to).getValues(0, Long.class);
            assertThat(expected).hasSize(2);
            assertThat(first.entries()).extracting(AuditEntry::auditId).containsExactly(expected.get(0));
            assertThat(second.entries()).extracting(AuditEntry::auditId).containsExactly(expected.get(1));
            assertThat(second.next()).isEmpty();
            return null;
        });
    }

    @Test
    void anAuditRowWrittenByHandGetsItsModelIdFromTheTriggerWhateverItSays() {
        inRollback((models, ctx) -> {
            Model m = model(models);
            ModelVersion v = version(models, m, "1.0.0");
            UUID written = ctx.fetchOne("""
                    INSERT INTO registry.audit_log (entity_type, entity_id, action, actor, model_id)
                    VALUES ('version', ?, 'manual', 'dba', gen_random_uuid()) RETURNING model_id""", v.versionId()).get(0, UUID.class);
            UUID ofDataset = ctx.fetchOne("""
                    INSERT INTO registry.audit_log (entity_type, entity_id, action, actor, after_state)
                    VALUES ('dataset', gen_random_uuid(), 'create', 'dba', '{"model_id": "not-a-uuid"}') RETURNING model_id""").get(0, UUID.class);
            UUID ofDeletedVersion = ctx.fetchOne("""
                    INSERT INTO registry.audit_log (entity_type, entity_id, action, actor, before_state)
                    VALUES ('approval', gen_random_uuid(), 'delete', 'dba', jsonb_build_object('version_id', ?::uuid)) RETURNING model_id""",
                    v.versionId()).get(0, UUID.class);
            assertThat(written).isEqualTo(m.modelId());
            assertThat(ofDataset).isNull();
            assertThat(ofDeletedVersion).isEqualTo(m.modelId());
            return null;
        });
    }

    @Test
    void eachQueryIsServedByItsIndex() {
        rolledBack(ctx -> {
            ctx.execute("SET LOCAL enable_seqscan = off");
            String byModel = plan(ctx, "SELECT * FROM registry.audit_log WHERE model_id = '00000000-0000-0000-0000-000000000001' AND audit_id < 100 "
                    + "ORDER BY audit_id DESC LIMIT 51");
            assertThat(indexesUsed(ctx, byModel)).containsExactly("registry.idx_audit_model_id");
            assertThat(byModel).doesNotContain("Sort  ");
            String byActor = plan(ctx, "SELECT * FROM registry.audit_log WHERE actor = 'alice' AND audit_id < 100 "
                    + "ORDER BY audit_id DESC LIMIT 51");
            assertThat(indexesUsed(ctx, byActor)).containsExactly("registry.idx_audit_actor_id");
            assertThat(byActor).doesNotContain("Sort  ");
            String window = plan(ctx, "SELECT * FROM registry.audit_log WHERE occurred_at >= now() - interval '1 day' AND occurred_at < now() "
                    + "AND (occurred_at, audit_id) < (now(), 100) ORDER BY occurred_at DESC, audit_id DESC LIMIT 51");
            assertThat(indexesUsed(ctx, window)).containsExactly("registry.idx_audit_occurred_id");
            assertThat(window).doesNotContain("Sort  ");
        });
    }

    /**
     * The indexes a plan uses, each partition's copy named by the partitioned table's index it
     * belongs to (V60: the audit log is partitioned by month; a Merge Append keeps the order, with
     * "Sort Key" but no Sort node).
     */
    private static List<String> indexesUsed(DSLContext ctx, String plan) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("using (\\w+)").matcher(plan);
        List<String> used = new java.util.ArrayList<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        return ctx.fetch("""
                SELECT DISTINCT coalesce(p.inhparent, c.oid)::regclass::text FROM pg_class c
                  LEFT JOIN pg_inherits p ON p.inhrelid = c.oid
                 WHERE c.relname = ANY(?::text[]) AND c.relnamespace = 'registry'::regnamespace
                """, (Object) used.toArray(String[]::new)).getValues(0, String.class);
    }

    private static String plan(DSLContext ctx, String sql) {
        return String.join("\n", ctx.fetch("EXPLAIN " + sql).getValues(0, String.class));
    }

    @Test
    void pageSizeActorAndWindowAreCheckedBeforeTheRoundTrip() {
        inRollback(models -> {
            checkedBeforeTheRoundTrip(models.audit());
            return null;
        });
    }

    private static void checkedBeforeTheRoundTrip(AuditTrail audit) {
        InvalidValueException size = catchThrowableOfType(() -> audit.ofModel(UUID.randomUUID(), 0), InvalidValueException.class);
        assertThat(size.field()).isEqualTo("page_size");
        assertThat(size.rule()).isEqualTo("must be between 1 and 1000");
        assertThat(catchThrowableOfType(() -> audit.byActor(" ", 10), InvalidValueException.class).field()).isEqualTo("actor");
        assertThat(catchThrowableOfType(() -> audit.ofModel(null, 10), InvalidValueException.class).field()).isEqualTo("model_id");
        OffsetDateTime now = OffsetDateTime.now();
        InvalidValueException window = catchThrowableOfType(() -> audit.between(now, now, 10), InvalidValueException.class);
        assertThat(window.field()).isEqualTo("to");
        assertThat(window.rule()).startsWith("must be after from");
        assertThat(catchThrowableOfType(() -> audit.byActor("a", 1001), InvalidValueException.class).value()).isEqualTo(1001);
        assertThat(audit.ofModel(UUID.randomUUID(), 10)).isEqualTo(new AuditPage(List.of(), Optional.empty()));
    }
}
