package io.brandstats.common;

import io.vertx.core.json.JsonObject;

/**
 * A successful answer as it travels back to the gateway: {@code {"status":..,"headers":{..},"body":..}}, or
 * with {@code "encoded"} instead of {@code "body"}: the body already encoded as JSON text, which the gateway
 * sends as it is (an answer served many times is encoded once, and a string crosses the event bus uncopied).
 * Failures do not use this: they travel as event-bus failures carrying a {@link Problem}.
 */
public final class ServiceReply {

  private final JsonObject json = new JsonObject();
  private final JsonObject headers = new JsonObject();

  private ServiceReply(int status, Object body) {
    json.put("status", status).put("headers", headers);
    if (body != null) {
      json.put("body", body);
    }
  }

  public static ServiceReply ok(Object body) {
    return new ServiceReply(200, body);
  }

  /** 200 with a JSON body encoded already. */
  public static ServiceReply okEncoded(String json) {
    ServiceReply reply = new ServiceReply(200, null);
    reply.json.put("encoded", json);
    return reply;
  }

  /** 200 with the entity's version as its ETag. */
  public static ServiceReply entity(JsonObject entity) {
    return ok(entity).header("ETag", ETags.of(entity.getLong("version")));
  }

  /** 201 with the new entity's URL and its version as ETag. */
  public static ServiceReply created(JsonObject entity, String location) {
    return new ServiceReply(201, entity).header("Location", location).header("ETag", ETags.of(entity.getLong("version")));
  }

  public static ServiceReply noContent() {
    return new ServiceReply(204, null);
  }

  public ServiceReply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public JsonObject toJson() {
    return json;
  }
}
