package io.brandstats.testkit;

import io.brandstats.node.Brandstats;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A whole Brandstats node running in the test's JVM: every service and the gateway on a free port, its data
 * in an embedded MariaDB under target/. What a test needs is its URL and tokens; {@link #brandstats()} gives
 * the node itself (its Vert.x, its database port) to tests that look inside.
 *
 * <p>Tests usually get one from {@link BrandstatsExtension}; {@link #start} is for tests that start and stop
 * nodes themselves (a restart, two nodes that call each other).
 */
public final class TestNode implements AutoCloseable {

  private static final String WRITER = "testkit-writer";
  private static final int WRITER_TOKEN_TTL = 3600;

  private final Brandstats node;
  private final JsonObject config;
  private boolean closed;

  private TestNode(Brandstats node, JsonObject config) {
    this.node = node;
    this.config = config;
  }

  /** A node on {@link TestConfig#of}'s configuration; the same name is the same data (a restart). */
  public static TestNode start(String name) throws Exception {
    return start(name, config -> { });
  }

  /** A node on {@link TestConfig#of}'s configuration after this change. Blocks until it serves. */
  public static TestNode start(String name, ConfigChange change) throws Exception {
    return start(name, change, null);
  }

  /**
   * As {@link #start(String, ConfigChange)}, with the node's spans going to {@code spans} (e.g. a
   * {@code SimpleSpanProcessor} over an in-memory exporter) when the change sets {@code tracing.enabled}.
   */
  public static TestNode start(String name, ConfigChange change, SpanProcessor spans) throws Exception {
    JsonObject config = TestConfig.of(name);
    change.apply(config);
    return new TestNode(Brandstats.start(config, spans), config);
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return node.port();
  }

  /** A bearer token with the writer role, valid for an hour, signed with the node's own key. */
  public String writerToken() {
    return token(WRITER, List.of("writer"), WRITER_TOKEN_TTL);
  }

  /** A bearer token for this subject with these roles, signed with the node's own key. */
  public String token(String subject, List<String> roles, int ttlSeconds) {
    return node.mintToken(subject, roles, ttlSeconds);
  }

  /** A copy of the configuration the node runs with (every key of config/brandstats.yaml). */
  public JsonObject config() {
    return config.copy();
  }

  /**
   * Points another node's configuration at this node's embedded database (db.host, db.port, and its administrator's
   * user and password): a second node then keeps its data on this one's server.
   */
  public void shareDatabase(JsonObject otherConfig) {
    var admin = node.embeddedDatabaseAdmin()
      .orElseThrow(() -> new IllegalStateException("This node runs no embedded database"));
    otherConfig.getJsonObject("db").put("host", "127.0.0.1").put("port", admin.port()).put("user", admin.user())
      .put("password", admin.password());
  }

  /** The node itself, for tests that need its Vert.x or its embedded database (port, administrator). */
  public Brandstats brandstats() {
    return node;
  }

  /** Drains and stops the node, then its database; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      node.close();
    }
  }
}
