package org.mlregistry.core.models;

import java.util.UUID;
import org.mlregistry.schema.types.RiskLevel;

/**
 * A model to create.
 *
 * @param name unique kebab-case name, e.g. {@code fraud-detector}
 * @param displayName human-readable name
 * @param teamId owning team, or null
 * @param riskLevel business risk; null means {@link RiskLevel#MEDIUM}
 * @param complianceRequired whether production deployments need approvals
 * @param description free text, or null
 */
public record NewModel(String name, String displayName, UUID teamId, RiskLevel riskLevel, boolean complianceRequired,
        String description) {

    /**
     * A medium-risk model without compliance requirement, team or description.
     *
     * @param name unique kebab-case name, e.g. {@code fraud-detector}
     * @param displayName human-readable name
     * @return the model, of risk {@link RiskLevel#MEDIUM}
     */
    public static NewModel of(String name, String displayName) {
        return new NewModel(name, displayName, null, RiskLevel.MEDIUM, false, null);
    }

    /**
     * This model owned by team.
     *
     * @param team owning team, or null
     * @return a copy with teamId replaced
     */
    public NewModel team(UUID team) {
        return new NewModel(name, displayName, team, riskLevel, complianceRequired, description);
    }

    /**
     * This model with the given risk level and compliance flag.
     *
     * @param level business risk; null means {@link RiskLevel#MEDIUM}
     * @param compliance whether production deployments need approvals
     * @return a copy with riskLevel and complianceRequired replaced
     */
    public NewModel risk(RiskLevel level, boolean compliance) {
        return new NewModel(name, displayName, teamId, level, compliance, description);
    }
}
