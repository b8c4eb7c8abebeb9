package io.brandstats.gateway.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/** Units and orders (every currency) and revenue in cents (one currency): what every live figure is made of. */
final class Tally {

  long units;
  long orders;
  long cents;

  Tally() {
  }

  Tally(long units, long orders, long cents) {
    this.units = units;
    this.orders = orders;
    this.cents = cents;
  }

  /** From a snapshot's [units, orders, cents]. */
  static Tally of(JsonArray measures) {
    return measures == null ? new Tally() : new Tally(measures.getLong(0), measures.getLong(1), measures.getLong(2));
  }

  void add(long units, long orders, long cents) {
    this.units += units;
    this.orders += orders;
    this.cents += cents;
  }

  Tally copy() {
    return new Tally(units, orders, cents);
  }

  Tally minus(Tally other) {
    return new Tally(units - other.units, orders - other.orders, cents - other.cents);
  }

  JsonObject toJson() {
    return new JsonObject().put("units", units).put("revenue", BigDecimal.valueOf(cents, 2)).put("orders", orders);
  }
}
