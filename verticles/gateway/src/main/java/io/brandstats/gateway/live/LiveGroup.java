package io.brandstats.gateway.live;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams of one filter set on one gateway instance, sharing one aggregate. Until its snapshot arrives the
 * published sales are kept and applied after it. Each stream gets at most one event per second while its figures
 * change, its first one at once.
 */
final class LiveGroup {

  private static final long MIN_GAP_MS = 1000;

  final LiveFilter filter;
  private final Vertx vertx;
  private final List<LiveStream> streams = new ArrayList<>();
  /** Streams that wait for the snapshot before their first event. */
  private final List<LiveStream> waiting = new ArrayList<>();
  /** Sales published while the snapshot is on its way; null once it arrived. */
  private List<LiveSale> pending = new ArrayList<>();
  private LiveAggregate aggregate;
  private long version;
  private long timer = -1;
  /** A snapshot is on its way. */
  boolean requesting;
  /** Snapshots that failed in a row. */
  int failures;

  LiveGroup(Vertx vertx, LiveFilter filter) {
    this.vertx = vertx;
    this.filter = filter;
  }

  boolean loading() {
    return aggregate == null;
  }

  boolean isEmpty() {
    return streams.isEmpty() && waiting.isEmpty();
  }

  /** Takes a new stream: its first event now if the figures are there, else when they arrive. */
  void join(LiveStream stream) {
    if (aggregate == null) {
      waiting.add(stream);
    } else {
      streams.add(stream);
      stream.send(aggregate, version, System.currentTimeMillis());
    }
  }

  void leave(LiveStream stream) {
    streams.remove(stream);
    waiting.remove(stream);
  }

  /** The snapshot arrived: the sales published meanwhile are applied, and every waiting stream gets its first event. */
  void loaded(LiveAggregate snapshot) {
    aggregate = snapshot;
    for (LiveSale sale : pending) {
      aggregate.apply(sale);
    }
    pending = null;
    version++;
    long now = System.currentTimeMillis();
    for (LiveStream stream : List.copyOf(streams)) {
      stream.send(aggregate, version, now); // a new day, after a rollover
    }
    List<LiveStream> first = List.copyOf(waiting);
    waiting.clear();
    streams.addAll(first);
    for (LiveStream stream : first) {
      stream.send(aggregate, version, now);
    }
  }

  /** The day is over (or a snapshot failed): published sales wait for the next snapshot. */
  void reload() {
    aggregate = null;
    pending = new ArrayList<>();
  }

  /** Streams still waiting for a snapshot that could not be read. */
  List<LiveStream> failed() {
    List<LiveStream> failed = new ArrayList<>(waiting);
    waiting.clear();
    return failed;
  }

  boolean dayOver(long now) {
    return aggregate != null && now >= aggregate.dayEnd;
  }

  void apply(List<LiveSale> sales) {
    boolean changed = false;
    for (LiveSale sale : sales) {
      if (!filter.matches(sale)) {
        continue;
      }
      if (pending != null) {
        pending.add(sale);
      } else {
        changed |= aggregate.apply(sale);
      }
    }
    if (changed) {
      version++;
      if (timer == -1) {
        emit();
      }
    }
  }

  /** Sends to every stream that is behind and may be sent to now; comes back when the next one may. */
  private void emit() {
    if (aggregate == null) {
      return;
    }
    long now = System.currentTimeMillis();
    long next = Long.MAX_VALUE;
    for (LiveStream stream : List.copyOf(streams)) {
      if (stream.sentVersion == version) {
        continue;
      }
      long due = stream.sentAt + MIN_GAP_MS;
      if (due <= now) {
        stream.send(aggregate, version, now);
      } else {
        next = Math.min(next, due);
      }
    }
    if (next != Long.MAX_VALUE) {
      timer = vertx.setTimer(Math.max(1, next - now), id -> {
        timer = -1;
        emit();
      });
    }
  }

  void heartbeat() {
    for (LiveStream stream : List.copyOf(streams)) {
      stream.heartbeat();
    }
  }

  List<LiveStream> all() {
    List<LiveStream> all = new ArrayList<>(streams);
    all.addAll(waiting);
    return all;
  }

  void cancelTimer() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
