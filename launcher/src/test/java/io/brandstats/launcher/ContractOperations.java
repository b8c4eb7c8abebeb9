package io.brandstats.launcher;

import io.brandstats.gateway.ContractLoader;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.impl.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's operations as a client reads them from the published file: method, path, parameters and body
 * schema with its example, every {@code $ref} resolved (siblings of a {@code $ref} added to what it points at).
 */
final class ContractOperations {

  /** One operation: its parameters (resolved), and its JSON body's schema and example (null without a body). */
  record Operation(String operationId, HttpMethod method, String path, List<JsonObject> parameters,
                   JsonObject bodySchema, Object bodyExample, boolean secured) {

    List<JsonObject> parameters(String in) {
      return parameters.stream().filter(parameter -> in.equals(parameter.getString("in"))).toList();
    }
  }

  private final JsonObject contract;

  private ContractOperations(JsonObject contract) {
    this.contract = contract;
  }

  static ContractOperations load() {
    try (InputStream in = ContractLoader.class.getClassLoader().getResourceAsStream(ContractLoader.BUILT_IN)) {
      return new ContractOperations(Utils.yamlStringToJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)).await());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Operation> all() {
    List<Operation> operations = new ArrayList<>();
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
        JsonObject operation = item.getJsonObject(method.name().toLowerCase());
        if (operation != null) {
          operations.add(operation(path, method, item, operation));
        }
      }
    }
    return operations;
  }

  private Operation operation(String path, HttpMethod method, JsonObject item, JsonObject operation) {
    List<JsonObject> parameters = new ArrayList<>();
    for (JsonArray list : new JsonArray[] {item.getJsonArray("parameters"), operation.getJsonArray("parameters")}) {
      if (list != null) {
        list.forEach(parameter -> {
          JsonObject resolved = resolve((JsonObject) parameter);
          parameters.add(resolved.put("schema", resolve(resolved.getJsonObject("schema"))));
        });
      }
    }
    JsonObject json = operation.containsKey("requestBody")
      ? resolve(operation.getJsonObject("requestBody")).getJsonObject("content").getJsonObject("application/json") : null;
    JsonArray security = operation.getJsonArray("security");
    return new Operation(operation.getString("operationId"), method, path, parameters,
      json == null ? null : resolve(json.getJsonObject("schema")), json == null ? null : json.getValue("example"),
      security != null && !security.isEmpty());
  }

  /** The node with its {@code $ref} followed (recursively), its sibling keywords kept over the target's. */
  JsonObject resolve(JsonObject node) {
    if (node == null || !node.containsKey("$ref")) {
      return node;
    }
    JsonObject target = contract;
    for (String segment : node.getString("$ref").substring(2).split("/")) {
      target = target.getJsonObject(segment);
    }
    JsonObject resolved = resolve(target).copy();
    node.forEach(entry -> {
      if (!entry.getKey().equals("$ref")) {
        resolved.put(entry.getKey(), entry.getValue());
      }
    });
    return resolved;
  }
}
