package org.mlregistry.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.models.Model;
import org.mlregistry.core.models.ModelRegistry;
import org.mlregistry.core.models.ModelVersion;
import org.mlregistry.core.models.NewModel;
import org.mlregistry.core.models.NewVersion;
import org.mlregistry.core.models.TagRef;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.ModelFramework;
import org.mlregistry.schema.types.TagCategory;

/** Events are written with each committed change, in commit order, and delivered at least once per subscriber. */
class EventsTest extends DatabaseTest {

    private final List<UUID> models = new ArrayList<>();
    private final List<String> subscribers = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    private static Registry registry() {
        return Registry.configure().dataSource(dataSource()).load();
    }

    private ModelRegistry modelsAs(String actor) {
        return registry().models().actor(actor);
    }

    private Model newModel() {
        Model m = modelsAs("alice").catalog().createModel(NewModel.of("ev-" + UUID.randomUUID().toString().substring(0, 8), "Events"));
        models.add(m.modelId());
        return m;
    }

    private String subscriber() {
        String name = "test-" + UUID.randomUUID();
        subscribers.add(name);
        return name;
    }

    private static ModelVersion register(ModelRegistry models, Model m, String semver) {
        return models.versions().register(NewVersion.of(m.modelId(), semver, "s3://m/" + semver, ModelFramework.PYTORCH));
    }

    @AfterEach
    void cleanUp() {
        pool.shutdownNow();
        for (UUID id : models) {
            db().execute("DELETE FROM registry.models WHERE model_id = ?::uuid", id);
            db().execute("DELETE FROM registry.events WHERE model_id = ?::uuid", id);
        }
        for (String name : subscribers) {
            db().execute("DELETE FROM registry.event_subscribers WHERE subscriber_name = ?", name);
        }
    }

    @Test
    void eachChangeOfAModelIsOneEventNumberedInOrder() {
        Model m = newModel();
        ModelVersion v = register(modelsAs("alice"), m, "1.0.0");
        modelsAs("bob").versions().validate(v.versionId(), "tests pass");

        List<RegistryEvent> events = registry().events().ofModel(m.modelId(), 0, 100);

        assertThat(events).extracting(RegistryEvent::type)
                .containsExactly("model.create", "version.register", "version.status.validated");
        assertThat(events).extracting(RegistryEvent::modelSequence).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(RegistryEvent::actor).containsExactly("alice", "alice", "bob");
        assertThat(events).extracting(RegistryEvent::eventId).isSorted();
        List<Long> auditIds = db().fetch("SELECT audit_id FROM registry.audit_log WHERE model_id = ?::uuid ORDER BY audit_id", m.modelId())
                .getValues(0, Long.class);
        assertThat(events).extracting(RegistryEvent::auditId).containsExactlyElementsOf(auditIds);
        assertThat(events.get(2).payload()).contains("\"status\": \"validated\"");
        assertThat(registry().events().after(events.get(0).eventId() - 1, 1000))
                .filteredOn(e -> m.modelId().equals(e.modelId())).containsExactlyElementsOf(events);
    }

    @Test
    void aRolledBackChangeLeavesNoEvent() {
        Model m = newModel();
        Registry registry = registry();
        try {
            registry.inTransaction(ctx -> {
                register(registry.models().actor("alice"), m, "1.0.0");
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(registry.events().ofModel(m.modelId(), 0, 100)).extracting(RegistryEvent::type).containsExactly("model.create");
    }

    /**
     * The ordering hazard of outboxes: transaction A writes its change first (lower audit id) but
     * commits after B. Event ids are taken at commit, so A's event comes after B's, and a
     * subscriber that already read B's still gets A's.
     */
    @Test
    void aChangeWrittenFirstButCommittedLaterIsNotSkipped() throws Exception {
        Model m = newModel();
        ModelVersion v = register(modelsAs("alice"), m, "1.0.0");
        String name = subscriber();
        Events events = registry().events();
        events.poll(name, e -> { }, 1000); // registers at the head
        CountDownLatch aWrote = new CountDownLatch(1);
        CountDownLatch aMayCommit = new CountDownLatch(1);
        Future<?> a = pool.submit(() -> db().transaction(c -> {
            Registry.configure().dsl(c.dsl()).load().models().actor("a").tags().tagModel(m.modelId(), TagRef.of(TagCategory.DOMAIN, "nlp"));
            aWrote.countDown();
            assertThat(aMayCommit.await(20, TimeUnit.SECONDS)).isTrue();
        }));
        assertThat(aWrote.await(20, TimeUnit.SECONDS)).isTrue();
        modelsAs("b").versions().validate(v.versionId(), "b commits first");

        List<RegistryEvent> seen = new ArrayList<>();
        events.poll(name, seen::add, 1000);
        aMayCommit.countDown();
        a.get(20, TimeUnit.SECONDS);
        events.poll(name, seen::add, 1000);

        assertThat(seen).filteredOn(e -> m.modelId().equals(e.modelId())).extracting(RegistryEvent::type)
                .containsExactly("version.status.validated", "model.tag");
        RegistryEvent b = seen.stream().filter(e -> e.type().equals("version.status.validated")).findFirst().orElseThrow();
        RegistryEvent late = seen.stream().filter(e -> e.type().equals("model.tag")).findFirst().orElseThrow();
        assertThat(late.auditId()).as("A wrote first").isLessThan(b.auditId());
        assertThat(late.eventId()).as("A committed last").isGreaterThan(b.eventId());
        assertThat(late.modelSequence()).isEqualTo(b.modelSequence() + 1);
    }

    @Test
    void aHandlersExceptionLeavesThePositionSoTheEventComesAgain() {
        String name = subscriber();
        Events events = registry().events();
        events.poll(name, e -> { }, 1000);
        Model m = newModel();
        long before = events.position(name).orElseThrow();

        RuntimeException boom = new RuntimeException("handler failed");
        List<RegistryEvent> failed = new ArrayList<>();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> events.poll(name, e -> {
            failed.add(e);
            throw boom;
        }, 10));
        List<RegistryEvent> again = new ArrayList<>();
        int delivered = events.poll(name, again::add, 1000);

        assertThat(thrown).isSameAs(boom);
        assertThat(failed).extracting(RegistryEvent::modelId).containsExactly(m.modelId());
        assertThat(again).first().isEqualTo(failed.get(0));
        assertThat(delivered).isEqualTo(again.size());
        assertThat(events.position(name).orElseThrow()).isEqualTo(again.get(again.size() - 1).eventId()).isGreaterThan(before);
    }

    @Test
    void aNotificationWakesTheSubscriberAndAStoppedOneResumesFromItsPosition() throws Exception {
        String name = subscriber();
        List<RegistryEvent> received = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        Model m;
        // an hour between polls: only NOTIFY can deliver within the latch's 30 s
        try (EventSubscription s = registry().events().subscribe(name, e -> {
            received.add(e);
            first.countDown();
        }, Duration.ofHours(1))) {
            awaitFirstRound(s);
            m = newModel();
            assertThat(first.await(30, TimeUnit.SECONDS)).as("woken by NOTIFY").isTrue();
            assertThat(s.lastFailure()).isEmpty();
        }
        assertThat(received).extracting(RegistryEvent::modelId).contains(m.modelId());

        register(modelsAs("alice"), m, "1.0.0"); // while no one listens
        List<RegistryEvent> resumed = new CopyOnWriteArrayList<>();
        CountDownLatch version = new CountDownLatch(1);
        try (EventSubscription s = registry().events().subscribe(name, e -> {
            resumed.add(e);
            if (e.type().equals("version.register") && m.modelId().equals(e.modelId())) {
                version.countDown();
            }
        }, Duration.ofHours(1))) {
            assertThat(version.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(s.subscriberName()).isEqualTo(name);
            assertThat(s.isRunning()).isTrue();
        }
        assertThat(resumed).extracting(RegistryEvent::type).doesNotContain("model.create");
        assertThat(resumed.get(0).eventId()).isGreaterThan(received.get(received.size() - 1).eventId());
    }

    @Test
    void aFailingHandlerIsRetriedByTheSubscriptionUntilItSucceeds() throws Exception {
        String name = subscriber();
        AtomicBoolean failedOnce = new AtomicBoolean();
        List<RegistryEvent> accepted = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (EventSubscription s = registry().events().subscribe(name, e -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("first attempt fails");
            }
            accepted.add(e);
            done.countDown();
        }, Duration.ofMillis(50))) {
            awaitFirstRound(s);
            Model m = newModel();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(s.lastFailure()).get().extracting(Throwable::getMessage).isEqualTo("first attempt fails");
            assertThat(accepted.get(0).modelId()).isEqualTo(m.modelId());
        }
    }

    @Test
    void closeEndsAWaitForANotificationAtOnce() {
        EventSubscription s = registry().events().subscribe(subscriber(), e -> { }, Duration.ofHours(1));
        awaitFirstRound(s);
        s.close(); // waits at most 30 s; only aborting the listening connection ends an hour's wait within that
        assertThat(s.isRunning()).isFalse();
        assertThat(s.lastFailure()).isEmpty();
    }

    private static void awaitFirstRound(EventSubscription s) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.rounds() == 0) {
            assertThat(System.nanoTime()).as("the subscription did not start within 30 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void seekMovesAPositionAndNamesAndLimitsAreChecked() {
        Events events = registry().events();
        String name = subscriber();
        assertThat(events.position(name)).isEmpty();
        events.seek(name, 0);
        assertThat(events.position(name)).hasValue(0);

        InvalidValueException badName = catchThrowableOfType(() -> events.poll("has space", e -> { }, 1), InvalidValueException.class);
        assertThat(badName.field()).isEqualTo("subscriber_name");
        assertThat(catchThrowableOfType(() -> events.after(0, 0), InvalidValueException.class).field()).isEqualTo("limit");
        assertThat(catchThrowableOfType(() -> events.seek(name, -1), InvalidValueException.class).field()).isEqualTo("position");
        assertThat(catchThrowableOfType(() -> events.subscribe(name, e -> { }, Duration.ZERO), InvalidValueException.class)
                .field()).isEqualTo("poll_interval");
        assertThat(catchThrowableOfType(() -> events.ofModel(null, 0, 1), InvalidValueException.class).field()).isEqualTo("model_id");
    }
}
