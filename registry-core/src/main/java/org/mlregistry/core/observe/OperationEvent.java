package org.mlregistry.core.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * One finished registry operation: a call of the public API that reached PostgreSQL (its
 * transaction, or its single-statement read), with operations nested inside it counted as part
 * of it.
 *
 * @param operation the stable name of the API call, its call path without {@code registry.} and
 *     parentheses, e.g. {@code runs.submit}, {@code runs.leases.claimNext},
 *     {@code runs.search.page}, {@code models.deployments.deploy}
 * @param outcome how it ended
 * @param exception the simple class name of what it threw (e.g. {@code StatementTimeoutException}),
 *     {@code none} on success
 * @param duration wall-clock time from the call's first round trip (or its transaction's start) to its end
 * @param statements how many jOOQ statements it executed, its transaction's timeout setup
 *     included (COPY transfers count none; {@code BEGIN} and {@code COMMIT} are not statements)
 */
public record OperationEvent(String operation, Outcome outcome, String exception, Duration duration, int statements) {

    /** The {@link #exception} of an operation that threw nothing. */
    public static final String NO_EXCEPTION = "none";

    /**
     * Checks the components.
     *
     * @throws NullPointerException on a null component
     */
    public OperationEvent {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(duration, "duration");
    }
}
