package io.brandstats.stats.rollups;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.DbConfig;
import io.brandstats.common.Migrations;
import io.brandstats.common.Pools;
import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.stats.sales.SaleSql;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rollup worker on the stats schema in a database of its own: sales stored by transactions that commit out of
 * id order, folded meanwhile by two workers as two stats nodes would, are each counted exactly once.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Folding sales into the rollups")
class RollupWorkerTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static final LocalDateTime SOLD_AT = LocalDateTime.of(2025, 8, 1, 12, 0);

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void schema(Vertx vertx) {
    RollupWorkerTest.vertx = vertx;
    await(Migrations.migrate(vertx, DB.config(), "db/stats"));
    DbConfig db = DB.config();
    pool = Pools.create(vertx, new DbConfig(db.host(), db.port(), db.database(), db.user(), db.password(), 12));
    await(RollupSetup.prepare(pool, ReportingZone.of("UTC")));
  }

  /**
   * One ingesting transaction as ingestion runs it: the gate in share mode, then its sales; it commits after a
   * pause, so later transactions (with higher ids) often commit before it.
   */
  private static Future<Void> ingest(int writer, int batch, long pauseMs) {
    return pool.withTransaction(conn -> conn.query(SaleSql.HOLD_GATE).execute().compose(gate -> {
      List<Future<?>> inserted = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        inserted.add(conn.preparedQuery("INSERT INTO sale (event_id, product_id, store_id, brand_id, quantity,"
            + " unit_price, amount, currency, sold_at, received_at, category, country, channel)"
            + " VALUES (?, ?, 1, 1, 2, 1.50, 3.00, 'EUR', ?, ?, 'tents', 'DE', 'retail')")
          .execute(Tuple.of("w" + writer + "-" + batch + "-" + i, 1 + i % 3, SOLD_AT.plusMinutes(batch), SOLD_AT)));
      }
      Promise<Void> paused = Promise.promise();
      vertx.setTimer(pauseMs, id -> paused.complete());
      return Future.all(inserted).compose(all -> paused.future());
    }));
  }

  @Test
  @DisplayName("Two workers folding every few ms while eight writers commit out of order count every sale exactly once")
  void exactlyOnceUnderConcurrentIngestion() {
    RollupWorker one = new RollupWorker(vertx, pool, ReportingZone.of("UTC"), 5, 37);
    RollupWorker other = new RollupWorker(vertx, pool, ReportingZone.of("UTC"), 7, 1000);
    AtomicLong folded = new AtomicLong();
    vertx.eventBus().<JsonObject>consumer(RollupWorker.FOLDED, message ->
      folded.addAndGet(message.body().getLong("to") - message.body().getLong("from")));
    one.start(false);
    other.start(false);
    List<Future<Void>> writers = new ArrayList<>();
    for (int writer = 0; writer < 8; writer++) {
      int w = writer;
      Future<Void> chain = Future.succeededFuture();
      for (int batch = 0; batch < 15; batch++) {
        int b = batch;
        chain = chain.compose(done -> ingest(w, b, 1 + (w * 7 + b * 13) % 40));
      }
      writers.add(chain);
    }
    await(Future.all(writers));
    await(one.stop());
    await(other.stop());

    RollupChecks.foldAll(vertx, pool, "UTC");

    Row state = await(pool.query("SELECT watermark, as_of FROM rollup_state").execute()).iterator().next();
    long stored = await(pool.query("SELECT COUNT(*) AS n, MAX(id) AS top FROM sale").execute()).iterator().next().getLong("n");
    assertThat(stored).isEqualTo(8 * 15 * 10);
    long orders = await(pool.query("SELECT SUM(orders) AS n FROM roll_day").execute()).iterator().next().getLong("n");
    assertThat(orders).as("every sale counted once").isEqualTo(stored);
    assertThat(state.getLocalDateTime("as_of")).isEqualTo(SOLD_AT.plusMinutes(14));
    // Published folds arrive on the event bus a moment after their commit: waited for, at most 10 s.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (folded.get() < state.getLong("watermark") && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    assertThat(folded.get()).as("folds published, each sale in one").isEqualTo(state.getLong("watermark"));
    RollupChecks.assertRollupsEqualGroupBy(pool);
  }
}
