package org.mlregistry.examples.cookbook;

import static org.mlregistry.schema.jooq.registry.Tables.APPROVALS;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.mlregistry.core.Registry;
import org.mlregistry.core.events.EventSubscription;
import org.mlregistry.core.events.RegistryEvent;
import org.mlregistry.core.models.Deployment;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.NewDeployment;

/**
 * Cookbook: a release bot that reacts to approvals. It subscribes to the registry's events; on
 * each {@code approval.approved} it asks the gate whether the version may now go to production
 * and, when nothing is missing, deploys it there. Its position is stored after each event, so a
 * restarted bot continues where it stopped, and an event whose handling failed comes again.
 */
public final class ApprovalSubscriber {

    /** The event type of an approved approval. */
    public static final String APPROVED = "approval.approved";

    private ApprovalSubscriber() {
    }

    /**
     * Starts the bot.
     *
     * @param registry the registry, configured with a data source
     * @param environment the production environment to deploy to, e.g. {@code prod}
     * @param deployed told about each deployment the bot made
     * @return the running subscription; close it to stop the bot
     */
    public static EventSubscription start(Registry registry, String environment, Consumer<Deployment> deployed) {
        ModelRegistry bot = registry.models().actor("release-bot");
        return registry.events().subscribe("release-bot", event -> {
            if (event.type().equals(APPROVED)) {
                UUID versionId = versionOf(registry, event);
                if (bot.approvals().missing(versionId, environment).isEmpty()) {
                    deployed.accept(bot.deployments().deploy(NewDeployment.of(versionId, environment, 100)));
                }
            }
        }, Duration.ofSeconds(30));
    }

    private static UUID versionOf(Registry registry, RegistryEvent approved) {
        return registry.dsl().select(APPROVALS.VERSION_ID).from(APPROVALS)
                .where(APPROVALS.APPROVAL_ID.eq(approved.entityId())).fetchSingle(APPROVALS.VERSION_ID);
    }
}
