package io.brandstats.stats.rollups;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Migrations;
import io.brandstats.common.Pools;
import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.stats.FakeOwners;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sales stored before sales kept their facets: the rollups count none of them until the product and store services
 * have given every one its facets, then all of them, with those facets.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Filling in the facets of older sales")
class FacetBackfillTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static final LocalDateTime SOLD_AT = LocalDateTime.of(2025, 9, 1, 10, 0);

  @Test
  @DisplayName("Sales without facets wait, are filled in from their owners (an unknown product gets ''), then are folded")
  void filledThenFolded(Vertx vertx) throws InterruptedException {
    await(Migrations.migrate(vertx, DB.config(), "db/stats"));
    Pool pool = Pools.create(vertx, DB.config());
    FakeOwners owners = FakeOwners.deploy(vertx);
    owners.product(11, 1, "2.00", "EUR").store(101, "AT", "online");
    owners.products.unknown(12);
    JsonObject config = owners.config();
    config.getJsonObject("upstreams").put("retries", 0);
    Map<Dimension, UpstreamClient> clients = FakeOwners.clients(vertx, config);
    for (long product : new long[] {11, 11, 12}) {
      await(pool.preparedQuery("INSERT INTO sale (event_id, product_id, store_id, brand_id, quantity, unit_price, amount,"
          + " currency, sold_at, received_at) VALUES (?, ?, 101, 1, 1, 2.00, 2.00, 'EUR', ?, ?)")
        .execute(Tuple.of("old-" + product + "-" + System.nanoTime(), product, SOLD_AT, SOLD_AT)));
    }
    await(pool.query("UPDATE rollup_state SET facets_pending = TRUE").execute());

    RollupChecks.foldAll(vertx, pool, "UTC");
    assertThat(count(pool, "SELECT COUNT(*) FROM roll_day")).as("nothing folded while facets are missing").isZero();

    new FacetBackfill(vertx, pool, clients.get(Dimension.PRODUCTS), clients.get(Dimension.STORES)).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count(pool, "SELECT COUNT(*) FROM rollup_state WHERE facets_pending") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    RollupChecks.foldAll(vertx, pool, "UTC");

    List<String> fine = new ArrayList<>();
    for (Row row : await(pool.query("SELECT product_id, category, country, channel, orders FROM roll_fine"
      + " ORDER BY product_id").execute())) {
      fine.add(row.getLong(0) + " " + row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " "
        + row.getLong(4));
    }
    assertThat(fine).containsExactly("11 tents AT online 2", "12  AT online 1");
    RollupChecks.assertRollupsEqualGroupBy(pool);
  }

  private static long count(Pool pool, String sql) {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
