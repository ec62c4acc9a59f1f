package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.events.EventSubscription;
import org.mlregistry.core.models.Approval;
import org.mlregistry.core.models.Deployment;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.ApprovalType;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.RiskLevel;

/** The release bot deploys a version to production when its compliance approval is approved, not before. */
class ApprovalSubscriberTest extends DatabaseTest {

    private final Registry registry = Registry.configure().dataSource(dataSource()).load();
    private UUID modelId;

    @AfterEach
    void cleanUp() {
        db().execute("DELETE FROM registry.deployments WHERE version_id IN (SELECT version_id FROM registry.model_versions WHERE model_id = ?::uuid)", modelId);
        db().execute("DELETE FROM registry.models WHERE model_id = ?::uuid", modelId);
        db().execute("DELETE FROM registry.events WHERE model_id = ?::uuid", modelId);
        db().execute("DELETE FROM registry.event_subscribers WHERE subscriber_name = 'release-bot'");
    }

    @Test
    void anApprovalThatOpensTheGateDeploysTheVersion() throws Exception {
        ModelRegistry alice = registry.models().actor("alice");
        Model model = alice.catalog().createModel(NewModel.of("bot-" + UUID.randomUUID().toString().substring(0, 8), "Bot")
                .risk(RiskLevel.HIGH, true));
        modelId = model.modelId();
        ModelVersion v = alice.versions().register(NewVersion.of(model.modelId(), "1.0.0", "s3://m/1.0.0", ModelFramework.XGBOOST));
        alice.versions().validate(v.versionId(), "offline evaluation passed");
        registry.events().poll("release-bot", e -> { }, 1); // the bot's position starts here

        List<Deployment> deployed = new CopyOnWriteArrayList<>();
        CountDownLatch one = new CountDownLatch(1);
        try (EventSubscription bot = ApprovalSubscriber.start(registry, "prod", d -> {
            deployed.add(d);
            one.countDown();
        })) {
            Approval request = alice.approvals().request(v.versionId(), ApprovalType.COMPLIANCE, "production", null);
            registry.models().actor("officer").approvals().approve(request.approvalId(), OffsetDateTime.now().plusDays(30), "ok");

            assertThat(one.await(30, TimeUnit.SECONDS)).as("the bot deployed after the approval's NOTIFY").isTrue();
            assertThat(bot.lastFailure()).isEmpty();
        }
        assertThat(deployed).singleElement().satisfies(d -> {
            assertThat(d.versionId()).isEqualTo(v.versionId());
            assertThat(d.trafficPercentage()).isEqualTo(100);
            assertThat(d.deployedBy()).isEqualTo("release-bot");
        });
    }
}
