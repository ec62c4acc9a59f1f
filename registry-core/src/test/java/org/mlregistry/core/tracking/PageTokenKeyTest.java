package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.testing.RolledBackTransaction;

/** Page tokens are signed with the registry's key: replicas sharing a key accept each other's tokens. */
class PageTokenKeyTest extends TrackingTestSupport {

    private static final byte[] SHARED = "a 32-byte key shared by replicas".getBytes(StandardCharsets.US_ASCII);

    private static Registry withKey(DSLContext ctx, byte[] key) {
        return Registry.configure().dsl(ctx).pageTokenKey(key).load();
    }

    @Test
    void aTokenFromOneReplicaContinuesOnAnotherWithTheSameKey() {
        RolledBackTransaction.run(db(), ctx -> {
            Page first = withKey(ctx, SHARED).runs().search().orderBy(RunOrder.NEWEST_FIRST).pageSize(5).fetchPage();
            Page second = withKey(ctx, SHARED.clone()).runs().search().orderBy(RunOrder.NEWEST_FIRST).pageSize(5)
                    .after(first.nextToken().orElseThrow()).fetchPage();

            assertThat(first.runs()).hasSize(5);
            assertThat(second.runs().get(0).runId()).isEqualTo(ctx.fetchValue(
                    "SELECT run_id FROM tracking.training_runs WHERE archived_at IS NULL ORDER BY created_at DESC, run_id DESC OFFSET 5 LIMIT 1"));
            return null;
        });
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        byte[] other = Arrays.copyOf(SHARED, 32);
        other[0] ^= 1;
        InvalidValueException refused = RolledBackTransaction.run(db(), ctx -> {
            String token = withKey(ctx, SHARED).runs().search().orderBy(RunOrder.NEWEST_FIRST).pageSize(5).fetchPage().nextToken().orElseThrow();
            return catchThrowableOfType(InvalidValueException.class,
                    () -> withKey(ctx, other).runs().search().orderBy(RunOrder.NEWEST_FIRST).pageSize(5).after(token));
        });

        assertThat(refused.field()).isEqualTo("pageToken");
        assertThat(refused.rule()).startsWith("was not issued by this registry");
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        InvalidValueException refused = catchThrowableOfType(InvalidValueException.class,
                () -> Registry.configure().pageTokenKey(new byte[31]));

        assertThat(refused.field()).isEqualTo("pageTokenKey");
        assertThat(refused.rule()).isEqualTo("must be at least 32 bytes");
    }
}
