package org.mlregistry.core.models;

import java.util.List;
import java.util.Optional;

/**
 * One page of an audit query, newest entry first.
 *
 * @param entries the entries of this page, newest first; at most the page size
 * @param next where the next (older) page starts, or empty when this is the last page
 */
public record AuditPage(List<AuditEntry> entries, Optional<AuditCursor> next) {

    /**
     * A page; the list is copied.
     *
     * @param entries the entries of this page
     * @param next where the next page starts, or empty
     */
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
