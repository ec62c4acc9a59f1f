package org.mlregistry.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mlregistry.core.tracking.RunFilter.framework;
import static org.mlregistry.core.tracking.RunFilter.hasParam;
import static org.mlregistry.core.tracking.RunFilter.param;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.Registry;
import org.mlregistry.core.error.CsvRowRefusedException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.types.Framework;
import org.mlregistry.schema.types.RunStatus;

class RunCsvTest extends TrackingTestSupport {

    private static Runs sharedRuns() {
        return Registry.configure().dataSource(dataSource()).load().runs();
    }

    @Test
    void exportsASearchResultAsCsv() {
        Runs runs = sharedRuns();
        RunSearch pytorch = runs.where(framework().eq(Framework.PYTORCH));
        StringWriter out = new StringWriter();
        long written = pytorch.exportCsv(out);
        List<String> lines = out.toString().lines().toList();
        assertThat(written).isEqualTo(pytorch.count()).isPositive();
        assertThat(lines.get(0)).isEqualTo(db().fetchValue(
                "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
                        + "WHERE table_schema = 'tracking' AND table_name = 'training_runs'"));
        assertThat(lines).hasSize((int) written + 1);
        assertThat(out.toString()).contains("resnet50-classification").doesNotContain(",tensorflow,");

        // JSONB operators, including ?, through the bound SELECT
        StringWriter adam = new StringWriter();
        long adamRows = runs.where(param("optimizer").eq("adam").and(hasParam("batch_size"))).exportCsv(adam);
        assertThat(adamRows).isEqualTo(runs.where(param("optimizer").eq("adam").and(hasParam("batch_size"))).count());
        StringWriter none = new StringWriter();
        assertThat(runs.where(RunFilter.modelName().eq("it's ' OR '1'='1")).exportCsv(none)).isZero();
        assertThat(none.toString().lines().count()).isEqualTo(1);
    }

    @Test
    void exportedRunsImportIntoAnotherDatabaseUnchanged() {
        Runs shared = sharedRuns();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        assertThat(shared.csv().export(shared.search(), csv)).isEqualTo(20);

        DataSource fresh = freshMigratedDatabase();
        Runs target = Registry.configure().dataSource(fresh).load().runs();
        long imported = target.csv().importFrom(new StringReader(csv.toString(StandardCharsets.UTF_8)));
        assertThat(imported).isEqualTo(20);
        assertThat(target.search().count()).isEqualTo(20);
        for (Run original : shared.search().fetch()) {
            assertThat(target.get(original.runId())).isEqualTo(original);
        }
    }

    @Test
    void importsChosenColumnsAllOrNothing() {
        DataSource fresh = freshMigratedDatabase();
        Runs runs = Registry.configure().dataSource(fresh).load().runs();
        List<String> columns = List.of("model_name", "framework", "experiment_name", "dataset", "compute_target", "parameters");
        String ok = "model_name,framework,experiment_name,dataset,compute_target,parameters\n"
                + "m1,pytorch,e,d,gpu,\"{\"\"batch_size\"\": 32}\"\n"
                + "m2,jax,e,d,gpu,{}\n";
        assertThat(runs.csv().importFrom(new ByteArrayInputStream(ok.getBytes(StandardCharsets.UTF_8)), columns)).isEqualTo(2);
        assertThat(runs.where(param("batch_size").asInt().eq(32L)).fetch()).extracting(Run::modelName).containsExactly("m1");
        assertThat(runs.search().fetch()).allMatch(run -> run.status() == RunStatus.QUEUED);

        String bad = "model_name,framework,experiment_name,dataset,compute_target,accuracy\n"
                + "m3,pytorch,e,d,gpu,0.5\n"
                + "m4,pytorch,e,d,gpu,1.5\n";
        CsvRowRefusedException e = catchThrowableOfType(CsvRowRefusedException.class,
                () -> runs.csv().importFrom(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
                        List.of("model_name", "framework", "experiment_name", "dataset", "compute_target", "accuracy")));
        assertThat(e.field()).isEqualTo("accuracy");
        assertThat(e.rule()).startsWith("must be within [0, 1]");
        assertThat(e.line()).isEqualTo(3);
        assertThat(runs.search().count()).isEqualTo(2);

        InvalidValueException unknown = catchThrowableOfType(InvalidValueException.class,
                () -> runs.csv().importFrom(new ByteArrayInputStream(new byte[0]), List.of("model_name; DROP TABLE x")));
        assertThat(unknown.field()).isEqualTo("columns");
    }

    @Test
    void importRefusesAHeaderThatNamesOtherColumns() {
        DataSource fresh = freshMigratedDatabase();
        Runs runs = Registry.configure().dataSource(fresh).load().runs();
        List<String> columns = List.of("model_name", "framework", "experiment_name", "dataset", "compute_target");
        // experiment_name and dataset swapped in the header: HEADER true would load them into each other
        String swapped = "model_name,framework,dataset,experiment_name,compute_target\n"
                + "m1,pytorch,e,d,gpu\n";
        InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                () -> runs.csv().importFrom(new ByteArrayInputStream(swapped.getBytes(StandardCharsets.UTF_8)), columns));
        assertThat(e.field()).isEqualTo("header");
        assertThat(e.rule()).contains("experiment_name").contains("dataset");
        assertThat(runs.search().count()).isZero();

        String matching = "model_name,framework,experiment_name,dataset,compute_target\n"
                + "m1,pytorch,e,d,gpu\n";
        assertThat(runs.csv().importFrom(new ByteArrayInputStream(matching.getBytes(StandardCharsets.UTF_8)), columns)).isEqualTo(1);
        assertThat(runs.search().fetch()).extracting(Run::experimentName, Run::dataset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e", "d"));
    }
}
