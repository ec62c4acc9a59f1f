package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.schema.jooq.registry.Tables.DEPLOYMENTS;

import java.sql.Connection;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.RegistryException;
import org.mlregistry.core.error.UnsupportedIsolationLevelException;
import org.mlregistry.schema.RegistrySchema;
import org.mlregistry.schema.TestDatabase;

/**
 * The lock-then-sum traffic check only holds under READ COMMITTED; under REPEATABLE READ two 60 %
 * deploys could both pass, so deploy and changeTraffic refuse such a transaction.
 */
class DeployIsolationLevelTest extends ModelsTestSupport {

    @Test
    void deployTrafficChangeUndeployPromoteAndRollbackAreRefusedUnderRepeatableRead() throws Exception {
        DataSource ds = TestDatabase.freshDatabase();
        RegistrySchema.configure().dataSource(ds).load().migrate();
        ModelRegistry setup = Registry.configure().dataSource(ds).load().models().actor(ACTOR);
        Model m = model(setup);
        ModelVersion v0 = validated(setup, m, "1.0.0");
        ModelVersion v1 = validated(setup, m, "2.0.0");
        Deployment first = setup.deployments().deploy(NewDeployment.of(v0.versionId(), "canary", 60));

        try (Connection c = ds.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            DSL.using(c, SQLDialect.POSTGRES).transaction(cfg -> {
                ModelRegistry rr = Registry.configure().dsl(cfg.dsl()).load().models().actor(ACTOR);
                UnsupportedIsolationLevelException deploy = catchThrowableOfType(UnsupportedIsolationLevelException.class,
                        () -> rr.deployments().deploy(NewDeployment.of(v1.versionId(), "canary", 30)));
                assertThat(deploy).isInstanceOf(RegistryException.class);
                assertThat(deploy.isolationLevel()).isEqualTo("repeatable read");
                assertThat(deploy.operation()).isEqualTo("deploy");
                assertThat(deploy.getMessage()).contains("repeatable read").contains("read committed");
                UnsupportedIsolationLevelException traffic = catchThrowableOfType(UnsupportedIsolationLevelException.class,
                        () -> rr.deployments().changeTraffic(first.deploymentId(), 40));
                assertThat(traffic.isolationLevel()).isEqualTo("repeatable read");
                assertThat(traffic.operation()).isEqualTo("changeTraffic");
                assertThat(catchThrowableOfType(UnsupportedIsolationLevelException.class,
                        () -> rr.rollouts().promote(v1.versionId(), "canary", 10)).operation()).isEqualTo("promote");
                assertThat(catchThrowableOfType(UnsupportedIsolationLevelException.class,
                        () -> rr.rollouts().rollback(m.modelId(), "canary")).operation()).isEqualTo("rollback");
                assertThat(catchThrowableOfType(UnsupportedIsolationLevelException.class,
                        () -> rr.deployments().undeploy(first.deploymentId())).operation()).isEqualTo("undeploy");
            });
        }
        assertThat(setup.deployments().active(m.modelId(), "canary")).extracting(Deployment::versionId, Deployment::trafficPercentage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(v0.versionId(), 60));
        assertThat(DSL.using(ds, SQLDialect.POSTGRES).fetchCount(DEPLOYMENTS)).isEqualTo(1);
        // read committed, the default, still deploys
        assertThat(setup.deployments().deploy(NewDeployment.of(v1.versionId(), "canary", 40)).trafficPercentage()).isEqualTo(40);
    }
}
