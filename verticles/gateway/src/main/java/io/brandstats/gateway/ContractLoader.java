package io.brandstats.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;

/**
 * Loads the contract the router is built from.
 *
 * <p>The published contract declares error bodies as {@code application/problem+json}, which is what
 * clients receive. vertx-openapi 5.0.7 refuses that media type in responses when it loads a contract
 * (it knows only JSON, text and {@code vnd.*+json}), and the router never validates responses, so the
 * copy given to the router declares those bodies as plain {@code application/json}. The schemas are
 * untouched; the file served at /openapi.yaml is the original.
 */
public final class ContractLoader {

  static final String PROBLEM_JSON = "application/problem+json";
  static final String JSON = "application/json";

  private ContractLoader() {
  }

  public static Future<OpenAPIContract> load(Vertx vertx, String path) {
    // The same YAML reader OpenAPIContract.from(vertx, path) uses.
    return Utils.readYamlOrJson(vertx, path)
      .map(ContractLoader::withProblemsAsJson)
      .compose(contract -> OpenAPIContract.from(vertx, contract));
  }

  static JsonObject withProblemsAsJson(JsonObject contract) {
    JsonObject components = contract.getJsonObject("components", new JsonObject());
    relabel(components.getJsonObject("responses"));
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject pathItem = paths.getJsonObject(path);
      for (String method : pathItem.fieldNames()) {
        if (pathItem.getValue(method) instanceof JsonObject operation) {
          relabel(operation.getJsonObject("responses"));
        }
      }
    }
    return contract;
  }

  private static void relabel(JsonObject responses) {
    if (responses == null) {
      return;
    }
    for (String status : responses.fieldNames()) {
      JsonObject content = responses.getJsonObject(status).getJsonObject("content");
      if (content != null && content.containsKey(PROBLEM_JSON)) {
        content.put(JSON, content.remove(PROBLEM_JSON));
      }
    }
  }
}
