package dev.socialcrawl.catalog.data;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * Validates JSON against JSON Schema 2020-12 (the dialect of OpenAPI 3.1) with a real validator, formats asserted.
 * A set of named schemas that refer to each other under some prefix ({@code #/components/schemas/} in the OpenAPI
 * document) is checked as the {@code $defs} of one schema document, the references rebased.
 */
public final class SchemaCheck {
    private static final String DEFS = "#/$defs/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final String defs;
    private final String refPrefix;

    /** @param schemas named schemas whose references to each other start with {@code refPrefix} */
    public SchemaCheck(Map<String, ? extends JsonNode> schemas, String refPrefix) {
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        schemas.forEach(all::set);
        this.refPrefix = refPrefix;
        this.defs = rebase(all.toString());
    }

    /** What is wrong with {@code instance} as the schema of that name; empty when it is valid. */
    public List<String> errors(String schemaName, JsonNode instance) {
        return errors(JsonNodeFactory.instance.objectNode().put("$ref", refPrefix + schemaName), instance);
    }

    /** What is wrong with {@code instance} as {@code schema}, which may refer to the named schemas. */
    public List<String> errors(JsonNode schema, JsonNode instance) {
        String body = rebase(schema.toString());
        String document = "{\"$schema\":\"" + SpecificationVersion.DRAFT_2020_12.getDialectId() + "\",\"$defs\":"
                + defs + "," + body.substring(1);
        Schema compiled = REGISTRY.getSchema(document, InputFormat.JSON);
        return compiled.validate(instance.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /** What is wrong with {@code schema} as a JSON Schema 2020-12 document (checked against the meta-schema). */
    public static List<String> metaSchemaErrors(JsonNode schema) {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        return meta.validate(schema.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
    }

    private String rebase(String json) {
        return json.replace("\"" + refPrefix, "\"" + DEFS);
    }
}
