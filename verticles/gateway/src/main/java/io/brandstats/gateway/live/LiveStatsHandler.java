package io.brandstats.gateway.live;

import io.brandstats.common.Problem;
import io.brandstats.gateway.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Locale;

/**
 * {@code GET /stats/live}, once the contract validated its filters: 406 when Accept excludes text/event-stream, 503
 * with Retry-After beyond {@code stats.live.maxSubscribers} open streams on this node, else the stream. With
 * Last-Event-ID the first event says what arrived since that event; an id that is not one of ours, in the future, or
 * from another day starts afresh (changed: zeros).
 */
public final class LiveStatsHandler implements Handler<RoutingContext> {

  private static final long FUTURE_TOLERANCE_MS = 60_000;

  private final LiveHub hub;
  private final LiveLimit limit;
  private final int retryAfter;

  /**
   * @param live   the stats.live settings
   * @param meters where the node's open streams are shown
   */
  public LiveStatsHandler(Vertx vertx, LiveHub hub, JsonObject live, MeterRegistry meters) {
    this.hub = hub;
    this.limit = LiveLimit.shared(vertx, live.getInteger("maxSubscribers"), meters);
    this.retryAfter = live.getInteger("retryAfter");
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!acceptsEventStream(ctx.request().getHeader(HttpHeaders.ACCEPT))) {
      ProblemResponses.send(ctx, Problem.of(406, "GET /stats/live answers text/event-stream only; the Accept header excludes it."));
      return;
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8").end();
      return;
    }
    if (!limit.tryOpen()) {
      ProblemResponses.send(ctx, Problem.unavailable("This node has " + limit.max()
        + " live streams open, its maximum; retry shortly or on another node.", retryAfter));
      return;
    }
    ValidatedRequest validated = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonObject query = new JsonObject();
    validated.getQuery().forEach((name, value) -> {
      if (value != null && !value.isNull()) {
        query.put(name, value.get());
      }
    });
    LiveFilter filter = LiveFilter.of(query);
    Long resumeFrom = eventId(ctx.request().getHeader("Last-Event-ID"));
    if (resumeFrom == null) {
      open(ctx, filter, null);
      return;
    }
    hub.since(filter, resumeFrom).onComplete(since -> {
      if (since.failed()) {
        limit.closed();
        ProblemResponses.send(ctx, Problem.unavailable("Live statistics cannot be read right now; retry shortly.", retryAfter));
        return;
      }
      JsonObject answer = since.result();
      // An id from before the reporting day began is too old: the day's totals are all the client needs.
      boolean sameDay = resumeFrom >= answer.getLong("dayStart");
      open(ctx, filter, sameDay ? Tally.of(answer.getJsonArray("since")) : null);
    });
  }

  private void open(RoutingContext ctx, LiveFilter filter, Tally resumed) {
    if (ctx.response().closed()) {
      limit.closed();
      return;
    }
    LiveStream[] stream = new LiveStream[1];
    stream[0] = new LiveStream(ctx, resumed, () -> {
      limit.closed();
      hub.leave(filter, stream[0]);
    });
    ctx.response().closeHandler(closed -> stream[0].close());
    ctx.response().setWriteQueueMaxSize(hub.maxQueuedBytes());
    hub.join(filter, stream[0]);
  }

  /** One of our ids (epoch ms, not in the future); null for none or any other value. */
  private static Long eventId(String header) {
    if (header == null || header.isEmpty() || header.length() > 19) {
      return null;
    }
    try {
      long id = Long.parseLong(header.trim());
      return id > 0 && id <= System.currentTimeMillis() + FUTURE_TOLERANCE_MS ? id : null;
    } catch (NumberFormatException notOurs) {
      return null;
    }
  }

  /** True unless Accept lists media ranges none of which admits text/event-stream (with q above 0). */
  static boolean acceptsEventStream(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      if (!(type.equals("text/event-stream") || type.equals("text/*") || type.equals("*/*"))) {
        continue;
      }
      boolean excluded = false;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
        if (parameter.startsWith("q=")) {
          try {
            excluded = Double.parseDouble(parameter.substring(2)) <= 0;
          } catch (NumberFormatException badWeight) {
            excluded = true;
          }
        }
      }
      if (!excluded) {
        return true;
      }
    }
    return false;
  }
}
