package io.brandstats.config;

import io.brandstats.common.DbConfig;
import io.vertx.core.json.JsonObject;

/**
 * A service's read replica, cut from a node's whole configuration: {@code <service>.db.replica}, each empty key
 * taking the primary's value (so a replica usually needs only its host), and the shared {@code db.replica} limits.
 */
public final class ReplicaConfigs {

  private ReplicaConfigs() {
  }

  /**
   * {@code {"db":{..},"maxLagSeconds":n}} for the service's verticle; null when the service has no replica.
   *
   * @param primary the service's own database, resolved
   */
  public static JsonObject of(JsonObject config, String service, DbConfig primary) {
    JsonObject own = config.getJsonObject(service).getJsonObject("db").getJsonObject("replica");
    if (own == null || own.getString("host", "").isEmpty()) {
      return null;
    }
    DbConfig replica = new DbConfig(own.getString("host"),
      own.getInteger("port") > 0 ? own.getInteger("port") : primary.port(),
      orPrimary(own.getString("database"), primary.database()),
      orPrimary(own.getString("user"), primary.user()),
      orPrimary(own.getString("password"), primary.password()),
      primary.poolSize());
    JsonObject limits = config.getJsonObject("db").getJsonObject("replica");
    return new JsonObject().put("db", replica.toJson()).put("maxLagSeconds", limits.getInteger("maxLagSeconds"));
  }

  private static String orPrimary(String own, String primary) {
    return own == null || own.isEmpty() ? primary : own;
  }
}
