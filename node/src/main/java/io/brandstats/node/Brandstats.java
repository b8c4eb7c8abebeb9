package io.brandstats.node;

import io.brandstats.brand.BrandVerticle;
import io.brandstats.common.DbConfig;
import io.brandstats.common.ServiceVerticle;
import io.brandstats.common.auth.TokenMinter;
import io.brandstats.config.VerticleConfigs;
import io.brandstats.config.VerticleConfigs.EmbeddedLogin;
import io.brandstats.embedded.EmbeddedMariaDb;
import io.brandstats.gateway.GatewayVerticle;
import io.brandstats.node.tracing.Tracing;
import io.brandstats.product.ProductVerticle;
import io.brandstats.stats.StatsVerticle;
import io.brandstats.store.StoreVerticle;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.VertxTracerFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Brandstats node: the embedded database when a service needs it, the services this node
 * runs, and the gateway. The same assembly serves the jar's main, the testkit and anything else that runs
 * a whole node in its own JVM. Start and close block the calling thread (never an event loop): they run
 * before deployment and after undeployment.
 */
public final class Brandstats implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Brandstats.class);

  public static final String GATEWAY = "gateway";

  /** The services that own a database, by the name used in node.services and as config section. */
  private static final Map<String, Supplier<io.vertx.core.Deployable>> DATA_SERVICES = new LinkedHashMap<>();

  static {
    DATA_SERVICES.put("brand", BrandVerticle::new);
    DATA_SERVICES.put("store", StoreVerticle::new);
    DATA_SERVICES.put("product", ProductVerticle::new);
    DATA_SERVICES.put("stats", StatsVerticle::new);
  }

  private final JsonObject config;
  private final AuthKeys authKeys;
  private final EmbeddedMariaDb embeddedDb;
  private final Tracing tracing;
  private final ClusterNode cluster;
  private final Vertx vertx;
  private final List<String> gatewayDeployments = new ArrayList<>();
  /** Every service verticle instance of this node: opened once the gateway listens, drained first on close. */
  private final List<ServiceVerticle> serviceInstances = Collections.synchronizedList(new ArrayList<>());

  private Brandstats(JsonObject config, AuthKeys authKeys, EmbeddedMariaDb embeddedDb, Tracing tracing, ClusterNode cluster) {
    this.config = config;
    this.authKeys = authKeys;
    this.embeddedDb = embeddedDb;
    this.tracing = tracing;
    this.cluster = cluster;
    this.vertx = cluster.vertx();
  }

  public static Brandstats start(JsonObject config) throws Exception {
    return start(config, null);
  }

  /**
   * @param spans where the node's spans go instead of tracing.exporter, when tracing.enabled (e.g. a test's
   *              in-memory exporter); null for the configured exporter
   */
  public static Brandstats start(JsonObject config, SpanProcessor spans) throws Exception {
    List<String> services = services(config);
    VerticleConfigs.checkUpstreamsReachable(config, services, GATEWAY);
    boolean clustered = config.getJsonObject("cluster").getBoolean("enabled");
    List<String> dataServices = services.stream().filter(DATA_SERVICES::containsKey).toList();
    boolean embedded = VerticleConfigs.needsEmbeddedDb(config, dataServices);
    if (clustered && embedded) {
      EmbeddedServer.checkShareable(config);
    }
    AuthKeys authKeys = AuthKeys.resolve(config);
    if (clustered) {
      authKeys.checkShared();
    }
    Tracing tracing = Tracing.from(config, services, authKeys.signingKey().getString("key"), spans);
    EmbeddedMariaDb db = embedded ? EmbeddedServer.start(config, dataServices) : null;
    ClusterNode cluster;
    try {
      VertxOptions options = Metrics.vertxOptions(config);
      VertxTracerFactory tracer = tracing == null ? null : tracing.vertxTracer();
      cluster = clustered ? ClusterNode.join(ClusterSettings.from(config), options, tracer)
        : ClusterNode.single(options, tracer);
    } catch (Exception | Error e) {
      if (db != null) {
        db.stop();
      }
      if (tracing != null) {
        tracing.close();
      }
      throw e;
    }
    Brandstats node = new Brandstats(config, authKeys, db, tracing, cluster);
    try {
      cluster.answerStatus(services);
      node.deploy(services, clustered);
    } catch (Exception | Error e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void deploy(List<String> services, boolean clustered) {
    for (String service : services) {
      if (!service.equals(GATEWAY)) {
        deployService(service);
      }
    }
    if (services.contains(GATEWAY)) {
      // In a cluster the gateway serves every service, wherever it runs; alone, those of this node.
      deployGateway(clustered ? List.copyOf(DATA_SERVICES.keySet()) : services);
    }
    // Only now, with the gateway listening (the services' own lookups go through it), do they take work.
    Future.all(List.copyOf(serviceInstances).stream().map(ServiceVerticle::open).toList()).await();
  }

  private void deployService(String service) {
    DbConfig db = VerticleConfigs.databaseOf(config, service,
      embeddedDb == null ? null : new EmbeddedLogin(embeddedDb.port(), service, embeddedDb.password(service)));
    JsonObject settings = VerticleConfigs.service(config, service, db, authKeys.forServices(config.getJsonObject("auth")))
      .put("awaitOpen", true)
      .put("drainSeconds", config.getJsonObject("http").getLong("shutdownTimeout"));
    DeploymentOptions options = new DeploymentOptions().setConfig(settings)
      .setInstances(config.getJsonObject(service).getInteger("instances"));
    Supplier<io.vertx.core.Deployable> factory = DATA_SERVICES.get(service);
    // Blocking wait on the starting thread, before anything is served.
    vertx.deployVerticle(() -> {
      io.vertx.core.Deployable instance = factory.get();
      serviceInstances.add((ServiceVerticle) instance);
      return instance;
    }, options).await();
  }

  private void deployGateway(List<String> services) {
    int instances = config.getJsonObject("http").getInteger("instances");
    List<String> served = services.stream().filter(s -> !s.equals(GATEWAY)).toList();
    DeploymentOptions options = new DeploymentOptions()
      .setConfig(VerticleConfigs.gateway(config, served, authKeys.forGateway(config.getJsonObject("auth"))))
      .setInstances(instances > 0 ? instances : Runtime.getRuntime().availableProcessors());
    gatewayDeployments.add(vertx.deployVerticle(GatewayVerticle::new, options).await());
  }

  public int port() {
    return config.getJsonObject("http").getInteger("port");
  }

  public Vertx vertx() {
    return vertx;
  }

  /** A token signed with this node's signing key, e.g. for the demo data loaded through the API. */
  public String mintToken(String subject, List<String> roles, int ttlSeconds) {
    return new TokenMinter(vertx, authKeys.signingKey(), config.getJsonObject("auth").getString("roleClaim"))
      .mint(subject, roles, ttlSeconds);
  }

  /** The embedded server's port, when this node started one. */
  public OptionalInt embeddedDatabasePort() {
    return embeddedDb == null ? OptionalInt.empty() : OptionalInt.of(embeddedDb.port());
  }

  /**
   * The embedded server's administrator (root, from 127.0.0.1, with the password in the data folder's
   * mariadb-root.key), when this node started one: for another node sharing the server, and for tools.
   */
  public Optional<EmbeddedLogin> embeddedDatabaseAdmin() {
    return embeddedDb == null ? Optional.empty() : Optional.of(new EmbeddedLogin(embeddedDb.port(), "root",
      embeddedDb.rootPassword()));
  }

  /** Drains and stops the node ({@link NodeShutdown}), then sends the last spans and stops the database. */
  @Override
  public void close() {
    try {
      List<String> addresses = services(config).stream().filter(DATA_SERVICES::containsKey).map(s -> s + ".service").toList();
      NodeShutdown.run(cluster, config.getJsonObject("cluster").getBoolean("enabled"), addresses,
        List.copyOf(serviceInstances), gatewayDeployments, config.getJsonObject("node").getLong("drainGrace") * 1000);
    } catch (RuntimeException e) {
      LOG.warn("Stopping the services did not complete cleanly: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (tracing != null) {
        tracing.close();
      }
      if (embeddedDb != null) {
        try {
          embeddedDb.stop();
        } catch (Exception e) {
          LOG.warn("Stopping the embedded database failed: {}", e.getMessage());
        }
      }
    }
  }

  /** The services a configuration's node.services names, in order; an unknown name is refused. */
  public static List<String> services(JsonObject config) {
    List<String> services = config.getJsonObject("node").getJsonArray("services").stream().map(String::valueOf).toList();
    for (String service : services) {
      if (!service.equals(GATEWAY) && !DATA_SERVICES.containsKey(service)) {
        throw new IllegalArgumentException("Unknown service '" + service + "' in node.services; known: "
          + GATEWAY + ", " + String.join(", ", DATA_SERVICES.keySet()));
      }
    }
    return services;
  }
}
