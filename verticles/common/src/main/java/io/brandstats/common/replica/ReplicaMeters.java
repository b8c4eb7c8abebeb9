package io.brandstats.common.replica;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How a service's reads were served, for a service with a replica: by the replica, by the primary (writes excluded),
 * and by the primary after failing on the replica. Micrometer hands every instance of a service the same counters.
 */
final class ReplicaMeters {

  final Counter onReplica;
  final Counter onPrimary;
  final Counter retried;

  ReplicaMeters(MeterRegistry registry, String service) {
    onReplica = reads(registry, service, "replica");
    onPrimary = reads(registry, service, "primary");
    retried = Counter.builder("brandstats.db.replica.retries")
      .description("Reads that failed on the replica and were run again on the primary")
      .tag("service", service).register(registry);
  }

  private static Counter reads(MeterRegistry registry, String service, String pool) {
    return Counter.builder("brandstats.db.reads")
      .description("Reads of a service with a replica, by the pool that was asked first")
      .tags("service", service, "pool", pool).register(registry);
  }
}
