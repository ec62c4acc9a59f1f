package org.mlregistry.core.events;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jooq.ConnectionProvider;
import org.jooq.impl.DefaultConnectionProvider;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Session;
import org.mlregistry.core.internal.Validator;

/**
 * Registry events: every audited change of the registry writes one event in its own transaction
 * (a transactional outbox in {@code registry.events}), numbered at commit so that event ids
 * increase in commit order, and announced with {@code NOTIFY mlregistry_events} on commit.
 *
 * <pre>{@code
 * try (EventSubscription s = registry.events().subscribe("deployer", event -> {
 *     if (event.type().equals("approval.approved")) { ... }
 * })) { ... }
 * }</pre>
 *
 * A subscriber is a name with a stored position (the last event its handler accepted): it gets
 * each event at least once (again after a handler's exception or a crash before its position was
 * stored), in commit order, so in order per model, and resumes where it stopped. A new name
 * starts after the newest event committed when it first polls or subscribes; {@link #seek} moves it.
 */
public final class Events {

    /** The largest batch a read or a poll returns. */
    public static final int MAX_BATCH = 1000;

    /** How often a subscription looks for events when no notification woke it. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private static final Pattern SUBSCRIBER_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private final Session session;

    private Events(Session session) {
        this.session = session;
    }

    /**
     * The events of a session; services get them from {@code Registry.events()}.
     *
     * @param session the registry's session (internal)
     * @return the events
     */
    public static Events of(Session session) {
        return new Events(Objects.requireNonNull(session, "session"));
    }

    /**
     * Committed events after eventId, in commit order.
     *
     * @param eventId the last event already seen, 0 for the start
     * @param limit at most this many, 1 to {@value #MAX_BATCH}
     * @return the events, oldest first
     * @throws InvalidValueException when eventId is negative or limit out of range
     */
    public List<RegistryEvent> after(long eventId, int limit) {
        nonNegative("event_id", eventId);
        batch(limit);
        return session.read(ctx -> EventStatements.after(ctx, eventId, limit));
    }

    /**
     * Committed events of one model after a model sequence number, in order.
     *
     * @param modelId the model
     * @param afterSequence the last sequence number already seen, 0 for the start
     * @param limit at most this many, 1 to {@value #MAX_BATCH}
     * @return the model's events, sequence 1, 2, 3, …
     * @throws InvalidValueException when modelId is null, afterSequence negative or limit out of range
     */
    public List<RegistryEvent> ofModel(UUID modelId, long afterSequence, int limit) {
        Validator.required("model_id", modelId);
        nonNegative("model_sequence", afterSequence);
        batch(limit);
        return session.read(ctx -> EventStatements.ofModel(ctx, modelId, afterSequence, limit));
    }

    /**
     * The stored position of a subscriber: the id of the last event its handler accepted.
     *
     * @param subscriberName the subscriber
     * @return its position, or empty when it never polled or subscribed
     * @throws InvalidValueException when the name is not 1–128 letters, digits or {@code _ . : -}
     */
    public OptionalLong position(String subscriberName) {
        String name = subscriberName(subscriberName);
        return session.read(ctx -> EventStatements.position(ctx, name))
                .map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /**
     * Sets a subscriber's position, e.g. 0 to replay every event, creating the subscriber if needed.
     *
     * @param subscriberName the subscriber
     * @param position the last event it should count as handled
     * @throws InvalidValueException when the name is invalid or position negative
     */
    public void seek(String subscriberName, long position) {
        String name = subscriberName(subscriberName);
        nonNegative("position", position);
        session.inTransaction(ctx -> {
            EventStatements.seek(ctx, name, position);
            return null;
        });
    }

    /**
     * Hands the next events after the subscriber's position to handler, in order, storing the
     * position after each one it accepted. When handler throws, the exception leaves and the event
     * stays unhandled: the next poll delivers it again.
     *
     * @param subscriberName the subscriber
     * @param handler what to do with each event
     * @param max at most this many events, 1 to {@value #MAX_BATCH}
     * @return how many events handler accepted
     * @throws InvalidValueException when the name is invalid or max out of range
     */
    public int poll(String subscriberName, Consumer<RegistryEvent> handler, int max) {
        String name = subscriberName(subscriberName);
        Objects.requireNonNull(handler, "handler");
        batch(max);
        return session.read(ctx -> EventStatements.deliver(ctx, name, handler, max));
    }

    /**
     * Subscribes with the {@linkplain #DEFAULT_POLL_INTERVAL default poll interval}.
     *
     * @param subscriberName the subscriber
     * @param handler what to do with each event
     * @return the running subscription; close it to stop
     * @throws InvalidValueException when the name is invalid
     * @see #subscribe(String, Consumer, Duration)
     */
    public EventSubscription subscribe(String subscriberName, Consumer<RegistryEvent> handler) {
        return subscribe(subscriberName, handler, DEFAULT_POLL_INTERVAL);
    }

    /**
     * Starts a thread that delivers events to handler as {@link #poll} does: it listens on a
     * connection of its own (taken from the registry's data source) and delivers when a commit
     * notifies it, and at least every pollInterval, so an event whose notification was lost (a
     * reconnect) still arrives. A handler's exception is kept as {@link EventSubscription#lastFailure()}
     * and the event is delivered again after pollInterval; a lost connection is reopened.
     *
     * @param subscriberName the subscriber; run one subscription per name
     * @param handler what to do with each event
     * @param pollInterval the longest wait between two looks, 10 ms to 1 hour
     * @return the running subscription; close it to stop
     * @throws InvalidValueException when the name or interval is invalid
     * @throws IllegalStateException when the registry works on a single connection (a
     *     {@code DSLContext} on one connection) rather than a data source
     */
    public EventSubscription subscribe(String subscriberName, Consumer<RegistryEvent> handler, Duration pollInterval) {
        String name = subscriberName(subscriberName);
        Objects.requireNonNull(handler, "handler");
        Validator.required("poll_interval", pollInterval);
        if (pollInterval.compareTo(Duration.ofMillis(10)) < 0 || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidValueException("poll_interval", pollInterval, "must be between 10 ms and 1 hour");
        }
        ConnectionProvider connections = session.dsl().configuration().connectionProvider();
        if (connections instanceof DefaultConnectionProvider) {
            throw new IllegalStateException("subscribe needs a registry configured with a data source: "
                    + "it listens on a connection of its own");
        }
        return EventSubscription.start(connections, session.dsl().settings(), name, handler, pollInterval);
    }

    private static String subscriberName(String name) {
        Validator.required("subscriber_name", name);
        if (!SUBSCRIBER_NAME.matcher(name).matches()) {
            throw new InvalidValueException("subscriber_name", name, "must be 1 to 128 letters, digits or _ . : -");
        }
        return name;
    }

    private static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidValueException(field, value, "must not be negative");
        }
    }

    private static void batch(int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new InvalidValueException("limit", limit, "must be between 1 and " + MAX_BATCH);
        }
    }
}
