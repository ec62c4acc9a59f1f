package org.mlregistry.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Part (c): every hostile input at every entry point is refused typed or stored verbatim. */
class HostileInputsTest {

    /**
     * Inputs whose outcome is "other" today ({@code entry <- input}): raw database errors, silent
     * rounding or replacement, raw Java exceptions for null, forged tokens and forbidden CSV rows
     * accepted, a StackOverflowError. Empty once the error model and the input limits of issue 13
     * (engineers D and E) are merged: then this test asserts {@code untyped=0}.
     */
    static final List<String> KNOWN_UNTYPED = List.of(
            "runs().submit: model_name <- \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1048576 chars)\"",
            "runs().submit: experiment_name <- \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1048576 chars)\"",
            "runs().submit: dataset <- \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1048576 chars)\"",
            "runs().submit: compute_target <- \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1048576 chars)\"",
            "models().catalog().createModel: name <- \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1048576 chars)\"",
            "models().actor <- \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1048576 chars)\"",
            "runs().submit: model_name <- \"nul\\u0000inside\"",
            "runs().submit: experiment_name <- \"nul\\u0000inside\"",
            "runs().submit: dataset <- \"nul\\u0000inside\"",
            "runs().submit: compute_target <- \"nul\\u0000inside\"",
            "runs().submit: notes <- \"nul\\u0000inside\"",
            "models().catalog().createModel: display_name <- \"nul\\u0000inside\"",
            "models().actor <- \"nul\\u0000inside\"",
            "RunFilter.modelName().eq <- \"nul\\u0000inside\"",
            "RunFilter.notes().like <- \"nul\\u0000inside\"",
            "runs().leases().claimNext: owner <- \"nul\\u0000inside\"",
            "models().deployments().deploy: environment <- \"nul\\u0000inside\"",
            "runs().submit: model_name <- \"high\\ud800surrogate\"",
            "runs().submit: experiment_name <- \"high\\ud800surrogate\"",
            "runs().submit: dataset <- \"high\\ud800surrogate\"",
            "runs().submit: compute_target <- \"high\\ud800surrogate\"",
            "runs().submit: notes <- \"high\\ud800surrogate\"",
            "runs().tags().set: value <- \"high\\ud800surrogate\"",
            "runs().experiments().create: name <- \"high\\ud800surrogate\"",
            "models().catalog().createModel: display_name <- \"high\\ud800surrogate\"",
            "runs().submit: model_name <- \"low\\udc00surrogate\"",
            "runs().submit: experiment_name <- \"low\\udc00surrogate\"",
            "runs().submit: dataset <- \"low\\udc00surrogate\"",
            "runs().submit: compute_target <- \"low\\udc00surrogate\"",
            "runs().submit: notes <- \"low\\udc00surrogate\"",
            "runs().tags().set: value <- \"low\\udc00surrogate\"",
            "runs().experiments().create: name <- \"low\\udc00surrogate\"",
            "models().catalog().createModel: display_name <- \"low\\udc00surrogate\"",
            "RunFilter.accuracy().ge <- NaN",
            "RunFilter.accuracy().ge <- Infinity",
            "RunFilter.accuracy().ge <- -Infinity",
            "runs().record: accuracy <- 4.9E-324",
            "runs().record: gpu_hours <- 4.9E-324",
            "runs().addHours: gpu_hours <- 4.9E-324",
            "runs().record: accuracy <- 0.99996",
            "runs().record: gpu_hours <- 0.99996",
            "runs().addHours: gpu_hours <- 0.99996",
            "runs().record: gpu_hours <- 0.004",
            "runs().addHours: gpu_hours <- 0.004",
            "runs().submit (null) <- null",
            "runs().get (null) <- null",
            "runs().find (null) <- null",
            "runs().start (null) <- null",
            "runs().succeed: runId (null) <- null",
            "runs().succeed: metrics (null) <- null",
            "runs().cancel: runId (null) <- null",
            "runs().timeout (null) <- null",
            "runs().addHours: runId (null) <- null",
            "runs().retention (null) <- null",
            "runs().where (null) <- null",
            "runs().metrics().history: runId (null) <- null",
            "runs().csv().importFrom: reader (null) <- null",
            "runs().csv().export: search (null) <- null",
            "RunFilter.modelName().eq (null) <- null",
            "models().catalog().createModel (null) <- null",
            "models().versions().register (null) <- null",
            "models().deployments().deploy (null) <- null",
            "models().deployments().active: modelId (null) <- null",
            "models().audit().of (null) <- null",
            "inTransaction (null) <- null",
            "runs().record: created_at <- +294277-01-01T00:00Z",
            "RunFilter.createdBetween <- +294277-01-01T00:00Z",
            "RunFilter.createdAt().gt <- +294277-01-01T00:00Z",
            "RunFilter.createdWithin <- PT2562047788015215H30M7S",
            "RunFilter.createdAt().olderThan <- PT2562047788015215H30M7S",
            "runs().cancelQueuedOlderThan <- PT2562047788015215H30M7S",
            "Lease.of: duration <- PT2562047788015215H30M7S",
            "Lease.of: duration <- PT-2562047788015215H-30M-8S",
            "RunSearch.pageSize().after: token <- forged: an issued token with its last byte changed",
            "RunSearch.pageSize().after: token <- an issued token with \"x\" appended",
            "models().versions().register: semver <- \"1.0.0-a0.a1.a2.a3.a4.a5.a6.a7.a8.a9.a0.a1.a2.a3.a4.a5.a6.a7.… (4505 chars)\"",
            "runs().csv().importFrom: malformed <- \"run_id,model_name,framework,experiment_name,status,accuracy,… (234 chars)\"",
            "runs().csv().importFrom: malformed <- \"run_id,model_name,framework,experiment_name,status,accuracy,… (261 chars)\"",
            "runs().csv().importFrom: malformed <- \"\\u0000\\u0001binary\"",
            "runs().csv().importFrom: forbidden row <- \"m,pytorch,csv-5,d,t,running,2026-01-01T00:00:00Z,2999-01-01T… (72 chars)\"",
            "runs().csv().importFrom: forbidden row <- \"m,pytorch,csv-6,d,t,queued,2026-01-01T00:00:00Z,,,someone_el… (63 chars)\"",
            "runs().csv().importFrom: forbidden row <- \"m,pytorch,csv-7,d,t,queued,2026-01-01T00:00:00Z,,,,2026-01-0… (71 chars)\"",
            "runs().csv().importFrom: forbidden row <- \"m,pytorch,csv-8,d,t,succeeded,1900-01-01T00:00:00Z,1900-01-0… (94 chars)\"");

    @Test
    void everyHostileInputIsRefusedTypedOrStoredVerbatimExceptTheKnownOnes() {
        HostileInputs.Result result = HostileInputs.run(SuiteServer.databases().migrated("reliability_inputs_test"));

        assertThat(result.inputs()).isGreaterThanOrEqualTo(150);
        assertThat(result.others()).map(o -> o.substring(0, o.indexOf(" → ")))
                .containsExactlyInAnyOrderElementsOf(KNOWN_UNTYPED);
    }
}
