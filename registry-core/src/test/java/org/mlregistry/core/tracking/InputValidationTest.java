package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.types.Framework;

/** Bad input is an InvalidValueException naming the field, never an untyped jOOQ DataException. */
class InputValidationTest extends TrackingTestSupport {

    private static String model() {
        return "m-" + UUID.randomUUID();
    }

    @Test
    void malformedParametersAreRefusedAsInvalidValues() {
        for (String bad : new String[] {"{not json}", "{x}", "{\"a\": 1,}", "{\"a\": }", "{\"a\": 01}", "{\"a\": 1} x", "[1, 2]", "\"s\""}) {
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> NewRun.builder().model(model()).framework(Framework.PYTORCH).experiment("e").dataset("d")
                            .computeTarget("t").parameters(bad).build());
            assertThat(e).as(bad).isNotNull();
            assertThat(e.field()).isEqualTo("parameters");
            assertThat(e.value()).isEqualTo(bad);
            assertThat(e.rule()).isEqualTo("must be a JSON object");
        }
        InvalidValueException merge = catchThrowableOfType(InvalidValueException.class, () -> withRollback(reg -> {
            Run r = reg.runs().submit(newRun(model()));
            return reg.runs().mergeParameters(r.runId(), "{x}");
        }));
        assertThat(merge.field()).isEqualTo("parameters");
        assertThat(merge.rule()).isEqualTo("must be a JSON object");
        Run merged = withRollback(reg -> reg.runs().mergeParameters(reg.runs().submit(newRun(model())).runId(), "{\"lr\": 0.1}"));
        assertThat(merged.parametersJson()).contains("\"lr\"");
    }

    @Test
    void lossThatOverflowsOrWouldBeRoundedIsRefused() {
        InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> Metrics.none().withLoss(999.999999));
        assertThat(e.field()).isEqualTo("loss");
        assertThat(e.value()).isEqualTo(999.999999);
        Run ok = withRollback(reg -> {
            Run r = reg.runs().submit(newRun(model()));
            reg.runs().start(r.runId());
            return reg.runs().succeed(r.runId(), Metrics.none().withLoss(-999.99999));
        });
        assertThat(ok.loss()).isEqualByComparingTo("-999.99999");
        // NUMERIC(8,5) would store -999.999994 as -999.99999: refused rather than silently rounded
        InvalidValueException rounded = catchThrowableOfType(InvalidValueException.class, () -> Metrics.none().withLoss(-999.999994));
        assertThat(rounded.field()).isEqualTo("loss");
        assertThat(rounded.rule()).startsWith("must have at most 5 decimals");
    }

    @Test
    void hoursThatOverflowAloneOrAsARunningTotalAreRefused() {
        InvalidValueException alone = catchThrowableOfType(InvalidValueException.class, () -> withRollback(reg ->
                reg.runs().addHours(reg.runs().submit(newRun(model())).runId(), 999_999.996, 0)));
        assertThat(alone.field()).isEqualTo("gpu_hours");

        InvalidValueException total = catchThrowableOfType(InvalidValueException.class, () -> withRollback(reg -> {
            Run r = reg.runs().submit(newRun(model()));
            reg.runs().addHours(r.runId(), 900_000, 1);
            return reg.runs().addHours(r.runId(), 900_000, 1);
        }));
        assertThat(total.field()).isEqualTo("gpu_hours");
        assertThat((BigDecimal) total.value()).isEqualByComparingTo("1800000");
        assertThat(total.rule()).contains("900000").contains("1000000");

        InvalidValueException cpu = catchThrowableOfType(InvalidValueException.class, () -> withRollback(reg -> {
            Run r = reg.runs().submit(newRun(model()));
            reg.runs().addHours(r.runId(), 0, 999_999.99);
            return reg.runs().addHours(r.runId(), 0, 0.01);
        }));
        assertThat(cpu.field()).isEqualTo("cpu_hours");

        Run sum = withRollback(reg -> {
            Run r = reg.runs().submit(newRun(model()));
            reg.runs().addHours(r.runId(), 500_000, 2.5);
            return reg.runs().addHours(r.runId(), 499_999.99, 2.5);
        });
        assertThat(sum.gpuHours()).isEqualByComparingTo("999999.99");
        assertThat(sum.cpuHours()).isEqualByComparingTo("5");
    }

    @Test
    void databaseRefusalsOfValuesAreTranslatedAsABackstop() {
        InvalidValueException json = catchThrowableOfType(InvalidValueException.class,
                () -> withRollback(reg -> reg.inTransaction(ctx -> ctx.fetchValue("SELECT '{x'::jsonb"))));
        assertThat(json.field()).isEqualTo("value");
        assertThat(json.rule()).contains("json");

        InvalidValueException overflow = catchThrowableOfType(InvalidValueException.class, () -> withRollback(reg -> {
            Run r = reg.runs().submit(newRun(model()));
            return reg.inTransaction(ctx -> ctx.execute("UPDATE tracking.training_runs SET loss = 5000 WHERE run_id = ?", r.runId()));
        }));
        assertThat(overflow.field()).isEqualTo("value");
        assertThat(overflow.rule()).contains("numeric field overflow");
    }
}
