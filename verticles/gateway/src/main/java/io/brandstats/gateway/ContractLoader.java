package io.brandstats.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.InputStream;
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

  /** Where the jar carries the contract it was built with. */
  public static final String BUILT_IN = "openapi/brandstats.yaml";
  static final String PROBLEM_JSON = "application/problem+json";
  static final String JSON = "application/json";

  private ContractLoader() {
  }

  public static Future<OpenAPIContract> load(Vertx vertx, String path) {
    return read(vertx, path).compose(file -> parse(vertx, file));
  }

  /**
   * The contract file: the copy built into the jar when {@code path} is empty (so a node started inside
   * some other checkout still serves its own contract), else that file. Read on a worker thread.
   */
  public static Future<Buffer> read(Vertx vertx, String path) {
    if (path != null && !path.isEmpty()) {
      return vertx.fileSystem().readFile(path);
    }
    return vertx.executeBlocking(() -> {
      try (InputStream in = ContractLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
        if (in == null) {
          throw new IllegalStateException("The built-in contract " + BUILT_IN + " is missing from the classpath");
        }
        return Buffer.buffer(in.readAllBytes());
      }
    }, false);
  }

  public static Future<OpenAPIContract> parse(Vertx vertx, Buffer file) {
    // The same YAML reader OpenAPIContract.from(vertx, path) uses.
    return Utils.yamlStringToJson(file.toString())
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
