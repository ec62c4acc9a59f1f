package org.mlregistry.core.models;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.mlregistry.schema.types.ApprovalStatus;
import org.mlregistry.schema.types.ApprovalType;

/**
 * An approval of a version, requested, then approved, rejected or expired.
 *
 * @param approvalId its id
 * @param versionId the version to approve
 * @param approvalType what kind of approval
 * @param requiredForEnv the environment name or type it is for, or null for any
 * @param status where it stands
 * @param requestedBy who requested it
 * @param requestedAt when
 * @param approvedBy who approved it, or null
 * @param approvedAt when, or null
 * @param rejectedBy who rejected it, or null
 * @param rejectedAt when, or null
 * @param approvalNotes notes, or null
 * @param rejectionReason why it was rejected, or null
 * @param expiresAt until when an approval holds, or null for no expiry
 */
public record Approval(UUID approvalId, UUID versionId, ApprovalType approvalType, String requiredForEnv,
        ApprovalStatus status, String requestedBy, OffsetDateTime requestedAt, String approvedBy,
        OffsetDateTime approvedAt, String rejectedBy, OffsetDateTime rejectedAt, String approvalNotes,
        String rejectionReason, OffsetDateTime expiresAt) {
}
