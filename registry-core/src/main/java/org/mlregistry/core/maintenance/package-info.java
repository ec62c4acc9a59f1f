/**
 * Maintenance of the registry's storage: the monthly partitions of the metric history and the
 * audit log, created ahead of need and retired whole by retention. Obtain it from
 * {@code registry.maintenance()}.
 */
package org.mlregistry.core.maintenance;
