package io.brandstats.stats.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.stats.sales.Facets;
import io.brandstats.stats.sales.ResolvedSale;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The checks of one sale, against a fixed "now" and a clock skew of five minutes. */
@DisplayName("The checks of one sale")
class SaleChecksTest {

  private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 14, 15, 9, 26);
  private static final SaleChecks CHECKS = new SaleChecks(Duration.ofMinutes(5));
  private static final JsonObject PRODUCT = new JsonObject().put("id", 7).put("brandId", 3).put("price", 19.9)
    .put("currency", "EUR").put("category", "tents").put("status", "active");
  private static final JsonObject STORE = new JsonObject().put("id", 2).put("country", "AT").put("channel", "online")
    .put("status", "active");

  private static JsonObject sale(Object soldAt) {
    return new JsonObject().put("eventId", "e-1").put("productId", 7).put("storeId", 2).put("quantity", 3)
      .put("soldAt", soldAt);
  }

  /** A lone sale's outcome: its fields are pointed at as /field. */
  private static Outcomes lone(JsonObject sale) {
    return new Outcomes(List.of(sale), false);
  }

  private static JsonObject problem(Outcomes outcomes) {
    JsonObject result = outcomes.toJson().getJsonArray("results").getJsonObject(0);
    assertThat(result.getString("status")).isEqualTo("rejected");
    return result.getJsonObject("problem");
  }

  @Test
  @DisplayName("soldAt is read as UTC, to the millisecond, whatever offset it was written with")
  void soldAtIsUtc() {
    JsonObject sale = sale("2026-03-14T16:30:00.1239+02:00");

    LocalDateTime soldAt = CHECKS.soldAt(sale, 0, NOW, lone(sale));

    assertThat(soldAt).isEqualTo(LocalDateTime.of(2026, 3, 14, 14, 30, 0, 123_000_000));
  }

  @Test
  @DisplayName("A missing soldAt, or one that is not a date-time, is rejected with 400 pointing at /soldAt")
  void missingOrMalformedSoldAt() {
    for (JsonObject sale : List.of(sale(null), sale("yesterday"), sale("2026-02-30T10:00:00Z"))) {
      Outcomes outcomes = lone(sale);

      assertThat(CHECKS.soldAt(sale, 0, NOW, outcomes)).as("%s", sale).isNull();

      JsonObject problem = problem(outcomes);
      assertThat(problem.getInteger("status")).isEqualTo(400);
      assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/soldAt");
    }
  }

  @Test
  @DisplayName("soldAt may lie up to the clock skew in the future; beyond it the sale is a 422")
  void clockSkew() {
    assertBoundary("2026-03-14T15:14:26Z", NOW.plusMinutes(5), "2026-03-14T15:14:26.001Z", "soldAt is in the future.");
  }

  @Test
  @DisplayName("Sales from 2000 on are taken; an earlier soldAt is a 422")
  void earliestDay() {
    assertBoundary("2000-01-01T00:00:00Z", SaleChecks.EARLIEST, "1999-12-31T23:59:59.999Z", "soldAt is before 2000-01-01.");
  }

  /** The last soldAt taken is read as expected; one millisecond past it, the sale is rejected with 422. */
  private static void assertBoundary(String taken, LocalDateTime expected, String refused, String detail) {
    JsonObject first = sale(taken);
    JsonObject past = sale(refused);
    Outcomes rejected = lone(past);

    assertThat(CHECKS.soldAt(first, 0, NOW, lone(first))).isEqualTo(expected);
    assertThat(CHECKS.soldAt(past, 0, NOW, rejected)).isNull();
    assertThat(problem(rejected).getInteger("status")).isEqualTo(422);
    assertThat(problem(rejected).getString("detail")).isEqualTo(detail);
  }

  @Test
  @DisplayName("Without a unitPrice a sale costs its product's price; brand, currency and category are the product's, country and channel the store's")
  void pricedFromProduct() {
    JsonObject sale = sale("2026-03-14T10:00:00Z");

    ResolvedSale priced = CHECKS.priced(4, sale, NOW, PRODUCT, STORE, lone(sale));

    assertThat(priced.index()).isEqualTo(4);
    assertThat(priced.unitPrice()).isEqualTo(new BigDecimal("19.90"));
    assertThat(priced.amount()).isEqualTo(new BigDecimal("59.70"));
    assertThat(priced.priceGiven()).isFalse();
    assertThat(priced.brandId()).isEqualTo(3);
    assertThat(priced.facets()).isEqualTo(new Facets(PRODUCT.getString("category"), STORE.getString("country"),
      STORE.getString("channel")));
    assertThat(priced.currency()).isEqualTo("EUR");
    assertThat(priced.soldAt()).isEqualTo(NOW);
  }

  @Test
  @DisplayName("A given unitPrice wins over the product's; fractions of a cent are a 400 pointing at the batch's /sales/i/unitPrice")
  void givenUnitPrice() {
    JsonObject discounted = sale("2026-03-14T10:00:00Z").put("unitPrice", 15);
    JsonObject fraction = sale("2026-03-14T10:00:00Z").put("unitPrice", 15.005);
    Outcomes batch = new Outcomes(List.of(discounted, fraction), true);

    ResolvedSale priced = CHECKS.priced(0, discounted, NOW, PRODUCT, STORE, batch);

    assertThat(priced.unitPrice()).isEqualTo(new BigDecimal("15.00"));
    assertThat(priced.amount()).isEqualTo(new BigDecimal("45.00"));
    assertThat(priced.priceGiven()).isTrue();
    assertThat(CHECKS.priced(1, fraction, NOW, PRODUCT, STORE, batch)).isNull();
    JsonObject problem = batch.toJson().getJsonArray("results").getJsonObject(1).getJsonObject("problem");
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/sales/1/unitPrice");
  }

  @Test
  @DisplayName("A sale whose amount would not fit a sale row is a 422; the largest that fits is taken")
  void amountBound() {
    JsonObject largest = sale("2026-03-14T10:00:00Z").put("unitPrice", "333333333333.33");
    JsonObject tooLarge = sale("2026-03-14T10:00:00Z").put("unitPrice", "333333333333.34");
    Outcomes refused = lone(tooLarge);

    assertThat(CHECKS.priced(0, largest, NOW, PRODUCT, STORE, lone(largest)).amount()).isEqualTo(SaleChecks.MAX_AMOUNT);
    assertThat(CHECKS.priced(0, tooLarge, NOW, PRODUCT, STORE, refused)).isNull();
    assertThat(problem(refused).getInteger("status")).isEqualTo(422);
    assertThat(problem(refused).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/quantity");
  }
}
