package org.mlregistry.examples.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.tracking.Metrics;
import org.mlregistry.core.tracking.NewRun;
import org.mlregistry.core.tracking.Run;
import org.mlregistry.examples.cookbook.SchedulerLoopCookbook.JobResult;
import org.mlregistry.examples.cookbook.SchedulerLoopCookbook.Summary;
import org.mlregistry.schema.DatabaseTest;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

class SchedulerLoopCookbookTest extends DatabaseTest {

    private static List<Run> submit(Registry r, String target, int n) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(r.runs().submit(NewRun.builder().model("sched-model").framework(Framework.PYTORCH)
                    .experiment(target + "-exp-" + i).dataset("sched-ds").computeTarget(target)
                    .parameters("{\"job\": " + i + "}").build()));
        }
        return runs;
    }

    @Test
    void drainsTheQueueOldestFirstRecordingMetricsAndReasons() {
        rolledBack(ctx -> {
            Registry r = Registry.configure().dsl(ctx).load();
            String target = "sched-" + UUID.randomUUID();
            List<Run> submitted = submit(r, target, 5);
            // another queue's run stays untouched
            String other = "sched-other-" + UUID.randomUUID();
            Run elsewhere = submit(r, other, 1).get(0);

            List<String> seenStatuses = new ArrayList<>();
            Summary s = SchedulerLoopCookbook.drain(r, target, 100, run -> {
                seenStatuses.add(run.status().getLiteral());
                int job = Integer.parseInt(run.parametersJson().replaceAll("\\D", ""));
                if (job == 1) {
                    return JobResult.failed("out of memory");
                }
                if (job == 3) {
                    throw new IllegalStateException("disk full");
                }
                return JobResult.succeeded(Metrics.none().withAccuracy((90 + job) / 100.0));
            });

            assertThat(s.drained()).isTrue();
            assertThat(s.computeTarget()).isEqualTo(target);
            // same created_at within one transaction (now()), so the tiebreak run_id orders the claims
            // (PostgreSQL compares uuids as unsigned bytes, like their text; Java's UUID.compareTo is signed)
            assertThat(s.claimed()).containsExactlyElementsOf(submitted.stream().map(Run::runId)
                    .sorted(java.util.Comparator.comparing(UUID::toString)).toList());
            assertThat(seenStatuses).containsOnly("running").hasSize(5);
            assertThat(s.succeeded()).isEqualTo(3);
            assertThat(s.failed()).isEqualTo(2);
            assertThat(s.failures()).containsEntry(submitted.get(1).runId(), "out of memory")
                    .containsEntry(submitted.get(3).runId(), "IllegalStateException: disk full");

            Run ok = r.runs().get(submitted.get(2).runId());
            assertThat(ok.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(ok.accuracy()).isEqualByComparingTo(new BigDecimal("0.92"));
            assertThat(ok.startedAt()).isNotNull();
            assertThat(ok.completedAt()).isNotNull();
            Run failed = r.runs().get(submitted.get(1).runId());
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.notes()).isEqualTo("Failed: out of memory");
            assertThat(r.runs().get(submitted.get(3).runId()).notes()).isEqualTo("Failed: IllegalStateException: disk full");
            assertThat(r.runs().get(elsewhere.runId()).status()).isEqualTo(RunStatus.QUEUED);

            // nothing left: a second loop claims nothing
            Summary again = SchedulerLoopCookbook.drain(r, target, 100, run -> JobResult.failed("unexpected"));
            assertThat(again.claimed()).isEmpty();
            assertThat(again.drained()).isTrue();
        });
    }

    @Test
    void stopsAtMaxJobs() {
        rolledBack(ctx -> {
            Registry r = Registry.configure().dsl(ctx).load();
            String target = "sched-" + UUID.randomUUID();
            submit(r, target, 3);
            Summary s = SchedulerLoopCookbook.drain(r, target, 2, run -> JobResult.succeeded(Metrics.none().withLoss(0.5)));
            assertThat(s.claimed()).hasSize(2);
            assertThat(s.succeeded()).isEqualTo(2);
            assertThat(s.drained()).isFalse();
            assertThat(r.runs().where(org.mlregistry.core.tracking.RunFilter.computeTarget().eq(target)
                    .and(org.mlregistry.core.tracking.RunFilter.status().eq(RunStatus.QUEUED))).count()).isEqualTo(1);
        });
    }
}
