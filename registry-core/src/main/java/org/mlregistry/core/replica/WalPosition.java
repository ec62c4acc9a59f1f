package org.mlregistry.core.replica;

import org.jooq.DSLContext;
import org.jooq.Record;

/** PostgreSQL WAL positions ({@code pg_lsn}, e.g. {@code 16/B374D848}) as comparable longs. */
final class WalPosition {

    /** Where the primary's WAL ends after a commit; see {@link #afterCommit}. */
    private static final String INSERT_POSITION = "SELECT lsn::text, (pg_walfile_name_offset(lsn)).file_offset,"
            + " current_setting('wal_block_size')::int FROM (SELECT pg_current_wal_insert_lsn() AS lsn) AS wal";
    /** Page header sizes: the first page of a WAL segment has the long one. */
    private static final int SHORT_PAGE_HEADER = 24;
    private static final int LONG_PAGE_HEADER = 40;

    private WalPosition() {
    }

    static long parse(String lsn) {
        int slash = lsn.indexOf('/');
        return Long.parseUnsignedLong(lsn.substring(0, slash), 16) << 32 | Long.parseUnsignedLong(lsn.substring(slash + 1), 16);
    }

    /**
     * The primary's WAL insert position, read after a commit: every record of the committed
     * transaction, its commit record included, ends at or before it (also with
     * {@code synchronous_commit = off}, where the written or flushed position may trail the commit).
     * Right after a page header with nothing written yet, the position PostgreSQL reports is past
     * the header, while a standby that replayed everything reports the page boundary; that case is
     * mapped to the boundary, so such a standby counts as caught up.
     */
    static long afterCommit(DSLContext primary) {
        Record row = primary.fetchOne(INSERT_POSITION);
        long lsn = parse(row.get(0, String.class));
        long segmentOffset = row.get(1, Long.class);
        int pageSize = row.get(2, Integer.class);
        if (segmentOffset == LONG_PAGE_HEADER) {
            return lsn - LONG_PAGE_HEADER;
        }
        return segmentOffset % pageSize == SHORT_PAGE_HEADER ? lsn - SHORT_PAGE_HEADER : lsn;
    }
}
