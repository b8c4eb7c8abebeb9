package io.brandstats.gateway.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * The live figures of one filter set: the reporting day's totals and a ring of per-minute totals around now, started
 * from a stats service's snapshot and moved by each published sale the snapshot does not include (ids above its
 * newest, and the newest ids it says it did not count), so no sale is counted twice.
 */
final class LiveAggregate {

  /** Minutes the ring holds: the last hour and the hour ahead (sales sold up to the allowed clock skew in the future). */
  private static final int SLOTS = 128;
  private static final int HOUR = 60;
  private static final long MINUTE_MS = 60_000;

  final String currency;
  final String timeZone;
  final String day;
  final long dayStart;
  final long dayEnd;
  final Tally today;
  private final long lastId;
  private final int recent;
  private final byte[] counted;
  private final long[] slotMinute = new long[SLOTS];
  private final long[] slotUnits = new long[SLOTS];
  private final long[] slotOrders = new long[SLOTS];
  private final long[] slotCents = new long[SLOTS];
  /** The newest soldAt counted (epoch ms), or -1 when none. */
  long asOf;

  private LiveAggregate(JsonObject snapshot) {
    currency = snapshot.getString("currency");
    timeZone = snapshot.getString("timeZone");
    day = snapshot.getString("day");
    dayStart = snapshot.getLong("dayStart");
    dayEnd = snapshot.getLong("dayEnd");
    today = Tally.of(snapshot.getJsonArray("today"));
    lastId = snapshot.getLong("lastId");
    recent = snapshot.getInteger("recent");
    counted = Base64.getDecoder().decode(snapshot.getString("counted"));
    Long newest = snapshot.getLong("asOf");
    asOf = newest == null ? -1 : newest;
    java.util.Arrays.fill(slotMinute, Long.MIN_VALUE);
    for (Object entry : snapshot.getJsonArray("minutes")) {
      JsonArray m = (JsonArray) entry; // [minute, units, orders, cents, newest soldAt ms]
      addToSlot(m.getLong(0), m.getLong(1), m.getLong(2), m.getLong(3));
      asOf = Math.max(asOf, m.getLong(4));
    }
  }

  static LiveAggregate of(JsonObject snapshot) {
    return new LiveAggregate(snapshot);
  }

  /** Counts a sale that matches the filters unless the snapshot did; true when a figure changed. */
  boolean apply(LiveSale sale) {
    if (sale.id() <= lastId) {
      long back = lastId - sale.id();
      if (back >= recent || (counted[(int) (back >> 3)] & (1 << (back & 7))) != 0) {
        return false;
      }
      counted[(int) (back >> 3)] |= (byte) (1 << (back & 7));
    }
    long cents = currency.equals(sale.currency()) ? sale.cents() : 0;
    boolean changed = false;
    if (sale.soldAtMs() >= dayStart && sale.soldAtMs() < dayEnd) {
      today.add(sale.quantity(), 1, cents);
      changed = true;
    }
    long minute = Math.floorDiv(sale.soldAtMs(), MINUTE_MS);
    long current = Math.floorDiv(System.currentTimeMillis(), MINUTE_MS);
    if (minute > current - HOUR && minute < current + SLOTS - HOUR) {
      addToSlot(minute, sale.quantity(), 1, cents);
      changed = true;
    }
    if (changed) {
      asOf = Math.max(asOf, sale.soldAtMs());
    }
    return changed;
  }

  /** The 60 minutes ending with the current one. */
  Tally lastHour(long nowMs) {
    long current = Math.floorDiv(nowMs, MINUTE_MS);
    Tally hour = new Tally();
    for (int i = 0; i < SLOTS; i++) {
      if (slotMinute[i] > current - HOUR && slotMinute[i] <= current) {
        hour.add(slotUnits[i], slotOrders[i], slotCents[i]);
      }
    }
    return hour;
  }

  private void addToSlot(long minute, long units, long orders, long cents) {
    int slot = (int) Math.floorMod(minute, (long) SLOTS);
    if (slotMinute[slot] != minute) {
      slotMinute[slot] = minute;
      slotUnits[slot] = 0;
      slotOrders[slot] = 0;
      slotCents[slot] = 0;
    }
    slotUnits[slot] += units;
    slotOrders[slot] += orders;
    slotCents[slot] += cents;
  }
}
