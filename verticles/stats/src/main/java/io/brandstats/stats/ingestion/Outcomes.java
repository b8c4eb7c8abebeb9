package io.brandstats.stats.ingestion;

import io.brandstats.common.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What each sale of one request became, in request order: accepted or duplicate with the stored sale's id, or
 * rejected with its problem, pointing at the sale's field (/sales/i/field in a batch, /field for a lone sale).
 */
final class Outcomes {

  private final JsonObject[] results;
  private final boolean batch;
  private int accepted;
  private int duplicates;
  private int rejected;

  Outcomes(List<JsonObject> sales, boolean batch) {
    this.batch = batch;
    this.results = new JsonObject[sales.size()];
    for (int i = 0; i < results.length; i++) {
      results[i] = new JsonObject().put("index", i).put("eventId", sales.get(i).getString("eventId"));
    }
  }

  private Outcomes(Outcomes other) {
    this.batch = other.batch;
    this.results = new JsonObject[other.results.length];
    for (int i = 0; i < results.length; i++) {
      results[i] = other.results[i].copy();
    }
    this.accepted = other.accepted;
    this.duplicates = other.duplicates;
    this.rejected = other.rejected;
  }

  /** An independent copy: what a storing attempt records on it is lost with the attempt if it rolls back. */
  Outcomes copy() {
    return new Outcomes(this);
  }

  void accepted(int i, long saleId) {
    accepted++;
    results[i].put("status", "accepted").put("saleId", saleId);
  }

  void duplicate(int i, long saleId) {
    duplicates++;
    results[i].put("status", "duplicate").put("saleId", saleId);
  }

  void rejected(int i, Problem problem, String field, String detail) {
    rejected++;
    String pointer = (batch ? "/sales/" + i + "/" : "/") + field;
    results[i].put("status", "rejected").put("problem", problem.withFieldError("body", pointer, detail).toJson());
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("accepted", accepted)
      .put("duplicates", duplicates)
      .put("rejected", rejected)
      .put("results", new JsonArray(List.of((Object[]) results)));
  }
}
