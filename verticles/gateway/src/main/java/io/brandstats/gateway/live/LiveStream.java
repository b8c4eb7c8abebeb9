package io.brandstats.gateway.live;

import io.brandstats.common.Timestamps;
import io.brandstats.common.Problem;
import io.brandstats.gateway.problem.ProblemResponses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One client's open event stream. Each event has an {@code id}: the gateway's clock in ms when it was sent, kept
 * strictly increasing, so a client resuming with Last-Event-ID is told what arrived since that instant. A client that
 * does not read (its write queue full) is dropped: its connection is closed, nothing more is buffered for it.
 */
final class LiveStream {

  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");

  private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final Runnable onClose;
  /** What the first event says changed: what arrived since the resumed id; null: zeros. */
  private Tally resumed;
  private Tally lastToday;
  private String lastDay;
  private long lastEventId;
  long sentAt;
  long sentVersion = -1;
  private boolean closed;

  /** @param onClose run once when the stream is over, whoever ended it */
  LiveStream(RoutingContext ctx, Tally resumed, Runnable onClose) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.resumed = resumed;
    this.onClose = onClose;
  }

  boolean started() {
    return lastDay != null;
  }

  /** Sends the aggregate's figures now: what changed is what this stream has not been told yet. */
  void send(LiveAggregate aggregate, long version, long now) {
    Tally changed;
    if (lastDay == null) {
      changed = resumed == null ? new Tally() : resumed;
      resumed = null;
    } else {
      changed = aggregate.day.equals(lastDay) ? aggregate.today.minus(lastToday) : aggregate.today.copy();
    }
    if (lastDay == null) {
      // The head goes out with the first event: until then a failed snapshot can still be a 503 problem.
      response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE).putHeader("X-Accel-Buffering", "no");
    }
    lastDay = aggregate.day;
    lastToday = aggregate.today.copy();
    lastEventId = Math.max(now, lastEventId + 1);
    sentAt = now;
    sentVersion = version;
    JsonObject data = new JsonObject()
      .put("asOf", aggregate.asOf < 0 ? null
        : Timestamps.iso(LocalDateTime.ofInstant(Instant.ofEpochMilli(aggregate.asOf), ZoneOffset.UTC)))
      .put("day", aggregate.day)
      .put("today", aggregate.today.toJson())
      .put("lastHour", aggregate.lastHour(now).toJson())
      .put("changed", changed.toJson())
      .put("currency", aggregate.currency)
      .put("timeZone", aggregate.timeZone);
    write(Buffer.buffer("id: " + lastEventId + "\nevent: totals\ndata: " + data.encode() + "\n\n"));
  }

  /** No figures could be read for the stream's first event: 503, the client retries. */
  void refuse(int retryAfterSeconds) {
    if (!closed) {
      close();
      ProblemResponses.send(ctx, Problem.unavailable("Live statistics cannot be read right now; retry shortly.",
        retryAfterSeconds));
    }
  }

  void heartbeat() {
    write(HEARTBEAT);
  }

  private void write(Buffer event) {
    if (closed) {
      return;
    }
    if (response.writeQueueFull()) {
      // Too slow to read: dropped rather than buffered without bound.
      close();
      response.reset();
      return;
    }
    response.write(event);
  }

  /** Ends the stream (shutdown, or a client dropped); the client may reconnect with its Last-Event-ID. */
  void end() {
    if (!closed) {
      close();
      if (started()) {
        response.end();
      } else {
        ProblemResponses.send(ctx, Problem.unavailable("This node is stopping; retry shortly.", 1));
      }
    }
  }

  /** Forgets the stream once its connection is gone, whoever closed it. */
  void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }
}
