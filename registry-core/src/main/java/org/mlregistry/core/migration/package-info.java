/**
 * Data migrations between mlregistry's schemas, reached through
 * {@link org.mlregistry.core.Registry#migrations()}.
 *
 * <ul>
 *   <li>{@link org.mlregistry.core.migration.FlatToRegistryMigration}: lab 01's flat
 *       {@code tracking.training_runs} into lab 02's normalized {@code registry} schema (models,
 *       versions, datasets, experiments, runs, run_datasets), idempotent, in one transaction, audited,
 *       reporting what it created and which runs it skipped
 *       ({@link org.mlregistry.core.migration.FlatToRegistryReport}).</li>
 * </ul>
 */
package org.mlregistry.core.migration;
