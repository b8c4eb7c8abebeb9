package io.brandstats.stats.queries;

import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.stats.rollups.Dimension;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statistics: numbers from the rollups (in one currency at a time), names from the services that
 * own them, and per owner how fresh those names were.
 */
public final class StatsQueries {

  private final Pool pool;
  private final Map<Dimension, UpstreamClient> owners;
  private final String defaultCurrency;

  /**
   * @param owners          the client of each dimension's owning service, for names and existence
   * @param defaultCurrency what statistics report in when a request names no currency
   */
  public StatsQueries(Pool pool, Map<Dimension, UpstreamClient> owners, String defaultCurrency) {
    this.pool = pool;
    this.owners = owners;
    this.defaultCurrency = defaultCurrency;
  }

  public String defaultCurrency() {
    return defaultCurrency;
  }

  /** One brand's, product's or store's series; 404 when its owner says it does not exist. */
  public Future<JsonObject> series(Dimension dimension, long id, Window window, Interval interval, String currency) {
    Facts facts = new Facts();
    Future<JsonObject> entity = facts.subject(dimension.owner, owners.get(dimension).get(id), id);
    Future<RowSet<Row>> days = pool.preparedQuery(StatsSql.SERIES.get(dimension))
      .execute(Tuple.of(id, currency, window.from(), window.to()));
    return Future.all(entity, days).map(both -> Series.of(days.result(), window.from(), window.to(), interval)
      .put("id", id)
      .put("name", entity.result() == null ? null : entity.result().getString("name"))
      .put("window", window.toJson())
      .put("interval", interval.wire())
      .put("currency", currency)
      .put("meta", facts.toJson()));
  }

  public Future<JsonObject> top(Dimension dimension, boolean byUnits, Window window, int limit, String currency) {
    Facts facts = new Facts();
    return topItems(dimension, byUnits, window, limit, currency, facts).map(items -> new JsonObject()
      .put("dimension", dimension.name().toLowerCase(Locale.ROOT))
      .put("by", byUnits ? "units" : "revenue")
      .put("window", window.toJson())
      .put("currency", currency)
      .put("items", items)
      .put("meta", facts.toJson()));
  }

  /** KPIs with the previous window's values, the top 5 brands and stores, and revenue day by day. */
  public Future<JsonObject> summary(Window window, String currency) {
    Facts facts = new Facts();
    Future<RowSet<Row>> current = dailyTotals(window, currency);
    Future<RowSet<Row>> previous = dailyTotals(window.previous(), currency);
    Future<JsonArray> topBrands = topItems(Dimension.BRANDS, false, window, 5, currency, facts);
    Future<JsonArray> topStores = topItems(Dimension.STORES, false, window, 5, currency, facts);
    return Future.all(current, previous, topBrands, topStores).map(all -> {
      JsonObject days = Series.of(current.result(), window.from(), window.to(), Interval.DAY);
      JsonObject before = Series.of(previous.result(), window.previous().from(), window.previous().to(),
        Interval.DAY);
      return new JsonObject()
        .put("window", window.toJson())
        .put("previousWindow", window.previous().toJson())
        .put("currency", currency)
        .put("totals", kpis(days.getJsonObject("totals")))
        .put("previousTotals", kpis(before.getJsonObject("totals")))
        .put("daily", days.getJsonArray("series"))
        .put("topBrands", topBrands.result())
        .put("topStores", topStores.result())
        .put("meta", facts.toJson());
    });
  }

  private Future<RowSet<Row>> dailyTotals(Window window, String currency) {
    return pool.preparedQuery(StatsSql.DAILY_TOTALS).execute(Tuple.of(currency, window.from(), window.to()));
  }

  private static JsonObject kpis(JsonObject totals) {
    BigDecimal revenue = new BigDecimal(totals.getValue("revenue").toString());
    long orders = totals.getLong("orders");
    BigDecimal average = orders == 0 ? BigDecimal.ZERO.setScale(2)
      : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
    return totals.copy().put("averageOrderValue", average);
  }

  private Future<JsonArray> topItems(Dimension dimension, boolean byUnits, Window window, int limit, String currency,
                                     Facts facts) {
    String sql = (byUnits ? StatsSql.TOP_BY_UNITS : StatsSql.TOP_BY_REVENUE).get(dimension);
    return pool.preparedQuery(sql).execute(Tuple.of(currency, window.from(), window.to(), limit)).compose(rows -> {
      List<JsonObject> items = new ArrayList<>();
      List<Future<JsonObject>> names = new ArrayList<>();
      for (Row row : rows) {
        long id = row.getLong("id");
        items.add(new JsonObject().put("key", String.valueOf(id)).put("id", id).put("units", row.getLong("units"))
          .put("revenue", row.getBigDecimal("revenue")).put("orders", row.getLong("orders")));
        names.add(facts.entity(dimension.owner, owners.get(dimension).get(id), id));
      }
      return Future.join(names).map(resolved -> {
        JsonArray ranked = new JsonArray();
        for (int i = 0; i < items.size(); i++) {
          JsonObject entity = names.get(i).result();
          ranked.add(items.get(i).put("name", entity == null ? null : entity.getString("name")));
        }
        return ranked;
      });
    });
  }
}
