package io.brandstats.stats;

import io.brandstats.common.upstream.Freshness;
import io.brandstats.common.upstream.Lookup;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.common.upstream.UpstreamException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one statistics answer learned from other services, and how fresh it was: per upstream, the
 * least fresh fact used (live, cached, stale, unavailable). A fact that cannot be had never fails the
 * answer: the numbers are served with the id alone and the upstream marked unavailable.
 */
final class Facts {

  private final Map<String, Freshness> freshness = new LinkedHashMap<>();

  /** The entity, or null when its owner cannot be asked (recorded as unavailable) or does not know it. */
  Future<JsonObject> entity(String upstream, UpstreamClient client, long id) {
    return client.get(id).map(lookup -> {
      record(upstream, lookup.freshness());
      return lookup.entity();
    }).otherwise(failure -> {
      boolean unknown = failure instanceof UpstreamException e && e.kind() == UpstreamException.Kind.NOT_FOUND;
      record(upstream, unknown ? Freshness.LIVE : Freshness.UNAVAILABLE);
      return null;
    });
  }

  void record(String upstream, Freshness seen) {
    freshness.merge(upstream, seen, (was, now) -> rank(now) > rank(was) ? now : was);
  }

  void record(String upstream, Lookup lookup) {
    record(upstream, lookup.freshness());
  }

  /** Worse is larger: live, cached, stale, unavailable. */
  private static int rank(Freshness freshness) {
    return freshness.ordinal();
  }

  JsonObject toJson() {
    JsonObject meta = new JsonObject();
    freshness.forEach((upstream, seen) -> meta.put(upstream, seen.wire()));
    return meta;
  }
}
