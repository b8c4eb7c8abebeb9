package io.brandstats.gateway.vertxopenapi;

import io.brandstats.common.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.impl.Format;
import io.vertx.openapi.impl.OpenAPIFormatValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One schema of the contract, its keywords read once ({@link SchemaCompiler}): answers whether a value is valid
 * with the same rules as vertx-json-schema, without reading the schema as a map on every value and without
 * building error locations. A batch of 1,000 sales is checked many times faster; a value it rejects is checked
 * again by the library, which names the faults.
 */
final class CompiledSchema {

  private static final OpenAPIFormatValidator OPENAPI_FORMATS = new OpenAPIFormatValidator();

  /** Schemas a value must pass as well (its $ref). */
  final List<CompiledSchema> references = new ArrayList<>();
  /** The type or types a value must have ("integer" included); null when any. */
  Set<String> types;
  /** Strings a value must equal one of; null when any. */
  Set<String> allowed;
  /** Exactly one of these must pass; null when none. */
  List<CompiledSchema> oneOf;

  List<String> required = List.of();
  Map<String, CompiledSchema> properties = Map.of();
  /** What a property not in {@link #properties} must pass; null: anything, {@link #NOTHING}: no such property. */
  CompiledSchema additional;

  Integer minItems;
  Integer maxItems;
  CompiledSchema items;

  Integer minLength;
  Integer maxLength;
  Pattern pattern;
  String format;

  Number minimum;
  Number maximum;
  Number exclusiveMinimum;
  Number exclusiveMaximum;
  Number multipleOf;

  /** The schema {@code false}: no value passes. */
  static final CompiledSchema NOTHING = new CompiledSchema();

  boolean passes(Object value) {
    if (this == NOTHING) {
      return false;
    }
    String type = SchemaRules.typeOf(value);
    if (type == null || !typePasses(type, value) || allowed != null && !allowed.contains(value)) {
      return false;
    }
    if (oneOf != null && !exactlyOne(value)) {
      return false;
    }
    for (CompiledSchema reference : references) {
      if (!reference.passes(value)) {
        return false;
      }
    }
    boolean own = switch (type) {
      case "object" -> objectPasses((JsonObject) value);
      case "array" -> arrayPasses((JsonArray) value);
      case "string" -> stringPasses((String) value);
      case "number" -> numberPasses((Number) value);
      default -> true;
    };
    return own && (format == null || OPENAPI_FORMATS.validateFormat(type, format, value) == null);
  }

  private boolean typePasses(String type, Object value) {
    return types == null || types.contains(type) || types.contains("integer") && SchemaRules.isInteger(value);
  }

  private boolean exactlyOne(Object value) {
    int passed = 0;
    for (CompiledSchema branch : oneOf) {
      if (branch.passes(value) && ++passed > 1) {
        return false;
      }
    }
    return passed == 1;
  }

  private boolean objectPasses(JsonObject object) {
    for (String name : required) {
      if (!object.containsKey(name)) {
        return false;
      }
    }
    for (Map.Entry<String, Object> field : object.getMap().entrySet()) {
      CompiledSchema property = properties.get(field.getKey());
      CompiledSchema check = property != null ? property : additional;
      if (check != null && !check.passes(json(field.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /** A raw map or list as the library sees it (it wraps them the same way); anything else as it is. */
  @SuppressWarnings("unchecked")
  private static Object json(Object raw) {
    return raw instanceof Map<?, ?> map ? new JsonObject((Map<String, Object>) map)
      : raw instanceof List<?> list ? new JsonArray(list) : raw;
  }

  private boolean arrayPasses(JsonArray array) {
    if (minItems != null && array.size() < minItems || maxItems != null && array.size() > maxItems) {
      return false;
    }
    if (items != null) {
      for (int i = 0; i < array.size(); i++) {
        if (!items.passes(json(array.getList().get(i)))) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean stringPasses(String s) {
    if (minLength != null || maxLength != null) {
      int length = SchemaRules.length(s);
      if (minLength != null && length < minLength || maxLength != null && length > maxLength) {
        return false;
      }
    }
    return (pattern == null || pattern.matcher(s).find()) && (format == null || formatPasses(s));
  }

  private boolean formatPasses(String s) {
    // The date-times clients send, recognised by hand; each passes the library's check (pattern, then
    // DateTimeFormatter.ISO_DATE_TIME), which costs several times more. Anything else is left to that check.
    return "date-time".equals(format) && Timestamps.plain(s) || Format.fastFormat(format, s);
  }

  private boolean numberPasses(Number n) {
    return (minimum == null || SchemaRules.compare(n, minimum) >= 0)
      && (maximum == null || SchemaRules.compare(n, maximum) <= 0)
      && (exclusiveMinimum == null || SchemaRules.compare(n, exclusiveMinimum) > 0)
      && (exclusiveMaximum == null || SchemaRules.compare(n, exclusiveMaximum) < 0)
      && (multipleOf == null || SchemaRules.multipleOf(n, multipleOf));
  }
}
