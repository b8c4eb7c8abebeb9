package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.embedded.EmbeddedMariaDb;
import io.brandstats.testkit.TestConfig;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A MariaDB server of its own stands in for an external MySQL-compatible database, configured the way
 * a user would: by host and port. The node must use it and start no embedded server.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("With an external database configured, Brandstats uses it and starts none of its own")
class ExternalDatabaseTest {

  private static EmbeddedMariaDb external;
  private static TestNode node;
  private static Api api;

  /** The server stands in for the external database, so it starts first; the node is stopped before it. */
  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    external = EmbeddedMariaDb.start(TestConfig.DATA_ROOT.resolve("external-server-" + ProcessHandle.current().pid()), 0,
      java.util.List.of(), TestConfig.SERVER_DIR);
    node = TestNode.start("external-unused-" + ProcessHandle.current().pid(), config -> {
      config.getJsonObject("db").put("host", "127.0.0.1").put("port", external.port()).put("user", "root")
        .put("password", external.rootPassword());
      config.getJsonObject("brand").getJsonObject("db").put("database", "brand_external");
    });
    api = new Api(vertx, node);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      external.stop();
    }
  }

  @Test
  @Order(1)
  @DisplayName("no embedded server is started and its data folder is never created")
  void noEmbeddedServer() {
    assertThat(node.brandstats().embeddedDatabasePort()).isEmpty();
    assertThat(Files.exists(Path.of(node.config().getJsonObject("embedded").getString("dataDir")))).isFalse();
  }

  @Test
  @Order(2)
  @DisplayName("a brand created through the API is a row in the configured database on the external server")
  void writesToExternalDatabase(Vertx vertx) {
    String name = "External " + System.nanoTime();
    Api.Reply created = api.post("/brands", new JsonObject().put("name", name).put("country", "SE"));
    assertThat(created.status()).isEqualTo(201);

    Pool direct = MySQLBuilder.pool()
      .connectingTo(new MySQLConnectOptions().setHost("127.0.0.1").setPort(external.port())
        .setDatabase("brand_external").setUser("root").setPassword(external.rootPassword()))
      .using(vertx).build();
    try {
      var rows = direct.preparedQuery("SELECT name, country FROM brand WHERE id = ?")
        .execute(Tuple.of(created.json().getLong("id"))).await();
      assertThat(rows.size()).isEqualTo(1);
      Row row = rows.iterator().next();
      assertThat(row.getString("name")).isEqualTo(name);
      assertThat(row.getString("country")).isEqualTo("SE");
    } finally {
      direct.close().await();
    }
  }

  @Test
  @Order(3)
  @DisplayName("when the database goes away, readiness turns 503 and brand operations answer 503 with Retry-After")
  void databaseDown() throws Exception {
    assertThat(api.get("/health/ready").status()).isEqualTo(200);

    external.stop();

    Api.Reply ready = api.conforms("getReadiness", api.get("/health/ready"));
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().getJsonArray("checks").getJsonObject(0).getString("status")).isEqualTo("DOWN");

    Api.Reply reply = api.conforms("getBrand", api.get("/brands/1"));
    assertProblem(reply, 503);
    assertThat(reply.header("Retry-After")).isNotBlank();
  }
}
