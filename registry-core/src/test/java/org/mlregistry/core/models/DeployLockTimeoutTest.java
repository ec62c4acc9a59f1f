package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.LockNotAvailableException;
import org.mlregistry.core.error.TransientException;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;

/** A deploy behind a model row that another transaction holds gives up after the registry's lock timeout. */
class DeployLockTimeoutTest extends ModelsTestSupport {

    @Test
    void aDeployBehindALockedModelRowFailsWithTheTypedLockTimeout() throws Exception {
        DataSource ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
        ModelRegistry models = Registry.configure().dataSource(ds).lockTimeout(Duration.ofMillis(100)).load().models().actor(ACTOR);
        Model m = model(models);
        ModelVersion v = validated(models, m, "1.0.0");

        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            DSL.using(holder, SQLDialect.POSTGRES).execute("SELECT 1 FROM registry.models WHERE model_id = ? FOR UPDATE", m.modelId());

            LockNotAvailableException locked = catchThrowableOfType(LockNotAvailableException.class,
                    () -> models.deployments().deploy(NewDeployment.of(v.versionId(), "canary", 50)));

            assertThat(locked).isInstanceOf(TransientException.class);
            assertThat(locked.sqlState()).isEqualTo("55P03");
            holder.rollback();
        }
        assertThat(models.deployments().active(m.modelId(), "canary")).isEmpty();
        assertThat(models.deployments().deploy(NewDeployment.of(v.versionId(), "canary", 50)).trafficPercentage()).isEqualTo(50);
    }
}
