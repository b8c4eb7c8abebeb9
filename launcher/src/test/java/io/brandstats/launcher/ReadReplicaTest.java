package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.embedded.EmbeddedMariaDb;
import io.brandstats.testkit.TestConfig;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real MariaDB servers in replication (binlog and GTID), the brand and stats services reading from the replica: reads are
 * served there, writes land on the primary and reach reads, and stopping the replica under continuous reads fails
 * none of them.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@DisplayName("With a read replica, brand and stats reads go to it while it is well and to the primary otherwise")
class ReadReplicaTest {

  /** Small, so the test waits little for a write's read-your-writes window (maxLag + 2 s) to pass. */
  private static final int MAX_LAG_SECONDS = 1;
  private static final long WINDOW_MS = (MAX_LAG_SECONDS + 2) * 1000L + 200;

  private static EmbeddedMariaDb primary;
  private static EmbeddedMariaDb replica;
  private static Pool onPrimary;
  private static Pool onReplica;
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    String run = "-" + ProcessHandle.current().pid();
    primary = EmbeddedMariaDb.start(TestConfig.DATA_ROOT.resolve("replication-primary" + run), 0, List.of(),
      TestConfig.SERVER_DIR, List.of("--log-bin=primary-bin", "--server-id=1", "--binlog-format=ROW"));
    replica = EmbeddedMariaDb.start(TestConfig.DATA_ROOT.resolve("replication-replica" + run), 0, List.of(),
      TestConfig.SERVER_DIR, List.of("--server-id=2"));
    onPrimary = pool(vertx, primary);
    onReplica = pool(vertx, replica);
    replicate();
    node = TestNode.start("replication-node" + run, config -> {
      TestConfig.set(config, "db.replica.maxLagSeconds", MAX_LAG_SECONDS);
      config.getJsonObject("db").put("host", "127.0.0.1").put("port", primary.port()).put("user", "root")
        .put("password", primary.rootPassword());
      for (String service : List.of("brand", "stats")) {
        config.getJsonObject(service).getJsonObject("db").getJsonObject("replica").put("host", "127.0.0.1")
          .put("port", replica.port()).put("password", replica.rootPassword());
      }
    });
    api = new Api(vertx, node);
    await(() -> "in-use".equals(replicaHealth().getString("status")), 20_000);
  }

  /** The replica follows the primary from now on (what the primary logged at start, its users, is not replayed). */
  private static void replicate() throws Exception {
    String position = onPrimary.query("SELECT @@gtid_binlog_pos").execute().await().iterator().next().getString(0);
    onReplica.preparedQuery("SET GLOBAL gtid_slave_pos = ?").execute(Tuple.of(position)).await();
    // CHANGE MASTER takes no parameters; the values are this test's own port (a number) and generated password.
    // Both servers run without TLS on loopback (MariaDB 11.4 asks for it by default).
    onReplica.query("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
      + ", MASTER_USER='root', MASTER_PASSWORD='" + primary.rootPassword() + "', MASTER_SSL=0, MASTER_USE_GTID=slave_pos").execute().await();
    onReplica.query("START SLAVE").execute().await();
    long deadline = System.nanoTime() + 20_000_000_000L;
    Row status = onReplica.query("SHOW SLAVE STATUS").execute().await().iterator().next();
    while (!"Yes".equals(status.getString("Slave_IO_Running")) || !"Yes".equals(status.getString("Slave_SQL_Running"))) {
      assertThat(System.nanoTime()).as("replication runs: %s %s", status.getValue("Last_IO_Error"),
        status.getValue("Last_SQL_Error")).isLessThan(deadline);
      Thread.sleep(200);
      status = onReplica.query("SHOW SLAVE STATUS").execute().await().iterator().next();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      onPrimary.close().await();
      onReplica.close().await();
      replica.stop();
      primary.stop();
    }
  }

  @Test
  @Order(1)
  @DisplayName("a brand that exists only on the replica is read through the API: gets and lists are served there")
  void readsFromReplica() {
    long id = 1_000_000 + ProcessHandle.current().pid() % 1000;
    String name = "Replica only " + System.nanoTime();
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    // The replica writes no binlog, so this row stays there; its id is far above the primary's.
    onReplica.preparedQuery("INSERT INTO brand.brand (id, name, country, created_at, updated_at) VALUES (?, ?, 'NO', ?, ?)")
      .execute(Tuple.of(id, name, now, now)).await();
    long selectsBefore = replicaSelects();

    Api.Reply got = api.conforms("getBrand", api.get("/brands/" + id));
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().getString("name")).isEqualTo(name);
    Api.Reply listed = api.conforms("listBrands", api.get("/brands?country=NO&limit=100"));
    assertThat(listed.json().getJsonArray("items").stream().map(item -> ((JsonObject) item).getLong("id"))).contains(id);
    assertThat(replicaSelects() - selectsBefore).isGreaterThanOrEqualTo(2);
  }

  @Test
  @Order(2)
  @DisplayName("a brand the replica does not have yet is read from the primary, never answered 404")
  void notYetReplicated(Vertx vertx) {
    String name = "Not yet replicated " + System.nanoTime();
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    // Written on the primary's connection without a binlog entry, and with no change announced: as a brand created
    // elsewhere a moment ago that has not reached the replica.
    long id = onPrimary.withConnection(conn -> conn.query("SET SESSION sql_log_bin = 0").execute()
      .compose(off -> conn.preparedQuery("INSERT INTO brand.brand (name, country, created_at, updated_at) VALUES (?, 'LV', ?, ?)")
        .execute(Tuple.of(name, now, now)))
      .map(rows -> rows.property(MySQLClient.LAST_INSERTED_ID))).await();
    long selectsBefore = replicaSelects();

    Api.Reply got = api.conforms("getBrand", api.get("/brands/" + id));
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().getString("name")).isEqualTo(name);
    assertThat(replicaSelects()).as("asked the replica first").isGreaterThan(selectsBefore);
  }

  @Test
  @Order(3)
  @DisplayName("a write lands on the primary, is read back from the primary at once, and from the replica later")
  void writesReachReads() throws Exception {
    String name = "Written " + System.nanoTime();
    Api.Reply created = api.post("/brands", new JsonObject().put("name", name).put("country", "FI"));
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().getLong("id");
    assertThat(onPrimary.preparedQuery("SELECT name FROM brand.brand WHERE id = ?").execute(Tuple.of(id)).await()
      .iterator().next().getString("name")).isEqualTo(name);

    long selectsBefore = replicaSelects();
    Api.Reply renamed = api.put("/brands/" + id, new JsonObject().put("name", name + " renamed").put("country", "FI")
      .put("status", "active"), created.header("ETag"));
    assertThat(renamed.status()).isEqualTo(200);
    Api.Reply readBack = api.get("/brands/" + id);
    assertThat(readBack.json().getString("name")).isEqualTo(name + " renamed");
    assertThat(readBack.header("ETag")).isEqualTo(renamed.header("ETag"));
    Api.Reply listed = api.get("/brands?country=FI&limit=100");
    assertThat(listed.json().getJsonArray("items").stream().map(item -> ((JsonObject) item).getLong("id"))).contains(id);
    assertThat(replicaSelects()).as("reads right after a write go to the primary").isEqualTo(selectsBefore);

    Thread.sleep(WINDOW_MS);
    long later = replicaSelects();
    assertThat(api.get("/brands/" + id).json().getString("name")).isEqualTo(name + " renamed");
    assertThat(replicaSelects()).as("later reads go to the replica, which has the write").isGreaterThan(later);
  }

  @Test
  @Order(4)
  @DisplayName("a replica that lags or stops replicating is skipped: readiness says why, reads go to the primary")
  void laggingReplicaSkipped() throws Exception {
    long id = api.post("/brands", new JsonObject().put("name", "Delayed " + System.nanoTime()).put("country", "EE"))
      .json().getLong("id");
    replication("MASTER_DELAY=" + (MAX_LAG_SECONDS + 9));
    // A write the replica holds back for its delay makes it lag; the lag grows past the limit.
    api.post("/brands", new JsonObject().put("name", "Held back " + System.nanoTime()).put("country", "EE"));
    await(() -> "lagging".equals(replicaHealth().getString("reason")), 15_000);
    assertThat(replicaHealth().getLong("lagSeconds")).isGreaterThan(MAX_LAG_SECONDS);
    assertThat(api.get("/health/ready").status()).isEqualTo(200);
    Thread.sleep(WINDOW_MS);
    long selects = replicaSelects();
    assertThat(api.get("/brands/" + id).status()).isEqualTo(200);
    assertThat(replicaSelects()).as("a lagging replica serves no read").isEqualTo(selects);

    onReplica.query("STOP SLAVE").execute().await();
    await(() -> "not-replicating".equals(replicaHealth().getString("reason")), 10_000);
    replication("MASTER_DELAY=0");
    await(() -> "in-use".equals(replicaHealth().getString("status")), 20_000);
  }

  /** Changes how the replica follows the primary, and lets it follow again. */
  private static void replication(String change) {
    onReplica.query("STOP SLAVE").execute().await();
    onReplica.query("CHANGE MASTER TO " + change).execute().await();
    onReplica.query("START SLAVE").execute().await();
  }

  @Test
  @Order(5)
  @DisplayName("sales are listed from the primary right after they are accepted, and from the replica later, as are statistics")
  void salesAndStatistics() throws Exception {
    Catalogue catalogue = new Catalogue(api);
    long product = catalogue.product(catalogue.brand(), 12.5);
    long store = catalogue.store();
    String eventId = "replica-" + System.nanoTime();
    JsonObject sale = new JsonObject().put("eventId", eventId).put("productId", product).put("storeId", store)
      .put("quantity", 3).put("soldAt", Instant.now().minus(10, ChronoUnit.MINUTES).toString());
    Api.Reply posted = api.post("/sales", new JsonObject().put("sales", new JsonArray().add(sale)));
    assertThat(posted.json().getInteger("accepted")).as(posted.bodyText()).isEqualTo(1);

    long selects = replicaSelects();
    assertThat(saleIds(product)).containsExactly(eventId);
    assertThat(replicaSelects()).as("sales listed right after they were accepted come from the primary").isEqualTo(selects);

    Thread.sleep(WINDOW_MS);
    long later = replicaSelects();
    assertThat(saleIds(product)).containsExactly(eventId);
    Api.Reply stats = api.conforms("getProductStats", api.get("/stats/products/" + product));
    assertThat(stats.json().getJsonObject("totals").getLong("units")).isEqualTo(3L);
    assertThat(replicaSelects() - later).as("the page and the statistic come from the replica").isGreaterThanOrEqualTo(2);
  }

  private static List<String> saleIds(long product) {
    return api.conforms("listSales", api.get("/sales?productId=" + product)).json().getJsonArray("items").stream()
      .map(item -> ((JsonObject) item).getString("eventId")).toList();
  }

  @Test
  @Order(6)
  @DisplayName("stopping the replica under continuous reads fails no read, and readiness shows it skipped")
  void replicaStopsUnderReads() throws Exception {
    long id = api.post("/brands", new JsonObject().put("name", "Steady " + System.nanoTime()).put("country", "DK"))
      .json().getLong("id");
    Thread.sleep(WINDOW_MS);
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicInteger served = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Thread> readers = List.of(0, 1, 2).stream().map(n -> new Thread(() -> {
      while (reading.get()) {
        int status = api.get(n == 0 ? "/brands?limit=20" : "/brands/" + id).status();
        (status == 200 ? served : failed).incrementAndGet();
      }
    })).toList();
    long selectsAtStart = replicaSelects();
    readers.forEach(Thread::start);
    Thread.sleep(1500);
    int beforeStop = served.get();
    long selectsBeforeStop = replicaSelects();
    long stopping = System.nanoTime();
    replica.stop();
    long stopMs = (System.nanoTime() - stopping) / 1_000_000;
    int duringStop = served.get() - beforeStop;
    Thread.sleep(2000);
    reading.set(false);
    for (Thread reader : readers) {
      reader.join();
    }
    Scrape metrics = Scrape.of(api);
    double retried = metrics.value("brandstats_db_replica_retries_total", "service", "brand");
    System.out.printf("Replica drill: %d reads served (%d before the stop, %d while the replica stopped in %d ms), "
      + "%d failed, %.0f retried on the primary%n", served.get(), beforeStop, duringStop, stopMs, failed.get(), retried);
    assertThat(metrics.value("brandstats_db_reads_total", "service", "brand", "pool", "replica")).isPositive();
    assertThat(metrics.value("brandstats_db_reads_total", "service", "brand", "pool", "primary")).isPositive();

    assertThat(selectsBeforeStop).as("the replica served reads until it stopped").isGreaterThan(selectsAtStart);
    assertThat(failed.get()).isZero();
    assertThat(served.get()).isGreaterThan(beforeStop);
    Api.Reply ready = api.conforms("getReadiness", api.get("/health/ready"));
    assertThat(ready.status()).isEqualTo(200);
    JsonObject health = replicaHealth();
    assertThat(health.getString("status")).isEqualTo("skipped");
    assertThat(health.getString("reason")).isEqualTo("down");
  }

  private static JsonObject replicaHealth() {
    JsonObject ready = api.get("/health/ready").json();
    JsonObject brand = ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(check -> "brand".equals(check.getString("id"))).findFirst().orElseThrow();
    JsonObject replica = brand.getJsonObject("data").getJsonObject("replica");
    return replica == null ? new JsonObject() : replica;
  }

  /** Statements the replica has run as SELECTs so far (its own Com_select counter). */
  private static long replicaSelects() {
    return Long.parseLong(onReplica.query("SHOW GLOBAL STATUS LIKE 'Com_select'").execute().await().iterator().next().getString(1));
  }

  private static Pool pool(Vertx vertx, EmbeddedMariaDb server) {
    return MySQLBuilder.pool().connectingTo(new MySQLConnectOptions().setHost("127.0.0.1").setPort(server.port())
      .setUser("root").setPassword(server.rootPassword())).using(vertx).build();
  }

  private static void await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %d ms", timeoutMs).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
