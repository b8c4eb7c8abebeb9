package io.brandstats.stats.queries;

import io.brandstats.stats.rollups.Dimension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The filters of a statistic, any combination (absent = all): brandId, productId, storeId, category, country,
 * channel, plus a series' own entity. Each is a column equal to a bound value, on the rollups and on `sale` alike.
 */
public final class Filters {

  private record Condition(Dimension dimension, Object value) {
  }

  private final List<Condition> conditions = new ArrayList<>();
  private final JsonObject given = new JsonObject();

  /** The filters a validated query names. */
  public static Filters from(JsonObject query) {
    Filters filters = new Filters();
    for (Dimension dimension : Dimension.values()) {
      Object value = query.getValue(dimension.filter);
      if (value != null) {
        Object typed = dimension.isEntity() ? Long.valueOf(value.toString()) : value.toString();
        filters.conditions.add(new Condition(dimension, typed));
        filters.given.put(dimension.filter, typed);
      }
    }
    return filters;
  }

  /** One more condition, not shown among the filters given (a series' own entity). */
  Filters and(Dimension dimension, long id) {
    Filters more = new Filters();
    more.conditions.add(new Condition(dimension, id));
    more.conditions.addAll(conditions);
    more.given.mergeIn(given);
    return more;
  }

  Set<Dimension> dimensions() {
    Set<Dimension> dimensions = EnumSet.noneOf(Dimension.class);
    conditions.forEach(condition -> dimensions.add(condition.dimension()));
    return dimensions;
  }

  /** The entity id a given filter names (brandId, productId, storeId), or null: checked with its owner. */
  Long givenId(Dimension dimension) {
    return dimension.isEntity() ? given.getLong(dimension.filter) : null;
  }

  /** " AND brand_id = ? AND ...": column names are constants, values are bound by {@link #bind}. */
  String where() {
    StringBuilder sql = new StringBuilder();
    conditions.forEach(condition -> sql.append(" AND ").append(condition.dimension().key).append(" = ?"));
    return sql.toString();
  }

  Tuple bind(Tuple params) {
    conditions.forEach(condition -> params.addValue(condition.value()));
    return params;
  }

  /** The filters as given, e.g. {"brandId": 3, "country": "DE"}. */
  JsonObject toJson() {
    return given.copy();
  }

  /** A stable text for cache keys. */
  String key() {
    StringBuilder key = new StringBuilder();
    conditions.forEach(c -> key.append(c.dimension().key).append('=').append(c.value()).append(';'));
    return key.toString();
  }
}
