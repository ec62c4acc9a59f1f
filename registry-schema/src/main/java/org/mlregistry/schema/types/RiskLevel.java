package org.mlregistry.schema.types;

/** Risk level of a model ({@code registry.models.risk_level}, CHECK valid_risk_level). */
public enum RiskLevel implements DatabaseEnum {
    LOW, MEDIUM, HIGH, CRITICAL
}
