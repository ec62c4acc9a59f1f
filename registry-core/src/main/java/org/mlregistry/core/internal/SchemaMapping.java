package org.mlregistry.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Schema;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.schema.SchemaNames;
import org.mlregistry.schema.jooq.registry.Registry;
import org.mlregistry.schema.jooq.tracking.Tracking;

/**
 * The library's schemas under the names a service chose. jOOQ's render mapping
 * ({@link Settings#getRenderMapping()}) of the registry's context is the one source of truth:
 * generated tables follow it by themselves, and {@link #sql} makes the library's own SQL text
 * (COPY, plain-SQL statements, function calls) follow it too.
 */
public final class SchemaMapping {

    /** A schema-qualified reference in the library's SQL text: {@code tracking.x}, {@code "registry".x}. */
    private static final Pattern QUALIFIED = Pattern.compile("\"?\\b(tracking|registry)\\b\"?\\.");

    private SchemaMapping() {
    }

    /**
     * Checks names before anything is built or sent.
     *
     * @param trackingSchema the tracking schema's name
     * @param registrySchema the registry schema's name
     * @return the names
     * @throws InvalidValueException naming {@code trackingSchema} or {@code registrySchema}
     */
    public static SchemaNames names(String trackingSchema, String registrySchema) {
        refuse("trackingSchema", trackingSchema);
        refuse("registrySchema", registrySchema);
        if (trackingSchema.equals(registrySchema)) {
            throw new InvalidValueException("registrySchema", registrySchema, "must differ from trackingSchema");
        }
        return new SchemaNames(trackingSchema, registrySchema);
    }

    private static void refuse(String field, String name) {
        String rule = SchemaNames.refusal(name);
        if (rule != null) {
            throw new InvalidValueException(field, name, rule);
        }
    }

    /**
     * A context whose settings map the library's schemas to these names; the given context is
     * left as it is (its configuration is derived, sharing its connection and transaction
     * providers, listeners and data).
     *
     * @param dsl the context as configured
     * @param names the schemas' names
     * @return dsl itself for the default names, otherwise a derived context with the mapping added
     */
    public static DSLContext mapped(DSLContext dsl, SchemaNames names) {
        if (names.isDefault()) {
            return dsl;
        }
        Settings settings = (Settings) dsl.settings().clone();
        RenderMapping mapping = settings.getRenderMapping() == null ? new RenderMapping() : settings.getRenderMapping();
        List<MappedSchema> schemata = new ArrayList<>(mapping.getSchemata());
        schemata.removeIf(s -> SchemaNames.DEFAULT.tracking().equals(s.getInput())
                || SchemaNames.DEFAULT.registry().equals(s.getInput()));
        schemata.add(new MappedSchema().withInput(SchemaNames.DEFAULT.tracking()).withOutput(names.tracking()));
        schemata.add(new MappedSchema().withInput(SchemaNames.DEFAULT.registry()).withOutput(names.registry()));
        mapping.setSchemata(schemata);
        settings.setRenderMapping(mapping);
        return dsl.configuration().derive(settings).dsl();
    }

    /**
     * The library's SQL text with its schema references ({@code tracking.x}, {@code registry.x})
     * rendered as the context maps them. Only for the library's own constant text: user values
     * are always bound, never part of it.
     *
     * @param ctx the context the text will run on
     * @param sql the text, naming the schemas by their default names
     * @return the text to run
     */
    public static String sql(DSLContext ctx, String sql) {
        RenderMapping mapping = ctx.settings().getRenderMapping();
        if (mapping == null || mapping.getSchemata().isEmpty()) {
            return sql;
        }
        String tracking = ctx.render(Tracking.TRACKING);
        String registry = ctx.render(Registry.REGISTRY);
        Matcher m = QUALIFIED.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 32);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    (m.group(1).equals(SchemaNames.DEFAULT.tracking()) ? tracking : registry) + "."));
        }
        return m.appendTail(out).toString();
    }

    /**
     * The library's name of a schema the server named (e.g. in a constraint violation).
     *
     * @param ctx the context whose mapping applies
     * @param actual the schema's name in the database
     * @return {@code tracking} or {@code registry} for the mapped schemas, otherwise actual
     */
    public static String canonical(DSLContext ctx, String actual) {
        if (actual == null || ctx.settings().getRenderMapping() == null) {
            return actual;
        }
        String rendered = ctx.render(DSL.name(actual));
        for (Schema schema : List.<Schema>of(Tracking.TRACKING, Registry.REGISTRY)) {
            if (rendered.equals(ctx.render(schema))) {
                return schema.getName();
            }
        }
        return actual;
    }

    /**
     * The name a schema of the library has in the database under the context's mapping, for
     * catalog lookups and identifiers the library renders itself.
     *
     * @param ctx the context whose mapping applies
     * @param library {@code tracking} or {@code registry}
     * @return the mapped name, or library when the context maps nothing
     */
    public static String actual(DSLContext ctx, String library) {
        RenderMapping mapping = ctx.settings().getRenderMapping();
        if (mapping != null) {
            for (var schema : mapping.getSchemata()) {
                if (library.equals(schema.getInput()) && schema.getOutput() != null) {
                    return schema.getOutput();
                }
            }
        }
        return library;
    }
}
