/**
 * Training-run tracking over lab 01's {@code tracking.training_runs}, reached through
 * {@link org.mlregistry.core.Registry#runs()}.
 *
 * <ul>
 *   <li>Lifecycle: {@link org.mlregistry.core.tracking.Runs#submit}, {@code start}, {@code succeed},
 *       {@code fail}, {@code cancel}, {@code timeout} — the state machine is
 *       {@link org.mlregistry.core.tracking.RunTransition}; each step is one conditional UPDATE.</li>
 *   <li>Workers: {@link org.mlregistry.core.tracking.Runs#claimNext} ({@code FOR UPDATE SKIP LOCKED}).</li>
 *   <li>Progress and maintenance: hours, parameters ({@code jsonb ||}), notes, derived F1,
 *       cancelling runs queued too long.</li>
 *   <li>Search: {@link org.mlregistry.core.tracking.RunFilter} conditions and the step builder
 *       {@link org.mlregistry.core.tracking.RunSearch} with keyset pages
 *       ({@link org.mlregistry.core.tracking.Page}).</li>
 *   <li>Guarded bulk changes and retention: {@link org.mlregistry.core.tracking.BulkChange},
 *       {@link org.mlregistry.core.tracking.RetentionPolicy}; archived runs are hidden from searches
 *       by default.</li>
 *   <li>CSV export and import through PostgreSQL COPY.</li>
 * </ul>
 */
package org.mlregistry.core.tracking;
