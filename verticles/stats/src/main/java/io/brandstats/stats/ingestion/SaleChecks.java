package io.brandstats.stats.ingestion;

import io.brandstats.common.Problem;
import io.brandstats.common.Timestamps;
import io.brandstats.stats.sales.Facets;
import io.brandstats.stats.sales.ResolvedSale;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * The checks of one sale beyond the contract's: when it was sold, and what it costs once its product's price
 * is known. A failed check rejects that sale alone, recorded in the request's outcomes.
 */
final class SaleChecks {

  /** What sale.amount holds (DECIMAL(14,2)); rollups hold far more. Larger sales are refused, never truncated. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
  /** Sales before this are refused: older dates are typing errors, and DATETIME starts at year 1000. */
  static final LocalDateTime EARLIEST = LocalDateTime.of(2000, 1, 1, 0, 0);

  private final Duration clockSkew;

  /** @param clockSkew how far in the future a soldAt may lie (client clocks drift) */
  SaleChecks(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  /** The sale's soldAt as UTC, or null when it is rejected: missing or not a date-time (400), in the future or before 2000 (422). */
  LocalDateTime soldAt(JsonObject sale, int i, LocalDateTime now, Outcomes outcomes) {
    String text = sale.getString("soldAt");
    LocalDateTime at;
    try {
      at = text == null ? null : Timestamps.utcMillis(text);
    } catch (DateTimeParseException notADateTime) {
      at = null;
    }
    if (at == null) {
      outcomes.rejected(i, Problem.badRequest("soldAt is not a date-time."), "soldAt", "must be an RFC 3339 date-time");
      return null;
    }
    if (at.isAfter(now.plus(clockSkew))) {
      outcomes.rejected(i, Problem.of(422, "soldAt is in the future."), "soldAt", "must not be in the future");
      return null;
    }
    if (at.isBefore(EARLIEST)) {
      outcomes.rejected(i, Problem.of(422, "soldAt is before " + EARLIEST.toLocalDate() + "."), "soldAt",
        "must not be before " + EARLIEST.toLocalDate());
      return null;
    }
    return at;
  }

  /**
   * The sale ready to store, priced at its unitPrice or else its product's price; null when it is rejected:
   * fractions of a cent (400), or an amount over what a sale can hold (422).
   *
   * @param product the sale's product as its service answered it (brandId, price, currency)
   */
  ResolvedSale priced(int i, JsonObject sale, LocalDateTime soldAt, JsonObject product, JsonObject store,
                      Outcomes outcomes) {
    Object given = sale.getValue("unitPrice");
    BigDecimal unitPrice = new BigDecimal(String.valueOf(given != null ? given : product.getValue("price")));
    if (unitPrice.stripTrailingZeros().scale() > 2) {
      outcomes.rejected(i, Problem.badRequest("unitPrice has fractions of a cent."), "unitPrice",
        "must have at most 2 decimal places");
      return null;
    }
    int quantity = sale.getInteger("quantity");
    BigDecimal amount = unitPrice.multiply(BigDecimal.valueOf(quantity));
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      outcomes.rejected(i, Problem.of(422, "The sale's amount (unitPrice × quantity) is over " + MAX_AMOUNT + "."),
        "quantity", "unitPrice × quantity must not exceed " + MAX_AMOUNT);
      return null;
    }
    return new ResolvedSale(i, sale.getString("eventId"), sale.getLong("productId"), sale.getLong("storeId"),
      product.getLong("brandId"), quantity, unitPrice.setScale(2), given != null,
      amount.setScale(2), product.getString("currency"), soldAt, Facets.of(product, store));
  }
}
