package org.mlregistry.schema.types;

import java.util.Locale;

/** Category of a tag ({@code registry.tags.tag_category}, CHECK valid_tag_category). */
public enum TagCategory implements DatabaseEnum {
    DOMAIN, USE_CASE, FRAMEWORK, TEAM, PROJECT, CUSTOMER, REGION, PRIORITY, STATUS, CUSTOM;

    /** The database writes {@code use-case} with a hyphen. */
    @Override
    public String getLiteral() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
