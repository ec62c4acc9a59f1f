package org.mlregistry.core.models;

import org.mlregistry.schema.types.TagCategory;

/**
 * A tag by category and value, e.g. {@code (DOMAIN, "nlp")}.
 *
 * @param category the category
 * @param value the value within the category
 */
public record TagRef(TagCategory category, String value) {

    /**
     * Shorthand constructor.
     *
     * @param category the category
     * @param value the value within the category
     * @return the tag reference
     */
    public static TagRef of(TagCategory category, String value) {
        return new TagRef(category, value);
    }
}
