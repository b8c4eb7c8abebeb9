package io.brandstats.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Walks a body schema beside a valid body and names every change the schema refuses: a required field removed,
 * each refused value in each field, an unknown field where none is allowed, an array emptied or over its length,
 * and the same inside nested objects and the first item of arrays. Each change is applied to a copy of the body.
 */
final class BodyMutations {

  interface Sink {
    void add(String why, UnaryOperator<Object> change);
  }

  private static final Object REMOVE = new Object();

  private BodyMutations() {
  }

  static void of(ContractOperations contract, JsonObject schema, Object base, List<Object> at, Sink sink) {
    if (!(base instanceof JsonObject object)) {
      return;
    }
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    for (String name : properties.fieldNames()) {
      JsonObject property = contract.resolve(properties.getJsonObject(name));
      List<Object> path = append(at, name);
      String pointer = pointer(path);
      if (required.contains(name) && object.containsKey(name)) {
        sink.add(pointer + " removed", root -> set(root, path, REMOVE));
      }
      for (Object value : MalformedValues.refusedValues(property)) {
        sink.add(pointer + " = " + shortly(value), root -> set(root, path, value));
      }
      Object inner = object.getValue(name);
      if (inner instanceof JsonArray array && !array.isEmpty() && property.containsKey("items")) {
        if (property.containsKey("minItems")) {
          sink.add(pointer + " empty", root -> set(root, path, new JsonArray()));
        }
        if (property.containsKey("maxItems")) {
          int items = property.getInteger("maxItems") + 1;
          sink.add(pointer + " with " + items + " items", root -> set(root, path, repeated(array.getValue(0), items)));
        }
        of(contract, contract.resolve(property.getJsonObject("items")), array.getValue(0), append(path, 0), sink);
      } else if (inner instanceof JsonObject) {
        of(contract, property, inner, path, sink);
      }
    }
    if (Boolean.FALSE.equals(schema.getValue("additionalProperties"))) {
      List<Object> unknown = append(at, "unexpected");
      sink.add(pointer(unknown) + " unknown", root -> set(root, unknown, 1));
    }
  }

  /** The example itself, or the first object inside it, that has the shape of this schema (for a oneOf's branch). */
  static Object shapedLike(Object example, JsonObject schema) {
    if (example instanceof JsonObject object) {
      JsonObject properties = schema.getJsonObject("properties", new JsonObject());
      if (properties.fieldNames().containsAll(object.fieldNames())
        && object.fieldNames().containsAll(schema.getJsonArray("required", new JsonArray()).getList())) {
        return object;
      }
      for (String name : object.fieldNames()) {
        Object inside = shapedLike(object.getValue(name), schema);
        if (inside != null) {
          return inside;
        }
      }
    } else if (example instanceof JsonArray array) {
      for (Object item : array) {
        Object inside = shapedLike(item, schema);
        if (inside != null) {
          return inside;
        }
      }
    }
    return null;
  }

  /** The body with the value at the path set (or removed); unchanged where an earlier change took the path away. */
  private static Object set(Object root, List<Object> path, Object value) {
    Object current = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object segment = path.get(i);
      current = current instanceof JsonObject object && segment instanceof String name ? object.getValue(name)
        : current instanceof JsonArray array && segment instanceof Integer index && index < array.size() ? array.getValue(index)
        : null;
    }
    Object last = path.get(path.size() - 1);
    if (current instanceof JsonObject object && last instanceof String name) {
      if (value == REMOVE) {
        object.remove(name);
      } else {
        object.put(name, value);
      }
    }
    return root;
  }

  private static JsonArray repeated(Object item, int times) {
    JsonArray array = new JsonArray();
    for (int i = 0; i < times; i++) {
      array.add(item instanceof JsonObject object ? object.copy() : item);
    }
    return array;
  }

  private static List<Object> append(List<Object> path, Object segment) {
    List<Object> longer = new ArrayList<>(path);
    longer.add(segment);
    return longer;
  }

  private static String pointer(List<Object> path) {
    StringBuilder pointer = new StringBuilder();
    path.forEach(segment -> pointer.append('/').append(segment));
    return pointer.toString();
  }

  private static String shortly(Object value) {
    String text = String.valueOf(value);
    return text.length() > 24 ? text.substring(0, 24) + "..." : text;
  }
}
