package io.brandstats.common.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.DbConfig;
import io.brandstats.common.Pools;
import io.brandstats.common.testing.EmbeddedDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A replica that cannot serve is skipped, and the reads it would have served go to the primary and succeed. */
@ExtendWith(VertxExtension.class)
@DisplayName("Read pools: a replica that cannot serve is skipped and reads go to the primary")
class ReadPoolsTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static final Function<SqlClient, Future<Long>> ONE = client -> client.query("SELECT 1").execute()
    .map(rows -> rows.iterator().next().getLong(0));

  private Pool primary;
  private ReadPools reads;

  @BeforeEach
  void primary(Vertx vertx) {
    // No migrations here, so no database of the class's own: the server's own schema answers SELECT 1.
    primary = Pools.create(vertx, new DbConfig("127.0.0.1", DB.config().port(), "mysql", "root", DB.config().password(), 2));
  }

  @AfterEach
  void close() {
    if (reads != null) {
      reads.close().await();
    }
    primary.close().await();
  }

  @Test
  @DisplayName("a server that replicates from nothing is skipped as not-replicating")
  void notReplicating(Vertx vertx) throws Exception {
    reads = onContext(vertx, replicaAt(DB.config().port(), DB.config().password()));
    assertThat(awaitSkipped().getString("reason")).isEqualTo("not-replicating");
    assertThat(reads.read(ONE).await()).isEqualTo(1L);
    assertThat(reads.readEntity(1, ONE, found -> false).await()).isEqualTo(1L);
    assertThat(reads.readAggregate(ONE).await()).isEqualTo(1L);
  }

  @Test
  @DisplayName("a replica nobody listens for is skipped as down")
  void refused(Vertx vertx) throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    reads = onContext(vertx, replicaAt(closed, "none"));
    assertThat(awaitSkipped().getString("reason")).isEqualTo("down");
    assertThat(reads.readAggregate(ONE).await()).isEqualTo(1L);
  }

  @Test
  @DisplayName("a replica host that accepts connections and then never answers is skipped as down within seconds")
  void silent(Vertx vertx) throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.start();
      reads = onContext(vertx, replicaAt(silent.getLocalPort(), "none"));
      long started = System.nanoTime();
      assertThat(awaitSkipped().getString("reason")).isEqualTo("down");
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5000);
      assertThat(reads.read(ONE).await()).isEqualTo(1L);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  /** Skipped while the first check has not answered ("unchecked"); waits for the check's own verdict. */
  private JsonObject awaitSkipped() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonObject health = reads.health();
    while (System.nanoTime() < deadline && "unchecked".equals(health.getString("reason"))) {
      Thread.sleep(100);
      health = reads.health();
    }
    assertThat(health.getString("status")).isEqualTo("skipped");
    return health;
  }

  /** Made on an event-loop context, as a verticle makes it: its checks run there. */
  private ReadPools onContext(Vertx vertx, JsonObject replica) {
    return Future.<ReadPools>future(made -> vertx.runOnContext(v -> made.complete(ReadPools.create(vertx, "test",
      primary, replica)))).await();
  }

  private static JsonObject replicaAt(int port, String password) {
    return new JsonObject().put("maxLagSeconds", 5)
      .put("db", new DbConfig("127.0.0.1", port, "mysql", "root", password, 2).toJson());
  }
}
