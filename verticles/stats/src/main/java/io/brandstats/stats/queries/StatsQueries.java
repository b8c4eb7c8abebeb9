package io.brandstats.stats.queries;

import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.stats.rollups.Dimension;
import io.brandstats.common.replica.ReadPools;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statistics: numbers from the rollups (as of their watermark, stated in asOf), names from the services that
 * own them, and per owner how fresh those names were. Every statistic takes the same filters; a filter on an
 * entity its owner says does not exist is a 404, and one whose owner cannot be asked is answered, marked in meta.
 */
public final class StatsQueries {

  private final Map<Dimension, UpstreamClient> owners;
  private final String defaultCurrency;
  private final Figuring figuring;
  private final ReadPools reads;
  private final CutCache cuts;

  /**
   * @param reads           the pool each query goes to (a replica when in use)
   * @param owners          the client of each entity dimension's owning service, for names and existence
   * @param defaultCurrency what revenue is reported in when a request names no currency
   * @param cutTtlMs        how long a like-for-like cut of raw sales is reused at most
   */
  public StatsQueries(ReadPools reads, Map<Dimension, UpstreamClient> owners, String defaultCurrency,
                      long cutTtlMs) {
    this.reads = reads;
    this.owners = owners;
    this.defaultCurrency = defaultCurrency;
    this.cuts = new CutCache(cutTtlMs);
    this.figuring = new Figuring(reads, cuts);
  }

  public String defaultCurrency() {
    return defaultCurrency;
  }

  /** Sales sold between oldest and newest (UTC) were folded into the rollups. */
  public void folded(LocalDateTime oldest, LocalDateTime newest) {
    cuts.folded(oldest, newest);
  }

  /** One brand's, product's or store's series with its comparison series; 404 when its owner does not know it. */
  public Future<JsonObject> series(Dimension dimension, long id, Question question, Interval interval) {
    Facts facts = new Facts();
    Future<JsonObject> entity = facts.subject(dimension.owner, owners.get(dimension).get(id), id);
    Filters filters = question.filters().and(dimension, id);
    Future<Void> known = known(question, facts);
    Future<Figuring.Compared> compared = figuring.compared(question, filters, figuring.state());
    return Future.all(entity, known, compared).map(all -> {
      Figuring.Compared both = compared.result();
      Series current = new Series(both.current(), question.window(), interval, -1, question.today());
      LocalDate incomplete = both.cutAt() != null ? both.previousWindow().to() : question.today();
      Series previous = new Series(both.previous(), both.previousWindow(), interval, current.size(), incomplete);
      return common(question, both, facts)
        .put("id", id)
        .put("name", entity.result() == null ? null : entity.result().getString("name"))
        .put("interval", interval.wire())
        .put("series", current.toJson())
        .put("totals", current.totals().toJson())
        .put("previousSeries", previous.toJson())
        .put("previousTotals", previous.totals().toJson());
    });
  }

  /** A ranking of one dimension by revenue (requested currency), units or orders, with the filters. */
  public Future<JsonObject> top(Dimension dimension, String by, int limit, Question question) {
    Facts facts = new Facts();
    Future<Void> known = known(question, facts);
    Future<Figuring.State> state = figuring.state();
    Future<JsonArray> items = topItems(dimension, by, limit, question, facts);
    Future<JsonArray> currencies = figuring.otherCurrencies(question, question.filters());
    return Future.all(known, state, items, currencies).map(all -> new JsonObject()
      .put("dimension", dimension.wire())
      .put("by", by)
      .put("window", question.window().toJson())
      .put("currency", question.currency())
      .put("timeZone", question.zone().name())
      .put("filters", question.filters().toJson())
      .put("asOf", asOf(state.result()))
      .put("otherCurrencies", currencies.result())
      .put("items", items.result())
      .put("meta", facts.toJson()));
  }

  /** KPIs against the comparison window, the top 5 brands and stores, and each day's figures, all filtered. */
  public Future<JsonObject> summary(Question question) {
    Facts facts = new Facts();
    Future<Void> known = known(question, facts);
    Future<Figuring.Compared> compared = figuring.compared(question, question.filters(), figuring.state());
    Future<JsonArray> topBrands = topItems(Dimension.BRANDS, "revenue", 5, question, facts);
    Future<JsonArray> topStores = topItems(Dimension.STORES, "revenue", 5, question, facts);
    return Future.all(known, compared, topBrands, topStores).map(all -> {
      Figuring.Compared both = compared.result();
      Series days = new Series(both.current(), question.window(), Interval.DAY, -1, question.today());
      Figures before = new Figures(null);
      both.previous().forEach(before::add);
      return common(question, both, facts)
        .put("totals", days.totals().kpis())
        .put("previousTotals", before.kpis())
        .put("daily", days.toJson())
        .put("topBrands", topBrands.result())
        .put("topStores", topStores.result());
    });
  }

  private JsonObject common(Question question, Figuring.Compared both, Facts facts) {
    return new JsonObject()
      .put("window", question.window().toJson())
      .put("currency", question.currency())
      .put("timeZone", question.zone().name())
      .put("filters", question.filters().toJson())
      .put("compare", question.compare().wire())
      .put("previousWindow", both.previousWindow().toJson())
      .put("comparison", both.comparison())
      .put("asOf", asOf(both.state()))
      .put("otherCurrencies", both.otherCurrencies())
      .put("meta", facts.toJson());
  }

  private static String asOf(Figuring.State state) {
    return Figuring.millis(state.asOf());
  }

  /** Every entity a filter names must exist: 404 while its owner says it does not; answered when it cannot say. */
  private Future<Void> known(Question question, Facts facts) {
    List<Future<JsonObject>> checks = new ArrayList<>();
    for (Dimension dimension : Dimension.values()) {
      Long id = question.filters().givenId(dimension);
      if (id != null) {
        checks.add(facts.subject(dimension.owner, owners.get(dimension).get(id), id));
      }
    }
    return Future.all(checks).mapEmpty();
  }

  private Future<JsonArray> topItems(Dimension dimension, String by, int limit, Question question, Facts facts) {
    Window window = question.window();
    Filters filters = question.filters();
    Tuple params = filters.bind(Tuple.of(question.currency(), window.from(), window.to())).addValue(limit);
    return reads.readAggregate(client -> client.preparedQuery(StatsSql.top(dimension, measure(by), filters))
      .execute(params)).compose(rows -> {
      List<JsonObject> items = new ArrayList<>();
      List<Future<JsonObject>> names = new ArrayList<>();
      for (Row row : rows) {
        Figures figures = Figures.of(null, row);
        String key = row.getValue("k").toString();
        JsonObject item = new JsonObject().put("key", key);
        if (dimension.isEntity()) {
          long id = row.getLong("k");
          item.put("id", id);
          names.add(facts.entity(dimension.owner, owners.get(dimension).get(id), id));
        } else {
          names.add(Future.succeededFuture(null));
        }
        items.add(item.mergeIn(figures.toJson()));
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

  /** The column a ranking orders by: only these three names ever reach the statement. */
  private static String measure(String by) {
    return switch (by) {
      case "units" -> "units";
      case "orders" -> "orders";
      default -> "revenue";
    };
  }
}
