package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.LeaseLostException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.jooq.tracking.tables.records.RunLeasesRecord;
import org.mlregistry.schema.types.RunStatus;

/** Leases on the shared database, each test in a transaction that is rolled back (now() is constant in it). */
class LeasesTest extends LeaseTestSupport {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void aLeasedClaimStartsTheOldestRunAndWritesItsLeaseInOneStatement() {
        withRollback(r -> {
            String target = unique("lease-claim");
            List<Run> queued = queue(r, target, 2);
            AtomicInteger statements = new AtomicInteger();

            LeasedRun claimed = counting(r.dsl(), statements).runs().leases()
                    .claimNext(target, Lease.of("worker-1", FIVE_MINUTES)).orElseThrow();

            assertThat(statements).hasValue(1);
            OffsetDateTime now = now(r.dsl());
            assertThat(claimed.run().runId()).isEqualTo(RunOrderOfClaims.first(queued));
            assertThat(claimed.run().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(claimed.run().startedAt()).isEqualTo(now);
            assertThat(claimed.resumed()).isFalse();
            assertThat(claimed.lease()).isEqualTo(new RunLease(claimed.run().runId(), "worker-1", 1, 3, now, now,
                    now.plusMinutes(5)));
            RunLeasesRecord row = leaseRow(r.dsl(), claimed.run().runId());
            assertThat(row.getLeaseExpiresAt()).isEqualTo(now.plusMinutes(5));
            assertThat(row.getEndedAt()).isNull();
            assertThat(r.runs().get(claimed.run().runId())).isEqualTo(claimed.run());
            return null;
        });
    }

    @Test
    void aRepeatedClaimOfTheSameOwnerReturnsTheRunItHoldsInsteadOfAnother() {
        withRollback(r -> {
            String target = unique("lease-again");
            List<Run> queued = queue(r, target, 3);
            Leases leases = r.runs().leases();
            LeasedRun first = leases.claimNext(target, Lease.of("worker-1", FIVE_MINUTES)).orElseThrow();

            LeasedRun again = leases.claimNext(target, Lease.of("worker-1", FIVE_MINUTES)).orElseThrow();
            LeasedRun other = leases.claimNext(target, Lease.of("worker-2", FIVE_MINUTES)).orElseThrow();

            assertThat(again.run().runId()).isEqualTo(first.run().runId());
            assertThat(again.resumed()).isTrue();
            assertThat(again.lease().attempt()).isEqualTo(1);
            assertThat(other.run().runId()).isNotEqualTo(first.run().runId());
            assertThat(other.resumed()).isFalse();
            assertThat(r.runs().where(RunFilter.computeTarget().eq(target).and(RunFilter.status().eq(RunStatus.QUEUED))).count())
                    .isEqualTo(queued.size() - 2);
            return null;
        });
    }

    @Test
    void aHeartbeatExtendsTheOwnersLiveLeaseOnly() {
        withRollback(r -> {
            String target = unique("lease-beat");
            queue(r, target, 1);
            Leases leases = r.runs().leases();
            UUID runId = leases.claimNext(target, Lease.of("worker-1", FIVE_MINUTES)).orElseThrow().run().runId();

            RunLease extended = leases.heartbeat(runId, "worker-1", Duration.ofMinutes(30));

            OffsetDateTime now = now(r.dsl());
            assertThat(extended.expiresAt()).isEqualTo(now.plusMinutes(30));
            assertThat(leaseRow(r.dsl(), runId).getLeaseExpiresAt()).isEqualTo(now.plusMinutes(30));
            LeaseLostException stranger = catchThrowableOfType(LeaseLostException.class,
                    () -> leases.heartbeat(runId, "worker-2", Duration.ofMinutes(30)));
            assertThat(stranger.runId()).isEqualTo(runId);
            assertThat(stranger.owner()).isEqualTo("worker-2");
            assertThat(stranger.reason()).isEqualTo("held by 'worker-1'");
            assertThat(leaseRow(r.dsl(), runId).getLeaseExpiresAt()).isEqualTo(now.plusMinutes(30));
            return null;
        });
    }

    @Test
    void aHeartbeatOnAnExpiredOrFinishedLeaseOrUnknownRunIsRefused() {
        withRollback(r -> {
            String target = unique("lease-lost");
            queue(r, target, 2);
            Leases leases = r.runs().leases();
            UUID expired = leases.claimNext(target, Lease.of("worker-1", FIVE_MINUTES)).orElseThrow().run().runId();
            UUID finished = leases.claimNext(target, Lease.of("worker-2", FIVE_MINUTES)).orElseThrow().run().runId();
            expire(r.dsl(), expired);
            r.runs().succeed(finished, Metrics.none());

            assertThat(catchThrowableOfType(LeaseLostException.class,
                    () -> leases.heartbeat(expired, "worker-1", FIVE_MINUTES)).reason()).startsWith("expired at ");
            assertThat(catchThrowableOfType(LeaseLostException.class,
                    () -> leases.heartbeat(finished, "worker-2", FIVE_MINUTES)).reason())
                    .startsWith("ended at ").endsWith("(finished: succeeded)");
            UUID unknown = UUID.randomUUID();
            assertThat(catchThrowableOfType(NotFoundException.class, () -> leases.heartbeat(unknown, "worker-1", FIVE_MINUTES)))
                    .isNotNull();
            return null;
        });
    }

    @Test
    void finishingARunEndsItsLeaseWhicheverWayItEnds() {
        withRollback(r -> {
            String target = unique("lease-finish");
            queue(r, target, 4);
            Leases leases = r.runs().leases();
            UUID succeeded = leases.claimNext(target, Lease.of("w-s", FIVE_MINUTES)).orElseThrow().run().runId();
            UUID failed = leases.claimNext(target, Lease.of("w-f", FIVE_MINUTES)).orElseThrow().run().runId();
            UUID cancelled = leases.claimNext(target, Lease.of("w-c", FIVE_MINUTES)).orElseThrow().run().runId();
            UUID timedOut = leases.claimNext(target, Lease.of("w-t", FIVE_MINUTES)).orElseThrow().run().runId();

            r.runs().succeed(succeeded, Metrics.none().withAccuracy(0.9));
            r.runs().fail(failed, "oom");
            r.runs().cancel(cancelled, "not needed");
            r.runs().timeout(timedOut);

            OffsetDateTime now = now(r.dsl());
            assertThat(List.of(succeeded, failed, cancelled, timedOut)).map(id -> leaseRow(r.dsl(), id))
                    .extracting(RunLeasesRecord::getEndReason, RunLeasesRecord::getEndedAt)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("finished: succeeded", now),
                            org.assertj.core.groups.Tuple.tuple("finished: failed", now),
                            org.assertj.core.groups.Tuple.tuple("finished: cancelled", now),
                            org.assertj.core.groups.Tuple.tuple("finished: timeout", now));
            assertThat(leases.owned("w-s")).isEmpty();
            return null;
        });
    }

    @Test
    void releaseRequeuesTheRunAndTheNextClaimIsItsSecondAttempt() {
        withRollback(r -> {
            String target = unique("lease-release");
            queue(r, target, 1);
            Leases leases = r.runs().leases();
            UUID runId = leases.claimNext(target, Lease.of("worker-1", FIVE_MINUTES)).orElseThrow().run().runId();

            LeaseLostException stranger = catchThrowableOfType(LeaseLostException.class, () -> leases.release(runId, "worker-2"));
            assertThat(stranger.reason()).isEqualTo("held by 'worker-1'");
            Run released = leases.release(runId, "worker-1");

            assertThat(released.status()).isEqualTo(RunStatus.QUEUED);
            assertThat(released.startedAt()).isNull();
            assertThat(leaseRow(r.dsl(), runId).getEndReason()).isEqualTo("released");
            LeasedRun next = leases.claimNext(target, Lease.of("worker-2", FIVE_MINUTES)).orElseThrow();
            assertThat(next.run().runId()).isEqualTo(runId);
            assertThat(next.lease().attempt()).isEqualTo(2);
            assertThat(next.lease().owner()).isEqualTo("worker-2");
            assertThat(leaseRow(r.dsl(), runId).getEndedAt()).isNull();
            return null;
        });
    }

    @Test
    void ownedListsTheOwnersLiveLeasesOldestClaimFirst() {
        withRollback(r -> {
            String gpu = unique("lease-owned-gpu");
            String cpu = unique("lease-owned-cpu");
            queue(r, gpu, 2);
            queue(r, cpu, 2);
            Leases leases = r.runs().leases();
            LeasedRun onGpu = leases.claimNext(gpu, Lease.of("worker-1", FIVE_MINUTES)).orElseThrow();
            LeasedRun onCpu = leases.claimNext(cpu, Lease.of("worker-1", FIVE_MINUTES)).orElseThrow();
            LeasedRun others = leases.claimNext(gpu, Lease.of("worker-2", FIVE_MINUTES)).orElseThrow();

            List<LeasedRun> owned = leases.owned("worker-1");

            // one transaction: equal claim times, so run_id orders them (as PostgreSQL compares uuids)
            assertThat(owned).extracting(lr -> lr.run().runId()).containsExactlyElementsOf(
                    RunOrderOfClaims.byPostgresUuidOrder(List.of(onGpu.run().runId(), onCpu.run().runId())));
            assertThat(owned).extracting(LeasedRun::lease).containsExactlyInAnyOrder(onGpu.lease(), onCpu.lease());
            expire(r.dsl(), onCpu.run().runId());
            assertThat(leases.owned("worker-1")).extracting(lr -> lr.run().runId()).containsExactly(onGpu.run().runId());
            assertThat(leases.owned("worker-2")).extracting(lr -> lr.run().runId()).containsExactly(others.run().runId());
            assertThat(leases.owned("nobody")).isEmpty();
            return null;
        });
    }

    @Test
    void theReaperRequeuesExpiredRunsAndFailsThoseOutOfAttempts() {
        withRollback(r -> {
            String target = unique("lease-reap");
            queue(r, target, 4);
            Leases leases = r.runs().leases();
            UUID lastAttempt = leases.claimNext(target, Lease.of("w-a", FIVE_MINUTES).withMaxAttempts(1)).orElseThrow().run().runId();
            UUID retried = leases.claimNext(target, Lease.of("w-b", FIVE_MINUTES)).orElseThrow().run().runId();
            UUID live = leases.claimNext(target, Lease.of("w-c", FIVE_MINUTES)).orElseThrow().run().runId();
            UUID unleased = r.runs().claimNext(target).orElseThrow().runId();
            r.runs().appendNote(lastAttempt, "epoch 3");
            expire(r.dsl(), lastAttempt);
            expire(r.dsl(), retried);
            Run before = r.runs().get(lastAttempt);

            List<ReapedRun> reaped = leases.reapExpired();

            OffsetDateTime now = now(r.dsl());
            assertThat(reaped).extracting(rr -> rr.run().runId()).containsExactlyInAnyOrder(lastAttempt, retried);
            ReapedRun failed = reaped.stream().filter(rr -> rr.run().runId().equals(lastAttempt)).findFirst().orElseThrow();
            assertThat(failed.requeued()).isFalse();
            assertThat(failed.owner()).isEqualTo("w-a");
            assertThat(failed.attempt()).isEqualTo(1);
            assertThat(failed.maxAttempts()).isEqualTo(1);
            assertThat(failed.run().status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.run().notes()).isEqualTo("epoch 3 | Failed: lease of w-a expired on attempt 1 of 1");
            assertThat(failed.run().startedAt()).isEqualTo(before.startedAt());
            assertThat(failed.run().completedAt()).isEqualTo(now);
            ReapedRun requeued = reaped.stream().filter(rr -> rr.run().runId().equals(retried)).findFirst().orElseThrow();
            assertThat(requeued.requeued()).isTrue();
            assertThat(requeued.owner()).isEqualTo("w-b");
            assertThat(requeued.run().status()).isEqualTo(RunStatus.QUEUED);
            assertThat(requeued.run().startedAt()).isNull();
            assertThat(requeued.run().completedAt()).isNull();
            assertThat(requeued.run().notes()).isNull();
            assertThat(leaseRow(r.dsl(), lastAttempt).getEndReason()).isEqualTo("expired: failed");
            assertThat(leaseRow(r.dsl(), retried).getEndReason()).isEqualTo("expired: requeued");
            assertThat(r.runs().get(live).status()).isEqualTo(RunStatus.RUNNING);
            assertThat(leaseRow(r.dsl(), live).getEndedAt()).isNull();
            assertThat(r.runs().get(unleased).status()).isEqualTo(RunStatus.RUNNING);
            assertThat(leases.reapExpired()).isEmpty();
            return null;
        });
    }

    @Test
    void aRunFailsOnceItsLastAttemptExpires() {
        withRollback(r -> {
            String target = unique("lease-attempts");
            UUID runId = queue(r, target, 1).get(0).runId();
            Leases leases = r.runs().leases();
            Lease twoAttempts = Lease.of("w-1", FIVE_MINUTES).withMaxAttempts(2);
            assertThat(leases.claimNext(target, twoAttempts).orElseThrow().lease().attempt()).isEqualTo(1);
            expire(r.dsl(), runId);
            assertThat(leases.reapExpired()).extracting(ReapedRun::requeued).containsExactly(true);
            LeasedRun second = leases.claimNext(target, Lease.of("w-2", FIVE_MINUTES).withMaxAttempts(2)).orElseThrow();
            assertThat(second.lease().attempt()).isEqualTo(2);
            expire(r.dsl(), runId);

            List<ReapedRun> reaped = leases.reapExpired();

            assertThat(reaped).hasSize(1);
            assertThat(reaped.get(0).run().status()).isEqualTo(RunStatus.FAILED);
            assertThat(reaped.get(0).run().notes()).isEqualTo("Failed: lease of w-2 expired on attempt 2 of 2");
            assertThat(r.runs().get(runId).status()).isEqualTo(RunStatus.FAILED);
            assertThat(leases.claimNext(target, twoAttempts)).isEmpty();
            return null;
        });
    }

    @Test
    void leaseTermsAreCheckedBeforeTheRoundTrip() {
        assertRefused(() -> Lease.of(" ", FIVE_MINUTES), "owner", "must not be blank");
        assertRefused(() -> Lease.of("w", Duration.ZERO), "duration", "must be a duration of at least 1 ms");
        assertRefused(() -> Lease.of("w", Duration.ofSeconds(-1)), "duration", "must be a duration of at least 1 ms");
        assertRefused(() -> Lease.of("w", FIVE_MINUTES).withMaxAttempts(0), "max_attempts", "must be at least 1");
        withRollback(r -> {
            Leases leases = r.runs().leases();
            assertRefused(() -> leases.claimNext(" ", Lease.of("w", FIVE_MINUTES)), "compute_target", "must not be blank");
            assertRefused(() -> leases.heartbeat(UUID.randomUUID(), "w", Duration.ZERO), "extension", "must be a duration of at least 1 ms");
            assertRefused(() -> leases.owned(""), "owner", "must not be blank");
            return null;
        });
    }

    private static void assertRefused(Runnable call, String field, String rule) {
        InvalidValueException e = catchThrowableOfType(InvalidValueException.class, call::run);
        assertThat(e).as("refusal of " + field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.rule()).isEqualTo(rule);
    }

    /** Claims take the oldest run first, ties (one transaction's now()) broken by run_id as PostgreSQL orders uuids. */
    static final class RunOrderOfClaims {
        private RunOrderOfClaims() {
        }

        static UUID first(List<Run> sameTime) {
            return byPostgresUuidOrder(sameTime.stream().map(Run::runId).toList()).get(0);
        }

        static List<UUID> byPostgresUuidOrder(List<UUID> ids) {
            return ids.stream().sorted(java.util.Comparator.comparing(UUID::toString)).toList();
        }
    }
}
