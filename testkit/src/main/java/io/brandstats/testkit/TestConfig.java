package io.brandstats.testkit;

import io.brandstats.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The configuration a test node starts from: the built-in defaults of {@code config/brandstats.yaml}, changed
 * only where a test needs it. Nothing is read from the environment, so a developer's {@code BRANDSTATS_*}
 * variables never reach a test.
 */
public final class TestConfig {

  /** Where test nodes keep their embedded data: under the calling module's target/, never the system tmpdir. */
  public static final Path DATA_ROOT = Path.of("target", "brandstats-testkit");
  /** One unpacked copy of the MariaDB server's binaries for every embedded server of a test run. */
  public static final Path SERVER_DIR = DATA_ROOT.resolve("mariadb-server");

  /**
   * One HS256 key for every test node of this JVM, made up per run: nodes that call each other (a service on
   * one, the gateway it calls on another) must trust each other's tokens.
   */
  private static final String SIGNING_KEY = "testkit:" + UUID.randomUUID() + "-" + UUID.randomUUID();

  private TestConfig() {
  }

  /**
   * The defaults with: the gateway on a free port with two instances (the same node on any machine), the
   * embedded data in {@code target/brandstats-testkit/<name>}, this run's signing key, no rate limit
   * (a test sends many requests from one address), and no drain grace (no load balancer watches a test node).
   */
  public static JsonObject of(String name) {
    JsonObject config = ConfigLoader.load(null, Map.of());
    config.getJsonObject("http").put("port", freePort()).put("instances", 2);
    config.getJsonObject("embedded").put("dataDir", DATA_ROOT.resolve(name).toString())
      // One copy of the server's binaries for every test node, not one per data folder.
      .put("serverDir", SERVER_DIR.toString());
    config.getJsonObject("auth").put("secrets", new JsonArray().add(SIGNING_KEY));
    config.getJsonObject("limits").getJsonObject("rate").put("requestsPerSecond", 0);
    config.getJsonObject("node").put("drainGrace", 0);
    return config;
  }

  /**
   * Sets the key at a dotted path ({@code "gateway.requestTimeout"}) as a configuration file would; a list
   * becomes a YAML list. A key the defaults do not have is refused, as the node refuses it in a file.
   */
  public static void set(JsonObject config, String keyPath, Object value) {
    String[] keys = keyPath.split("\\.");
    JsonObject section = config;
    for (int i = 0; i < keys.length - 1; i++) {
      if (!(section.getValue(keys[i]) instanceof JsonObject inner)) {
        throw unknown(keyPath);
      }
      section = inner;
    }
    String last = keys[keys.length - 1];
    if (!section.containsKey(last) || section.getValue(last) instanceof JsonObject) {
      throw unknown(keyPath);
    }
    section.put(last, value instanceof List<?> list ? new JsonArray(new ArrayList<>(list)) : value);
  }

  private static IllegalArgumentException unknown(String keyPath) {
    return new IllegalArgumentException("Unknown configuration key '" + keyPath + "' (keys are those of config/brandstats.yaml)");
  }

  /** A port nothing listens on right now, for a node or for a server a test wants to be missing. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
