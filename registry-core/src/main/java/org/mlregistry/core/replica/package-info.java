/**
 * Read replicas: reads that may be slightly stale (searches, analytics, leaderboards, audit
 * queries) run on a healthy PostgreSQL streaming standby; writes, claims and everything inside a
 * transaction run on the primary. {@link org.mlregistry.core.replica.ReadReplicas} configures them
 * ({@code Registry.configure().dataSource(primary).readReplicas(...)}); a registry's
 * {@code readYourWrites()} view waits, with a bound, until a replica has replayed its own writes,
 * and its {@code onPrimary()} view reads from the primary only.
 */
package org.mlregistry.core.replica;
