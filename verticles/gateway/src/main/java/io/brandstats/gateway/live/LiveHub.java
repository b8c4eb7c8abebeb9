package io.brandstats.gateway.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams of one gateway instance (one event loop, so nothing here is shared between threads): their
 * groups by filter set, the published sales they are moved by, the heartbeat, and the day's rollover (a fresh
 * snapshot at the reporting zone's midnight). Streams are counted against the node's bound by {@link LiveLimit}.
 */
public final class LiveHub {

  /** Where the stats services publish accepted sales (stats' AcceptedSales.ADDRESS). */
  static final String ACCEPTED = "stats.sales.accepted";
  /** Where the stats services answer snapshots (stats' LiveSnapshots.ADDRESS). */
  static final String SNAPSHOT = "stats.live.snapshot";
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  private static final long TICK_MS = 1000;

  private final Vertx vertx;
  private final long heartbeatMs;
  private final int retryAfter;
  private final int maxQueuedBytes;
  private final DeliveryOptions snapshotDelivery;
  private final Map<LiveFilter, LiveGroup> groups = new HashMap<>();
  private final List<Long> timers = new ArrayList<>();
  private MessageConsumer<String> consumer;

  /** @param live the stats.live settings */
  public LiveHub(Vertx vertx, JsonObject live) {
    this.vertx = vertx;
    this.heartbeatMs = live.getLong("heartbeat") * 1000;
    this.retryAfter = live.getInteger("retryAfter");
    this.maxQueuedBytes = live.getInteger("maxQueuedBytes");
    this.snapshotDelivery = new DeliveryOptions().setSendTimeout(live.getLong("snapshotTimeout"));
  }

  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(ACCEPTED, message -> accepted(message.body()));
    timers.add(vertx.setPeriodic(heartbeatMs, id -> groups.values().forEach(LiveGroup::heartbeat)));
    timers.add(vertx.setPeriodic(TICK_MS, id -> rollOver()));
    return consumer.completion();
  }

  private void accepted(String message) {
    if (groups.isEmpty()) {
      return;
    }
    List<LiveSale> sales = LiveSale.parse(message);
    for (LiveGroup group : groups.values()) {
      group.apply(sales);
    }
  }

  /** A stream joins its filter set's group; a new group first asks a stats service for its snapshot. */
  void join(LiveFilter filter, LiveStream stream) {
    LiveGroup group = groups.get(filter);
    if (group == null) {
      group = new LiveGroup(vertx, filter);
      groups.put(filter, group);
      group.join(stream);
      load(group);
    } else {
      group.join(stream);
    }
  }

  void leave(LiveFilter filter, LiveStream stream) {
    LiveGroup group = groups.get(filter);
    if (group != null) {
      group.leave(stream);
      if (group.isEmpty()) {
        group.cancelTimer();
        groups.remove(filter);
      }
    }
  }

  int maxQueuedBytes() {
    return maxQueuedBytes;
  }

  /** What arrived for these filters since an instant (epoch ms), and the day it was counted in. */
  Future<JsonObject> since(LiveFilter filter, long receivedAfter) {
    return snapshot(filter.snapshotRequest(receivedAfter));
  }

  private void load(LiveGroup group) {
    group.requesting = true;
    snapshot(group.filter.snapshotRequest(null)).onComplete(done -> {
      group.requesting = false;
      if (groups.get(group.filter) != group) {
        return; // every stream left meanwhile
      }
      if (done.succeeded()) {
        group.failures = 0;
        group.loaded(LiveAggregate.of(done.result()));
      } else {
        // Said once per outage of a group, not at every retry.
        if (group.failures++ == 0) {
          LOG.warn("No live snapshot for {}: {}; retrying every second", group.filter, done.cause().getMessage());
        }
        group.failed().forEach(stream -> stream.refuse(retryAfter));
        if (group.isEmpty()) {
          groups.remove(group.filter);
        }
        // Streams already open keep waiting: the next tick asks again.
      }
    });
  }

  private Future<JsonObject> snapshot(JsonObject request) {
    return vertx.eventBus().<JsonObject>request(SNAPSHOT, request, snapshotDelivery).map(reply -> reply.body());
  }

  /** At the reporting day's end each group starts over from a fresh snapshot; a group whose snapshot failed retries. */
  private void rollOver() {
    long now = System.currentTimeMillis();
    for (LiveGroup group : List.copyOf(groups.values())) {
      if (group.dayOver(now)) {
        group.reload();
        load(group);
      } else if (group.loading() && !group.requesting) {
        load(group);
      }
    }
  }

  /** Ends every stream (the node is stopping): clients reconnect elsewhere or later with their Last-Event-ID. */
  public Future<Void> close() {
    timers.forEach(vertx::cancelTimer);
    for (LiveGroup group : List.copyOf(groups.values())) {
      group.cancelTimer();
      group.all().forEach(LiveStream::end);
    }
    groups.clear();
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
