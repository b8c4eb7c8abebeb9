package io.brandstats.stats.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The outcomes of one ingestion request")
class OutcomesTest {

  private static final List<JsonObject> SALES = List.of(
    new JsonObject().put("eventId", "a"), new JsonObject().put("eventId", "b"), new JsonObject().put("eventId", "c"));

  @Test
  @DisplayName("Each sale is answered in request order with its index and eventId; the counts add up to the sales")
  void inRequestOrder() {
    Outcomes outcomes = new Outcomes(SALES, true);

    outcomes.duplicate(2, 40);
    outcomes.accepted(0, 41);
    outcomes.rejected(1, Problem.conflict("eventId b was already used for a different sale."), "eventId", "must be unique");

    JsonObject answer = outcomes.toJson();
    assertThat(answer.getInteger("accepted")).isEqualTo(1);
    assertThat(answer.getInteger("duplicates")).isEqualTo(1);
    assertThat(answer.getInteger("rejected")).isEqualTo(1);
    JsonArray results = answer.getJsonArray("results");
    assertThat(results.getJsonObject(0)).isEqualTo(new JsonObject().put("index", 0).put("eventId", "a")
      .put("status", "accepted").put("saleId", 41L));
    assertThat(results.getJsonObject(2)).isEqualTo(new JsonObject().put("index", 2).put("eventId", "c")
      .put("status", "duplicate").put("saleId", 40L));
    JsonObject rejected = results.getJsonObject(1);
    assertThat(rejected.getString("status")).isEqualTo("rejected");
    assertThat(rejected.getJsonObject("problem").getInteger("status")).isEqualTo(409);
    assertThat(rejected.getJsonObject("problem").getJsonArray("errors").getJsonObject(0))
      .isEqualTo(new JsonObject().put("in", "body").put("field", "/sales/1/eventId").put("detail", "must be unique"));
  }

  @Test
  @DisplayName("A lone sale's problem points at /field, not into a batch")
  void loneSalePointer() {
    Outcomes outcomes = new Outcomes(SALES.subList(0, 1), false);

    outcomes.rejected(0, Problem.of(422, "soldAt is in the future."), "soldAt", "must not be in the future");

    assertThat(outcomes.toJson().getJsonArray("results").getJsonObject(0).getJsonObject("problem")
      .getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/soldAt");
  }

  @Test
  @DisplayName("What is recorded on a copy (a storing attempt that may roll back) leaves the original as it was")
  void copiesAreIndependent() {
    Outcomes before = new Outcomes(SALES, true);
    before.rejected(1, Problem.badRequest("soldAt is not a date-time."), "soldAt", "must be an RFC 3339 date-time");
    JsonObject original = before.toJson();

    Outcomes attempt = before.copy();
    attempt.accepted(0, 1);
    attempt.accepted(2, 2);

    assertThat(before.toJson()).isEqualTo(original);
    assertThat(attempt.toJson().getInteger("accepted")).isEqualTo(2);
    assertThat(attempt.toJson().getInteger("rejected")).isEqualTo(1);
    assertThat(attempt.toJson().getJsonArray("results").getJsonObject(1)).isEqualTo(original.getJsonArray("results")
      .getJsonObject(1));
  }
}
