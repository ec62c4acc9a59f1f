package org.mlregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.QueryCancelledException;
import org.mlregistry.core.error.SerializationFailureException;

/** The retry policy repeats transient failures with a doubling, capped backoff, and nothing else; no real sleeping. */
class RetryPolicyTest {

    private final List<Duration> waited = new ArrayList<>();
    private final RetryPolicy policy = RetryPolicy.attempts(4).backoff(Duration.ofMillis(50), Duration.ofMillis(120)).sleeper(waited::add);

    @Test
    void transientFailuresAreRetriedWithDoublingCappedDelays() {
        AtomicInteger calls = new AtomicInteger();
        String result = policy.call(() -> {
            if (calls.incrementAndGet() < 4) {
                throw new SerializationFailureException("conflict", null);
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(4);
        assertThat(waited).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(120));
    }

    @Test
    void afterTheLastAttemptTheLastFailureIsThrownWithTheEarlierOnesSuppressed() {
        AtomicInteger calls = new AtomicInteger();
        SerializationFailureException last = catchThrowableOfType(SerializationFailureException.class,
                () -> policy.call(() -> {
                    throw new SerializationFailureException("conflict " + calls.incrementAndGet(), null);
                }));
        assertThat(last.getMessage()).isEqualTo("conflict 4");
        assertThat(last.getSuppressed()).hasSize(1);
        assertThat(calls).hasValue(4);
    }

    @Test
    void refusalsAndCancellationsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        catchThrowableOfType(NotFoundException.class, () -> policy.call(() -> {
            calls.incrementAndGet();
            throw new NotFoundException("training run", "x");
        }));
        catchThrowableOfType(QueryCancelledException.class, () -> policy.call(() -> {
            calls.incrementAndGet();
            throw new QueryCancelledException("cancelled", null);
        }));
        assertThat(calls).hasValue(2);
        assertThat(waited).isEmpty();
    }

    @Test
    void noneTriesOnceAndBadSettingsAreRefused() {
        AtomicInteger calls = new AtomicInteger();
        catchThrowableOfType(SerializationFailureException.class, () -> RetryPolicy.none().call(() -> {
            calls.incrementAndGet();
            throw new SerializationFailureException("conflict", null);
        }));
        assertThat(calls).hasValue(1);
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> RetryPolicy.attempts(0)).field()).isEqualTo("attempts");
        assertThat(catchThrowableOfType(InvalidValueException.class,
                () -> RetryPolicy.attempts(2).backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).field()).isEqualTo("max");
    }
}
