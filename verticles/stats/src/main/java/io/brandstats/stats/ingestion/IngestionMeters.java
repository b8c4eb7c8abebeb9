package io.brandstats.stats.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;

/** {@code brandstats_sales_ingested_total{outcome}}: what ingestion answered, per sale, after the commit. */
final class IngestionMeters {

  private final Counter accepted;
  private final Counter duplicates;
  private final Counter rejected;

  IngestionMeters(MeterRegistry registry) {
    accepted = counter(registry, "accepted");
    duplicates = counter(registry, "duplicate");
    rejected = counter(registry, "rejected");
  }

  /** @param result an ingestion answer: {"accepted": n, "duplicates": n, "rejected": n, ...} */
  void count(JsonObject result) {
    accepted.increment(result.getInteger("accepted", 0));
    duplicates.increment(result.getInteger("duplicates", 0));
    rejected.increment(result.getInteger("rejected", 0));
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("brandstats.sales.ingested")
      .description("Sales ingestion answered, by outcome (a 503 stores and counts nothing)")
      .tag("outcome", outcome)
      .register(registry);
  }
}
