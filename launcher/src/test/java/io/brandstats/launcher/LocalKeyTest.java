package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.auth.JwtKeys;
import io.brandstats.common.auth.TokenMinter;
import io.brandstats.node.AuthKeys;
import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node started with no key configured at all, as on a first local start. */
@ExtendWith(VertxExtension.class)
@DisplayName("Without configured keys, a local key is generated once and the token command signs with it")
class LocalKeyTest {

  /** The key (kid:secret) other test nodes sign with; this node was not configured with it. */
  private static String testKey;

  @RegisterExtension
  static final BrandstatsExtension BRANDSTATS = BrandstatsExtension.nodePerClass().configure(config -> {
    testKey = config.getJsonObject("auth").getJsonArray("secrets").getString(0);
    config.getJsonObject("auth").put("secrets", new JsonArray());
    Files.deleteIfExists(Path.of(config.getJsonObject("embedded").getString("dataDir")).resolve(AuthKeys.LOCAL_KEY_FILE));
  });

  private static TestNode node;
  private static Path dataDir;
  private static Vertx vertx;

  @BeforeAll
  static void startNode(Vertx testVertx, TestNode testNode) {
    vertx = testVertx;
    node = testNode;
    dataDir = Path.of(node.config().getJsonObject("embedded").getString("dataDir"));
  }

  /** A writer token signed with the test nodes' key. */
  private static String testKeyWriterToken() {
    int colon = testKey.indexOf(':');
    return new TokenMinter(vertx, JwtKeys.key(testKey.substring(0, colon), "HS256", testKey.substring(colon + 1)),
      JwtKeys.DEFAULT_ROLE_CLAIM).mint("test-writer", List.of("writer"), 3600);
  }

  /** Runs {@code brandstats.jar token ARGS} in this JVM and returns what it printed. */
  private static String tokenCommand(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "token";
      System.arraycopy(args, 0, all, 1, args.length);
      Main.main(all);
    } finally {
      System.setOut(original);
    }
    return printed.toString(StandardCharsets.UTF_8).trim();
  }

  @Test
  @DisplayName("the generated key lives in the data folder, readable and writable by its owner only")
  void keyFileOwnerOnly() throws Exception {
    Path key = dataDir.resolve(AuthKeys.LOCAL_KEY_FILE);
    assertThat(key).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Files.readString(key).trim()).hasSizeGreaterThanOrEqualTo(32);
  }

  @Test
  @DisplayName("the token command prints only a token, and the node accepts it for writes")
  void tokenCommandWrites() {
    String token = tokenCommand("--data-dir", dataDir.toString(), "--ttl", "120");
    assertThat(token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    Api api = new Api(vertx, node.port(), "Bearer " + token);
    Api.Reply created = api.post("/brands", new JsonObject().put("name", "Local " + System.nanoTime()).put("country", "DE"));
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
  }

  @Test
  @DisplayName("a token for another role is refused for writes; a token from another key is not accepted at all")
  void otherRolesAndKeys() {
    String reader = tokenCommand("--data-dir", dataDir.toString(), "--role", "reader");
    JsonObject brand = new JsonObject().put("name", "Nope").put("country", "DE");
    assertProblem(new Api(vertx, node.port(), "Bearer " + reader).post("/brands", brand), 403);
    // The test key signs the other test nodes' tokens; this node was not configured with it.
    assertProblem(new Api(vertx, node.port(), "Bearer " + testKeyWriterToken()).post("/brands", brand), 401);
  }
}
