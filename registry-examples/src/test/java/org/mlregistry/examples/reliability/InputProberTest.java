package org.mlregistry.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.RegistryException;
import org.mlregistry.core.error.StatementTimeoutException;
import org.mlregistry.examples.reliability.InputProber.Verdict;

/** How a hostile input's outcome is classified: typed refusal, verbatim acceptance, or other. */
class InputProberTest {

    @Test
    void aRefusedExceptionIsATypedRefusal() {
        Probe probe = Probe.stores("e", "x", () -> {
            throw new InvalidValueException("model_name", "x", "is too long");
        });

        assertThat(InputProber.probe(probe).verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(Failures.classify(new InvalidValueException("f", 1, "r"))).isEqualTo(Failures.Kind.REFUSED);
    }

    @Test
    void aTransientFailureIsNoRefusalOfAHostileInput() {
        Probe probe = Probe.stores("e", "x", () -> {
            throw new StatementTimeoutException("statement timeout", new java.sql.SQLException("canceling statement", "57014"));
        });

        assertThat(InputProber.probe(probe).verdict()).isEqualTo(Verdict.OTHER);
        assertThat(Failures.classify(new StatementTimeoutException("t", null))).isEqualTo(Failures.Kind.TRANSIENT);
    }

    @Test
    void aRegistryExceptionThatIsNeitherRefusedNorTransientIsUntyped() {
        assertThat(Failures.classify(new RegistryException("neither"))).isEqualTo(Failures.Kind.UNTYPED);
    }

    @Test
    void aRawJooqExceptionIsOtherAndNamesItsSqlState() {
        Probe probe = Probe.stores("e", "x", () -> {
            throw new DataAccessException("boom", new java.sql.SQLException("invalid byte sequence", "22021"));
        });

        InputProber.Outcome outcome = InputProber.probe(probe);

        assertThat(outcome.verdict()).isEqualTo(Verdict.OTHER);
        assertThat(outcome.what()).isEqualTo("DataAccessException: boom (SQLState 22021)");
        assertThat(Failures.classify(new DataAccessException("x"))).isEqualTo(Failures.Kind.UNTYPED);
    }

    @Test
    void anErrorIsOtherEvenFromADeepRecursionOnTheProbesOwnThread() {
        Probe probe = Probe.stores("e", "x", () -> recurse(0));

        InputProber.Outcome outcome = InputProber.probe(probe);

        assertThat(outcome.verdict()).isEqualTo(Verdict.OTHER);
        assertThat(outcome.what()).startsWith("StackOverflowError");
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void theSameValueReadBackIsVerbatimAndAnotherIsOther() {
        assertThat(InputProber.probe(Probe.stores("e", "a\\b", () -> "a\\b")).verdict()).isEqualTo(Verdict.VERBATIM);
        assertThat(InputProber.probe(Probe.stores("e", 0.5, () -> new BigDecimal("0.5000"))).verdict()).isEqualTo(Verdict.VERBATIM);
        InputProber.Outcome rounded = InputProber.probe(Probe.stores("e", 0.99996, () -> new BigDecimal("1.0000")));
        assertThat(rounded.verdict()).isEqualTo(Verdict.OTHER);
        assertThat(rounded.what()).isEqualTo("stored 1.0000 instead of 0.99996");
    }

    @Test
    void acceptingAnInputTheRulesForbidIsOther() {
        InputProber.Outcome outcome = InputProber.probe(Probe.refuses("e", "forged", () -> "page"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.OTHER);
        assertThat(outcome.what()).isEqualTo("accepted an input the rules forbid; returned \"page\"");
    }
}
