package org.mlregistry.schema.types;

/** What an approval certifies ({@code registry.approvals.approval_type}, CHECK valid_approval_type). */
public enum ApprovalType implements DatabaseEnum {
    COMPLIANCE, SECURITY, LEGAL, BUSINESS, TECHNICAL
}
