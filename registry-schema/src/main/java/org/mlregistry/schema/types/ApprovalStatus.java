package org.mlregistry.schema.types;

/** State of an approval ({@code registry.approvals.status}, CHECK valid_approval_status). */
public enum ApprovalStatus implements DatabaseEnum {
    PENDING, APPROVED, REJECTED, EXPIRED
}
