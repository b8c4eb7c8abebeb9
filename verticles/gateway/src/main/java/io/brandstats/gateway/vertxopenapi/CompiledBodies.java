package io.brandstats.gateway.vertxopenapi;

import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The contract's request-body schemas, compiled once at start ({@link SchemaCompiler}). A body they pass is valid
 * as the library would find it and needs no further check; any other body is checked by the library, which then
 * names its faults, so the answers to invalid requests do not change.
 */
final class CompiledBodies {

  /** By the library's schema object of each declared media type (schemas are compared by identity, never walked). */
  private final Map<JsonSchema, CompiledSchema> compiled = new IdentityHashMap<>();

  CompiledBodies(OpenAPIContract contract) {
    SchemaRepository repository = contract.getSchemaRepository();
    for (Operation operation : contract.operations()) {
      if (operation.getRequestBody() == null) {
        continue;
      }
      for (MediaType mediaType : operation.getRequestBody().getContent().values()) {
        JsonSchema declared = mediaType.getSchema();
        if (declared != null) {
          SchemaCompiler.compile(validated(repository, declared), repository::find)
            .ifPresent(schema -> compiled.put(declared, schema));
        }
      }
    }
  }

  /**
   * The schema the library validates for a declared one: the repository's copy at the address noted on it (which
   * keeps each $ref and the keywords beside it), as {@code SchemaRepository.validator(JsonSchema)} picks it.
   */
  private static JsonSchema validated(SchemaRepository repository, JsonSchema declared) {
    Object address = declared.get("__absolute_uri__");
    JsonSchema kept = address instanceof String s ? repository.find(s) : null;
    return kept != null ? kept : declared;
  }

  /** True when the body passes its schema; false when it does not or its schema is not compiled: ask the library. */
  boolean passes(JsonSchema schema, Object body) {
    CompiledSchema check = compiled.get(schema);
    return check != null && check.passes(body);
  }

  /** How many media types' schemas are compiled. */
  int size() {
    return compiled.size();
  }
}
