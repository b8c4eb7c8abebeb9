package io.brandstats.stats.queries;

import io.brandstats.common.Problem;
import io.brandstats.common.upstream.Freshness;
import io.brandstats.common.upstream.Lookup;
import io.brandstats.common.upstream.UpstreamException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one statistics answer learned from other services, and how fresh it was: per owner, the least fresh
 * fact used (live, cached, stale, unavailable). A fact that cannot be had never fails the answer: the numbers
 * are served with the id alone and the owner marked unavailable. A failure that is not the owner's (a bug) is
 * answered the same way, and logged.
 */
final class Facts {

  private static final Logger LOG = LoggerFactory.getLogger(Facts.class);

  private final Map<String, Freshness> freshness = new LinkedHashMap<>();

  /**
   * An entity the answer mentions (e.g. in a ranking): null when its owner does not know it (the owner did
   * answer: live) or cannot be asked (unavailable).
   *
   * @param owner  the owning service, as the meta names it: brand, product, store
   * @param lookup the owner's lookup of the id
   */
  Future<JsonObject> entity(String owner, Future<Lookup> lookup, long id) {
    return read(owner, lookup, id, false);
  }

  /** The entity the request is about: as {@link #entity}, but a 404 problem when its owner does not know it. */
  Future<JsonObject> subject(String owner, Future<Lookup> lookup, long id) {
    return read(owner, lookup, id, true);
  }

  private Future<JsonObject> read(String owner, Future<Lookup> lookup, long id, boolean subject) {
    return lookup.transform(done -> {
      if (done.succeeded()) {
        record(owner, done.result().freshness());
        return Future.succeededFuture(done.result().entity());
      }
      Throwable failure = done.cause();
      if (failure instanceof UpstreamException e && e.kind() == UpstreamException.Kind.NOT_FOUND) {
        if (subject) {
          return Future.failedFuture(Problem.notFound("There is no " + owner + " " + id + ".").toException());
        }
        record(owner, Freshness.LIVE);
        return Future.succeededFuture();
      }
      if (!(failure instanceof UpstreamException)) {
        LOG.error("Reading {} {} failed; answered as unavailable", owner, id, failure);
      }
      record(owner, Freshness.UNAVAILABLE);
      return Future.succeededFuture();
    });
  }

  private void record(String owner, Freshness seen) {
    freshness.merge(owner, seen, (was, now) -> rank(now) > rank(was) ? now : was);
  }

  /** Worse is larger: live, cached, stale, unavailable. */
  private static int rank(Freshness freshness) {
    return freshness.ordinal();
  }

  JsonObject toJson() {
    JsonObject meta = new JsonObject();
    freshness.forEach((owner, seen) -> meta.put(owner, seen.wire()));
    return meta;
  }
}
