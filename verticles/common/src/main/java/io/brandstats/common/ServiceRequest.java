package io.brandstats.common;

import io.vertx.core.json.JsonObject;

/**
 * A request the gateway has already validated against the contract, as it travels on the event bus:
 * {@code {"path":{..},"query":{..},"headers":{..},"body":..}}. Values carry the contract's types.
 */
public record ServiceRequest(String operationId, JsonObject json) {

  public static final String ACTION_HEADER = "action";

  public static JsonObject envelope(JsonObject path, JsonObject query, JsonObject headers, Object body) {
    return new JsonObject().put("path", path).put("query", query).put("headers", headers).put("body", body);
  }

  public long pathLong(String name) {
    return section("path").getLong(name);
  }

  public JsonObject query() {
    return section("query");
  }

  /** A request header declared by the contract; names are lower case. */
  public String header(String lowerCaseName) {
    return section("headers").getString(lowerCaseName);
  }

  public JsonObject body() {
    return json.getJsonObject("body");
  }

  private JsonObject section(String name) {
    JsonObject section = json.getJsonObject(name);
    return section == null ? new JsonObject() : section;
  }
}
