package io.brandstats.stats.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a gateway's live snapshot for a filter set: the current day's totals in the reporting zone, the ring of
 * per-minute totals of the last hour, the newest sale id they include, and which of the newest {@link #RECENT} ids
 * they count. The gateway then applies only published sales they do not include, so none is counted twice or
 * missed, even when a transaction with lower ids commits after the snapshot. All of it is read in one transaction
 * (one consistent view), from {@code sale} by its sold_at index: a bounded scan of one day.
 *
 * <p>With {@code receivedAfter} (epoch ms) it also answers the day's totals of the sales received after it:
 * what a client resuming with Last-Event-ID missed.
 */
public final class LiveSnapshots {

  /** Where gateways ask for snapshots; any stats instance of the cluster answers. */
  public static final String ADDRESS = "stats.live.snapshot";
  /** How many of the newest ids a snapshot says it counts: more than the sales of every transaction in flight. */
  static final int RECENT = 16_384;

  private static final Logger LOG = LoggerFactory.getLogger(LiveSnapshots.class);

  private final Pool pool;
  private final String defaultCurrency;
  private final ZoneId zone;

  public LiveSnapshots(Pool pool, String defaultCurrency, ZoneId zone) {
    this.pool = pool;
    this.defaultCurrency = defaultCurrency;
    this.zone = zone;
  }

  /** Starts answering on {@link #ADDRESS}. */
  public Future<Void> register(Vertx vertx) {
    return vertx.eventBus().<JsonObject>consumer(ADDRESS, this::answer).completion();
  }

  private void answer(Message<JsonObject> message) {
    LiveQuery query = LiveQuery.of(message.body(), defaultCurrency, zone, Instant.now());
    pool.withTransaction(conn -> snapshot(conn, query)).onComplete(done -> {
      if (done.succeeded()) {
        message.reply(done.result());
      } else {
        LOG.error("A live snapshot failed", done.cause());
        message.fail(503, "The live snapshot could not be read.");
      }
    });
  }

  private static Future<JsonObject> snapshot(SqlConnection conn, LiveQuery q) {
    return conn.query(LiveSql.LAST_ID).execute().compose(rows -> {
      long lastId = rows.iterator().next().getLong("last_id");
      JsonObject answer = new JsonObject().put("currency", q.currency()).put("timeZone", q.zone().getId())
        .put("day", q.day().toString()).put("dayStart", LiveQuery.epochMs(q.dayStart()))
        .put("dayEnd", LiveQuery.epochMs(q.dayEnd())).put("lastId", lastId).put("ringStart", q.ringStart());
      Future<Void> day = day(conn, q, lastId, answer);
      Future<Void> minutes = minutes(conn, q, lastId, answer);
      Future<Void> recent = recent(conn, q, lastId, answer);
      return Future.all(day, minutes, recent).map(all -> answer);
    });
  }

  private static Future<Void> day(SqlConnection conn, LiveQuery q, long lastId, JsonObject answer) {
    LocalDateTime after = q.receivedAfter() == null ? LiveQuery.utc(Instant.EPOCH) : q.receivedAfter();
    Tuple params = Tuple.of(q.currency(), after, after, after, q.currency(), q.dayStart()).addValue(q.dayEnd())
      .addValue(lastId);
    return conn.preparedQuery(LiveSql.DAY).execute(q.filterParams(params)).map(rows -> {
      Row row = rows.iterator().next();
      LocalDateTime asOf = row.getLocalDateTime("as_of");
      answer.put("today", measures(row.getLong("units"), row.getLong("orders"), row.getBigDecimal("revenue")))
        .put("asOf", asOf == null ? null : LiveQuery.epochMs(asOf));
      if (q.receivedAfter() != null) {
        answer.put("since", measures(row.getLong("units_since"), row.getLong("orders_since"),
          row.getBigDecimal("revenue_since")));
      }
      return null;
    });
  }

  private static Future<Void> minutes(SqlConnection conn, LiveQuery q, long lastId, JsonObject answer) {
    Tuple params = Tuple.of(q.ringStartTime(), q.currency(), q.ringStartTime(), q.ringEndTime(), lastId);
    return conn.preparedQuery(LiveSql.MINUTES).execute(q.filterParams(params)).map(rows -> {
      JsonArray minutes = new JsonArray();
      for (Row row : rows) {
        // [epoch minute, units, orders, revenue cents, newest soldAt ms]
        minutes.add(measures(row.getLong("units"), row.getLong("orders"), row.getBigDecimal("revenue"))
          .add(0, q.ringStart() + row.getLong("minute")).add(LiveQuery.epochMs(row.getLocalDateTime("as_of"))));
      }
      answer.put("minutes", minutes);
      return null;
    });
  }

  private static Future<Void> recent(SqlConnection conn, LiveQuery q, long lastId, JsonObject answer) {
    Tuple params = Tuple.of(Math.max(0, lastId - RECENT), lastId, q.dayStart(), q.dayEnd(), q.ringStartTime())
      .addValue(q.ringEndTime());
    return conn.preparedQuery(LiveSql.RECENT_IDS).execute(q.filterParams(params)).map(rows -> {
      byte[] counted = new byte[RECENT / 8];
      for (Row row : rows) {
        int back = (int) (lastId - row.getLong("id"));
        counted[back >> 3] |= (byte) (1 << (back & 7));
      }
      answer.put("recent", RECENT).put("counted", Base64.getEncoder().encodeToString(counted));
      return null;
    });
  }

  /** [units, orders, revenue in cents]: cents keep sums exact and cheap on the gateway. */
  private static JsonArray measures(long units, long orders, BigDecimal revenue) {
    return new JsonArray().add(units).add(orders).add(revenue.movePointRight(2).longValueExact());
  }
}
