package io.brandstats.gateway.vertxopenapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.impl.BooleanSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a schema of the contract, as the library's schema repository keeps it, into a {@link CompiledSchema}, or
 * answers empty when the schema uses a keyword outside the ones compiled here: that schema keeps being checked by
 * the library alone. A {@code $ref} is followed to the repository's schema at the absolute address the library
 * noted beside it, and the keywords next to it apply too (as in JSON Schema 2020-12). Annotations
 * ({@code description}, {@code examples}, ...) and the library's own {@code __...__} marks check nothing.
 */
final class SchemaCompiler {

  private static final Set<String> ANNOTATIONS = Set.of("description", "title", "examples", "example", "default",
    "deprecated", "$schema", "$id", "$comment");
  private static final Set<String> TYPES = Set.of("null", "boolean", "object", "array", "number", "string", "integer");
  /** Deeper than the contract's schemas go; a schema that refers to itself stays with the library. */
  private static final int MAX_DEPTH = 16;

  /** The repository's schema at an absolute address; null when it has none. */
  private final Function<String, JsonSchema> repository;

  private SchemaCompiler(Function<String, JsonSchema> repository) {
    this.repository = repository;
  }

  static Optional<CompiledSchema> compile(JsonSchema schema, Function<String, JsonSchema> repository) {
    try {
      return Optional.of(new SchemaCompiler(repository).node(schema, 0));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  private CompiledSchema node(Object schema, int depth) {
    if (schema instanceof Boolean b || schema == BooleanSchema.TRUE || schema == BooleanSchema.FALSE) {
      return schema.equals(true) || schema == BooleanSchema.TRUE ? new CompiledSchema() : CompiledSchema.NOTHING;
    }
    if (!(schema instanceof JsonObject json) || depth > MAX_DEPTH) {
      throw new Unsupported();
    }
    CompiledSchema node = new CompiledSchema();
    for (String keyword : json.fieldNames()) {
      Object value = json.getValue(keyword);
      if ("$ref".equals(keyword)) {
        node.references.add(referenced(json, depth));
      } else if (!ANNOTATIONS.contains(keyword) && !(keyword.startsWith("__") && keyword.endsWith("__"))) {
        read(node, keyword, value, depth);
      }
    }
    return node;
  }

  /** Where the library follows a $ref: the absolute address it noted, else the reference as written. */
  private CompiledSchema referenced(JsonObject json, int depth) {
    Object address = json.getValue("__absolute_ref__", json.getValue("$ref"));
    JsonSchema target = address instanceof String s ? repository.apply(s) : null;
    if (target == null) {
      throw new Unsupported();
    }
    return node(target, depth + 1);
  }

  private void read(CompiledSchema node, String keyword, Object value, int depth) {
    switch (keyword) {
      case "type" -> node.types = types(value);
      case "enum" -> node.allowed = strings(value);
      case "oneOf" -> node.oneOf = list(value, depth);
      case "required" -> node.required = List.copyOf(strings(value));
      case "properties" -> node.properties = properties(value, depth);
      case "additionalProperties" -> node.additional = value instanceof Boolean b && b ? null : node(value, depth + 1);
      case "items" -> node.items = node(value, depth + 1);
      case "minItems" -> node.minItems = count(value);
      case "maxItems" -> node.maxItems = count(value);
      case "minLength" -> node.minLength = count(value);
      case "maxLength" -> node.maxLength = count(value);
      case "pattern" -> node.pattern = Pattern.compile(text(value));
      case "format" -> node.format = text(value);
      case "minimum" -> node.minimum = number(value);
      case "maximum" -> node.maximum = number(value);
      case "exclusiveMinimum" -> node.exclusiveMinimum = number(value);
      case "exclusiveMaximum" -> node.exclusiveMaximum = number(value);
      case "multipleOf" -> node.multipleOf = number(value);
      default -> throw new Unsupported();
    }
  }

  private static Set<String> types(Object value) {
    Set<String> types = value instanceof String s ? Set.of(s) : strings(value);
    if (!TYPES.containsAll(types)) {
      throw new Unsupported();
    }
    return types;
  }

  private static Set<String> strings(Object value) {
    if (!(value instanceof JsonArray array)) {
      throw new Unsupported();
    }
    Set<String> strings = new HashSet<>();
    for (Object item : array) {
      strings.add(text(item));
    }
    return strings;
  }

  private List<CompiledSchema> list(Object value, int depth) {
    if (!(value instanceof JsonArray array)) {
      throw new Unsupported();
    }
    List<CompiledSchema> nodes = new ArrayList<>();
    for (Object item : array) {
      nodes.add(node(item, depth + 1));
    }
    return nodes;
  }

  private Map<String, CompiledSchema> properties(Object value, int depth) {
    if (!(value instanceof JsonObject object)) {
      throw new Unsupported();
    }
    Map<String, CompiledSchema> properties = new HashMap<>();
    for (String name : object.fieldNames()) {
      properties.put(name, node(object.getValue(name), depth + 1));
    }
    return properties;
  }

  private static Integer count(Object value) {
    if (value instanceof Integer i && i >= 0) {
      return i;
    }
    throw new Unsupported();
  }

  private static Number number(Object value) {
    if (value instanceof Number n) {
      return n;
    }
    throw new Unsupported();
  }

  private static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw new Unsupported();
  }

  /** A keyword, or a value of one, not compiled here. */
  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }
}
