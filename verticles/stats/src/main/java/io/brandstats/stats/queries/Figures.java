package io.brandstats.stats.queries;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Units and orders (every currency) and revenue (the requested currency) of one day, or summed over several.
 * Mutable while summing; used on one event loop.
 */
final class Figures {

  final LocalDate day;
  long units;
  BigDecimal revenue = BigDecimal.ZERO.setScale(2);
  long orders;

  Figures(LocalDate day) {
    this.day = day;
  }

  /** A row of units, revenue and orders (nulls, as SUM over no rows gives, are zeros). */
  static Figures of(LocalDate day, Row row) {
    Figures figures = new Figures(day);
    figures.units = row.getValue("units") == null ? 0 : row.getLong("units");
    figures.orders = row.getValue("orders") == null ? 0 : row.getLong("orders");
    BigDecimal revenue = row.getBigDecimal("revenue");
    figures.revenue = revenue == null ? figures.revenue : revenue.setScale(2, RoundingMode.UNNECESSARY);
    return figures;
  }

  void add(Figures other) {
    units += other.units;
    revenue = revenue.add(other.revenue);
    orders += other.orders;
  }

  /** A new sum of these figures and others (neither is changed). */
  Figures plus(Figures other) {
    Figures sum = new Figures(day);
    sum.add(this);
    sum.add(other);
    return sum;
  }

  JsonObject toJson() {
    return new JsonObject().put("units", units).put("revenue", revenue).put("orders", orders);
  }

  /** With the average order value: revenue / orders in that currency (0 when none). */
  JsonObject kpis() {
    BigDecimal average = orders == 0 ? BigDecimal.ZERO.setScale(2)
      : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
    return toJson().put("averageOrderValue", average);
  }
}
