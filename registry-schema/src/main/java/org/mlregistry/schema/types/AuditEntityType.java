package org.mlregistry.schema.types;

/** What an audit row is about ({@code registry.audit_log.entity_type}, CHECK valid_audit_entity). */
public enum AuditEntityType implements DatabaseEnum {
    TEAM, MODEL, VERSION, DATASET, TRAINING_RUN, DEPLOYMENT, APPROVAL
}
