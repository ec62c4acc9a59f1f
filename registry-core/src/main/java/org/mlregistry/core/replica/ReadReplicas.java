package org.mlregistry.core.replica;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.Validator;

/**
 * The read replicas of a registry and how far their reads may trail the primary; immutable.
 *
 * <pre>{@code
 * Registry registry = Registry.configure().dataSource(primary)
 *         .readReplicas(ReadReplicas.of(List.of(replica)).maxLag(Duration.ofSeconds(2)))
 *         .load();
 * }</pre>
 *
 * @param dataSources the replicas (physical streaming standbys of the primary), tried round-robin
 * @param maxLag a replica whose replay trails by more is skipped until it catches up
 * @param readYourWritesWait the longest a read-your-writes read waits for a replica to replay the
 *        caller's writes before it reads from the primary instead
 * @param healthCheckEvery how long a replica's checked state (reachable, lag, replay position) is
 *        reused before it is checked again; {@link Duration#ZERO} checks before every read
 */
public record ReadReplicas(List<DataSource> dataSources, Duration maxLag, Duration readYourWritesWait, Duration healthCheckEvery) {

    /** 5 s: what a dashboard or a search can show without anyone noticing. */
    public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(5);
    /** 1 s: a replica streaming normally replays a commit in milliseconds. */
    public static final Duration DEFAULT_READ_YOUR_WRITES_WAIT = Duration.ofSeconds(1);
    /** 1 s: one cheap query per replica per second. */
    public static final Duration DEFAULT_HEALTH_CHECK_EVERY = Duration.ofSeconds(1);

    /**
     * Checks and copies the settings.
     *
     * @throws InvalidValueException when a list, source or duration is missing or a duration negative
     */
    public ReadReplicas {
        Validator.required("dataSources", dataSources);
        for (DataSource dataSource : dataSources) {
            Validator.required("dataSources[]", dataSource);
        }
        dataSources = List.copyOf(dataSources);
        nonNegative("maxLag", maxLag);
        nonNegative("readYourWritesWait", readYourWritesWait);
        nonNegative("healthCheckEvery", healthCheckEvery);
    }

    /**
     * Replicas with the default bounds ({@link #DEFAULT_MAX_LAG}, {@link #DEFAULT_READ_YOUR_WRITES_WAIT},
     * {@link #DEFAULT_HEALTH_CHECK_EVERY}).
     *
     * @param dataSources the replicas; an empty list routes every read to the primary
     * @return the settings
     */
    public static ReadReplicas of(List<DataSource> dataSources) {
        return new ReadReplicas(dataSources, DEFAULT_MAX_LAG, DEFAULT_READ_YOUR_WRITES_WAIT, DEFAULT_HEALTH_CHECK_EVERY);
    }

    /**
     * The same replicas with another lag bound.
     *
     * @param lag the most a replica's replay may trail the primary (by the age of its last replayed commit while it has WAL left to replay)
     * @return new settings
     */
    public ReadReplicas maxLag(Duration lag) {
        return new ReadReplicas(dataSources, lag, readYourWritesWait, healthCheckEvery);
    }

    /**
     * The same replicas with another bound on read-your-writes waits.
     *
     * @param wait the longest to wait for a replica to replay the caller's writes
     * @return new settings
     */
    public ReadReplicas readYourWritesWait(Duration wait) {
        return new ReadReplicas(dataSources, maxLag, wait, healthCheckEvery);
    }

    /**
     * The same replicas checked at another interval.
     *
     * @param interval how long a replica's checked state is reused; zero checks before every read
     * @return new settings
     */
    public ReadReplicas healthCheckEvery(Duration interval) {
        return new ReadReplicas(dataSources, maxLag, readYourWritesWait, interval);
    }

    private static void nonNegative(String field, Duration value) {
        Validator.required(field, value);
        if (value.isNegative()) {
            throw new InvalidValueException(field, value, "must be zero or positive");
        }
    }
}
