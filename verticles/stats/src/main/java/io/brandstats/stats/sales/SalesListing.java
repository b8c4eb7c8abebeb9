package io.brandstats.stats.sales;

import io.brandstats.common.Cursors;
import io.brandstats.common.KeysetPages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Stored sales in the order they were stored, one keyset page at a time, filtered by brand, product, store and time. */
public final class SalesListing {

  private static final List<String> FILTERS = List.of("brandId", "productId", "storeId", "from", "to");

  private final Pool pool;

  public SalesListing(Pool pool) {
    this.pool = pool;
  }

  /** @param query the validated query: limit, cursor and the filters, each optional but limit */
  public Future<JsonObject> page(JsonObject query) {
    int limit = query.getInteger("limit", 20);
    Long brandId = query.getLong("brandId");
    Long productId = query.getLong("productId");
    Long storeId = query.getLong("storeId");
    LocalDateTime from = utc(query.getString("from"));
    LocalDateTime to = utc(query.getString("to"));
    Tuple params = Tuple.of(Cursors.decode(query.getString("cursor")), brandId, brandId, productId, productId)
      .addValue(storeId).addValue(storeId).addValue(from).addValue(from).addValue(to).addValue(to).addValue(limit + 1);
    return KeysetPages.fetch(pool, SaleSql.LIST, params, limit, "/sales", query, FILTERS, SaleSql::from);
  }

  private static LocalDateTime utc(String dateTime) {
    return dateTime == null ? null
      : OffsetDateTime.parse(dateTime).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
  }
}
