/**
 * Data migrations between mlregistry's schemas, reached through {@code Registry.migrations()}.
 *
 * <h2>Lab 01's flat runs into the registry ({@link org.mlregistry.core.migration.FlatToRegistryMigration})</h2>
 * <ul>
 *   <li><b>Models</b>: one per distinct {@code model_name}; display_name derived from the name
 *       ({@code resnet50-classification} → {@code Resnet50 Classification}); an existing model of
 *       the same name is reused.</li>
 *   <li><b>Versions</b>: one per model and framework: {@code 1.0.0} for a model's first framework,
 *       the next major above its highest version for every further one; artifact_uri is the
 *       placeholder {@code migrated://tracking/<model>/<semver>}, by which a later migration finds
 *       the version again.</li>
 *   <li><b>Frameworks</b> map by name; {@code mxnet} has no lab 02 counterpart, so its runs are
 *       skipped and reported (a strict migration refuses instead).</li>
 *   <li><b>Datasets</b>: one per distinct {@code dataset} satisfying {@code valid_dataset_name}
 *       (others are skipped), at {@code migrated://tracking/datasets/<dataset>}.</li>
 *   <li><b>Experiments</b>: one per model and {@code experiment_name}.</li>
 *   <li><b>Runs</b> keep their run_id, so the source of every migrated run stays known; metrics,
 *       hours, timestamps and notes are copied, {@code parameters} become hyperparameters,
 *       {@code created_by} becomes started_by; one {@code run_datasets} row, role training.</li>
 *   <li><b>Archived runs</b> are skipped unless included: the registry has no archive marker.</li>
 * </ul>
 * Runs already migrated are left alone and every insert is {@code ON CONFLICT DO NOTHING}, so a
 * second migration creates nothing. The migration is one transaction, serialized against
 * concurrent ones by a transaction-scoped advisory lock, and writes one audit row per created
 * model, version, dataset and run (experiments have no audited entity type).
 */
package org.mlregistry.core.migration;
