package io.brandstats.config;

import io.brandstats.common.DbConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The settings each verticle is deployed with, cut from a node's whole configuration (as
 * {@link ConfigLoader} reads it, every key present): a service gets its own database, the upstreams it
 * calls, the node's metrics and its service-token key, and its own section; the gateway gets http,
 * gateway, metrics, auth, limits and live (stats.live). Verticles read these without defaults of their own: the defaults
 * live in brandstats.yaml alone. The launcher deploys with them; so can a test.
 */
public final class VerticleConfigs {

  /** Services that read others over HTTP: their default base URL is this node's own gateway. */
  private static final List<String> CALLERS = List.of("product", "stats");

  private VerticleConfigs() {
  }

  /**
   * A service verticle's settings.
   *
   * @param serviceAuth what the service signs its calls to other services with (the launcher resolves the keys)
   */
  public static JsonObject service(JsonObject config, String service, DbConfig db, JsonObject serviceAuth) {
    return new JsonObject()
      .put("db", db.toJson())
      .put("replica", ReplicaConfigs.of(config, service, db))
      .put("upstreams", upstreams(config))
      .put("metrics", config.getJsonObject("metrics"))
      .put("auth", serviceAuth)
      .put("service", config.getJsonObject(service));
  }

  /**
   * The gateway's settings.
   *
   * @param services    the services it serves (each answers on {@code <name>.service})
   * @param gatewayAuth the keys it checks tokens with and how tokens carry roles
   */
  public static JsonObject gateway(JsonObject config, List<String> services, JsonObject gatewayAuth) {
    return new JsonObject()
      .put("http", config.getJsonObject("http"))
      .put("gateway", config.getJsonObject("gateway"))
      .put("metrics", config.getJsonObject("metrics"))
      .put("auth", gatewayAuth)
      .put("limits", config.getJsonObject("limits"))
      .put("live", config.getJsonObject("stats").getJsonObject("live"))
      .put("services", new JsonArray(List.copyOf(services)));
  }

  /** The external host a service's database is on; empty when it uses the embedded server. */
  public static String hostOf(JsonObject config, String service) {
    String own = config.getJsonObject(service).getJsonObject("db").getString("host");
    return own.isEmpty() ? config.getJsonObject("db").getString("host") : own;
  }

  /** True when one of these services keeps its data in the embedded server. */
  public static boolean needsEmbeddedDb(JsonObject config, List<String> dataServices) {
    return dataServices.stream().anyMatch(service -> hostOf(config, service).isEmpty());
  }

  /** A service's own login on the embedded server, which listens on 127.0.0.1 at {@code port}. */
  public record EmbeddedLogin(int port, String user, String password) {
  }

  /** The database a service's section names (brand.db.database...). */
  public static String databaseName(JsonObject config, String service) {
    return config.getJsonObject(service).getJsonObject("db").getString("database");
  }

  /**
   * A service's own database: its section's overrides over the shared db settings, or the embedded server
   * with the service's own login when it names no host.
   *
   * @param embedded the service's login on the embedded server; null when none runs
   */
  public static DbConfig databaseOf(JsonObject config, String service, EmbeddedLogin embedded) {
    JsonObject shared = config.getJsonObject("db");
    JsonObject own = config.getJsonObject(service).getJsonObject("db");
    int poolSize = pick(own.getInteger("poolSize"), shared.getInteger("poolSize"));
    String host = hostOf(config, service);
    if (host.isEmpty()) {
      return new DbConfig("127.0.0.1", embedded.port(), own.getString("database"), embedded.user(), embedded.password(),
        poolSize);
    }
    return new DbConfig(host,
      pick(own.getInteger("port"), shared.getInteger("port")),
      own.getString("database"),
      pick(own.getString("user"), shared.getString("user")),
      pick(own.getString("password"), shared.getString("password")),
      poolSize);
  }

  /** Refuses a node whose services would call a gateway that is not there. */
  public static void checkUpstreamsReachable(JsonObject config, List<String> services, String gatewayName) {
    if (services.stream().noneMatch(CALLERS::contains)) {
      return;
    }
    JsonObject upstreams = config.getJsonObject("upstreams");
    for (String name : upstreams.fieldNames()) {
      if (upstreams.getValue(name) instanceof JsonObject upstream && upstream.getString("baseUrl").isEmpty()) {
        if (!services.contains(gatewayName)) {
          throw new IllegalArgumentException("upstreams." + name + ".baseUrl is empty, which means this node's own "
            + "gateway, but this node runs no gateway: set it to a gateway's URL");
        }
        if (config.getJsonObject("http").getInteger("port") == 0) {
          throw new IllegalArgumentException("http.port must be a fixed port: upstreams." + name
            + ".baseUrl is empty, which means this node's own gateway at that port");
        }
      }
    }
  }

  /**
   * Each upstream's settings: the shared upstreams.* values, overridden by its own section; an empty
   * baseUrl means this node's own gateway, so calls go through the public API.
   */
  public static JsonObject upstreams(JsonObject config) {
    JsonObject all = config.getJsonObject("upstreams");
    JsonObject shared = new JsonObject();
    all.forEach(entry -> {
      if (!(entry.getValue() instanceof JsonObject)) {
        shared.put(entry.getKey(), entry.getValue());
      }
    });
    JsonObject resolved = new JsonObject();
    all.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject own) {
        JsonObject upstream = shared.copy().mergeIn(own);
        if (upstream.getString("baseUrl").isEmpty()) {
          upstream.put("baseUrl", "http://127.0.0.1:" + config.getJsonObject("http").getInteger("port"));
        }
        resolved.put(entry.getKey(), upstream);
      }
    });
    return resolved;
  }

  private static int pick(int own, int shared) {
    return own > 0 ? own : shared;
  }

  private static String pick(String own, String shared) {
    return own == null || own.isEmpty() ? shared : own;
  }
}
