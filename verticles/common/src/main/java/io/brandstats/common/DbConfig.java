package io.brandstats.common;

import io.vertx.core.json.JsonObject;

/**
 * One service's own database: where it is and how many connections its pool may hold.
 * The launcher resolves it completely (shared defaults, per-service overrides, embedded server),
 * so a verticle never needs to know which mode it runs in.
 */
public record DbConfig(String host, int port, String database, String user, String password, int poolSize) {

  public static DbConfig from(JsonObject json) {
    return new DbConfig(
      json.getString("host"),
      json.getInteger("port"),
      json.getString("database"),
      json.getString("user"),
      json.getString("password"),
      json.getInteger("poolSize"));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("host", host).put("port", port).put("database", database)
      .put("user", user).put("password", password).put("poolSize", poolSize);
  }

  /** For logs: everything but the password. */
  public String describe() {
    return user + "@" + host + ":" + port + "/" + database;
  }
}
