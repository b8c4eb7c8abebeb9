package io.brandstats.stats.queries;

import static io.brandstats.common.testing.ServiceCalls.await;

import io.brandstats.stats.rollups.Dimension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Sales a test stores straight into `sale` (as ingestion stores them, facets included) and the figures it expects
 * from them: units and orders of every currency, revenue of one.
 */
final class SaleSet {

  /** One stored sale; soldAt in UTC, as sold_at holds it. */
  record Sale(long product, long store, long brand, String category, String country, String channel, int quantity,
              BigDecimal amount, String currency, LocalDateTime soldAt) {

    /** Its value in a dimension, as ranking keys show it. */
    String key(Dimension dimension) {
      return switch (dimension) {
        case BRANDS -> Long.toString(brand);
        case PRODUCTS -> Long.toString(product);
        case STORES -> Long.toString(store);
        case CATEGORIES -> category;
        case COUNTRIES -> country;
        case CHANNELS -> channel;
      };
    }

    LocalDate day(ZoneId zone) {
      return soldAt.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate();
    }
  }

  private final List<Sale> sales = new ArrayList<>();
  private int stored;

  List<Sale> all() {
    return sales;
  }

  Sale add(long product, long store, long brand, String category, String country, String channel, int quantity,
           String unitPrice, String currency, LocalDateTime soldAt) {
    Sale sale = new Sale(product, store, brand, category, country, channel, quantity,
      new BigDecimal(unitPrice).multiply(BigDecimal.valueOf(quantity)), currency, soldAt);
    sales.add(sale);
    return sale;
  }

  /** Stores the sales added since the last call, with eventIds of this prefix. */
  void store(Pool pool, String prefix) {
    for (; stored < sales.size(); stored++) {
      Sale s = sales.get(stored);
      await(pool.preparedQuery("INSERT INTO sale (event_id, product_id, store_id, brand_id, quantity, unit_price, amount,"
          + " currency, sold_at, received_at, category, country, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.of(prefix + stored, s.product(), s.store(), s.brand(), s.quantity(),
          s.amount().divide(BigDecimal.valueOf(s.quantity()))).addValue(s.amount()).addValue(s.currency())
          .addValue(s.soldAt()).addValue(s.soldAt()).addValue(s.category()).addValue(s.country()).addValue(s.channel())));
    }
  }

  /** "units / revenue / orders" of the matching sales, revenue in one currency. */
  static String figures(List<Sale> sales, Predicate<Sale> matching, String currency) {
    long units = 0;
    long orders = 0;
    BigDecimal revenue = BigDecimal.ZERO.setScale(2);
    for (Sale sale : sales) {
      if (matching.test(sale)) {
        units += sale.quantity();
        orders++;
        if (sale.currency().equals(currency)) {
          revenue = revenue.add(sale.amount());
        }
      }
    }
    return units + " / " + revenue + " / " + orders;
  }
}
