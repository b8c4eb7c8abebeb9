package io.brandstats.stats.sales;

import io.brandstats.common.Cursors;
import io.brandstats.common.Problem;
import io.brandstats.common.ProblemException;
import io.brandstats.common.KeysetPages;
import io.brandstats.common.replica.ReadPools;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Stored sales in the order they were stored, one keyset page at a time, filtered by brand, product, store and time. */
public final class SalesListing {

  private static final List<String> FILTERS = List.of("brandId", "productId", "storeId", "from", "to");
  private static final LocalDateTime EARLIEST = LocalDateTime.of(1000, 1, 1, 0, 0);
  private static final LocalDateTime LATEST = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000);

  private final ReadPools reads;

  /** @param reads where a page goes: a replica when in use and no sale was accepted lately */
  public SalesListing(ReadPools reads) {
    this.reads = reads;
  }

  /**
   * @param query the validated query: limit, cursor and the filters, each optional but limit
   * @return the page; a 400 when from is after to
   */
  public Future<JsonObject> page(JsonObject query) {
    int limit = query.getInteger("limit", 20);
    Long brandId = query.getLong("brandId");
    Long productId = query.getLong("productId");
    Long storeId = query.getLong("storeId");
    LocalDateTime from;
    LocalDateTime to;
    try {
      from = utc(query.getString("from"), "from");
      to = utc(query.getString("to"), "to");
    } catch (ProblemException notADateTime) {
      return Future.failedFuture(notADateTime);
    }
    if (from != null && to != null && from.isAfter(to)) {
      return Future.failedFuture(Problem.badRequest("from is after to.")
        .withFieldError("query", "from", "must not be after to").toException());
    }
    Tuple params = Tuple.of(Cursors.decode(query.getString("cursor")), brandId, brandId, productId, productId)
      .addValue(storeId).addValue(storeId).addValue(from).addValue(from).addValue(to).addValue(to).addValue(limit + 1);
    return reads.read(client -> KeysetPages.fetch(client, SaleSql.LIST, params, limit, "/sales", query, FILTERS,
      SaleSql::from));
  }

  /**
   * A bound as UTC, within what the sold_at column can hold (years 1000 to 9999), so an offset cannot push it out;
   * a 400 naming the parameter when it is not a date-time with an offset (the contract's pattern says so too).
   */
  private static LocalDateTime utc(String dateTime, String parameter) throws ProblemException {
    if (dateTime == null) {
      return null;
    }
    LocalDateTime utc;
    try {
      utc = OffsetDateTime.parse(dateTime).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (DateTimeParseException notADateTime) {
      throw Problem.badRequest(parameter + " is not a date-time.")
        .withFieldError("query", parameter, "must be an RFC 3339 date-time with an offset").toException();
    }
    return utc.isBefore(EARLIEST) ? EARLIEST : utc.isAfter(LATEST) ? LATEST : utc;
  }
}
