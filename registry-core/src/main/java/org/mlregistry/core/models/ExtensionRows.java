package org.mlregistry.core.models;

import static org.mlregistry.schema.jooq.registry.Tables.ENVIRONMENTS;
import static org.mlregistry.schema.jooq.registry.Tables.MODEL_ALIASES;
import static org.mlregistry.schema.jooq.registry.Tables.VERSION_TAGS;

import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Records;

/** Mappers of V50's tables (aliases, environments, version tags) to the registry's own records, as {@link Rows}. */
final class ExtensionRows {

    static final RecordMapper<Record, ModelAlias> ALIAS = r -> Records.mapping(ModelAlias::new).map(r.into(
            MODEL_ALIASES.MODEL_ID, MODEL_ALIASES.ALIAS, MODEL_ALIASES.VERSION_ID, MODEL_ALIASES.PREVIOUS_VERSION_ID,
            MODEL_ALIASES.SET_BY, MODEL_ALIASES.SET_AT));

    static final RecordMapper<Record, Environment> ENVIRONMENT = r -> Records.mapping(Environment::new).map(r.into(
            ENVIRONMENTS.ENVIRONMENT_ID, ENVIRONMENTS.ENVIRONMENT_NAME, ENVIRONMENTS.ENVIRONMENT_TYPE,
            ENVIRONMENTS.DESCRIPTION, ENVIRONMENTS.PRIORITY));

    static final RecordMapper<Record, VersionTag> VERSION_TAG = r -> Records.mapping(VersionTag::new).map(r.into(
            VERSION_TAGS.VERSION_ID, VERSION_TAGS.TAG_KEY, VERSION_TAGS.TAG_VALUE, VERSION_TAGS.SET_BY,
            VERSION_TAGS.SET_AT));

    private ExtensionRows() {
    }
}
