/**
 * Registry events: a transactional outbox written with every audited change, and subscribers
 * woken by PostgreSQL {@code LISTEN/NOTIFY}. Entry: {@code registry.events()}.
 */
package org.mlregistry.core.events;
