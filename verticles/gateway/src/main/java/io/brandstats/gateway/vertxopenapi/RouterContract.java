package io.brandstats.gateway.vertxopenapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;

/**
 * The contract as the router is given it. The published contract declares error bodies as
 * {@code application/problem+json}, which is what clients receive. vertx-openapi 5.0.7 refuses that media
 * type in responses when it loads a contract (it knows only JSON, text and {@code vnd.*+json}), and the
 * router never validates responses, so the copy given to the router declares those bodies as plain
 * {@code application/json}, and the live statistics' {@code text/event-stream} as {@code text/plain}. The schemas are untouched; the file served at /openapi.yaml is the original.
 *
 * <p>Reads the YAML with the library's own reader ({@code io.vertx.openapi.impl.Utils}, the one
 * {@code OpenAPIContract.from(vertx, path)} uses), since the relabelling needs the contract as JSON first.
 * Still needed with vertx-openapi 5.0.12 (5.0.8 to 5.0.12 changed no code); unnecessary from 5.1.0, which
 * loads custom media types registered through {@code OpenAPIContractBuilder.mediaTypeRegistry}: then
 * {@code OpenAPIContract.builder(vertx)} with a registry that knows problem+json replaces this class.
 */
public final class RouterContract {

  static final String PROBLEM_JSON = "application/problem+json";
  static final String JSON = "application/json";
  static final String EVENT_STREAM = "text/event-stream";
  static final String TEXT = "text/plain";

  private RouterContract() {
  }

  /** The contract file, parsed, with its problem bodies relabelled for the router. */
  public static Future<OpenAPIContract> parse(Vertx vertx, Buffer file) {
    return Utils.yamlStringToJson(file.toString())
      .map(RouterContract::withProblemsAsJson)
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
      // Likewise Server-Sent Events (GET /stats/live): the router's copy calls the stream text.
      if (content != null && content.containsKey(EVENT_STREAM)) {
        content.put(TEXT, content.remove(EVENT_STREAM));
      }
    }
  }
}
