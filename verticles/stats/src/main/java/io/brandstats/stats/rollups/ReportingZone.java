package io.brandstats.stats.rollups;

import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The reporting time zone ({@code stats.timeZone}): its days, and the spans of constant UTC offset the rollups
 * cut sales into days with. A daylight-saving day has 23 or 25 hours and is still one day. Sales are stored in
 * UTC ({@code sold_at}), so the rollups and raw-sale queries translate with these.
 */
public record ReportingZone(ZoneId id) {

  /** The earliest and latest instants sold_at can hold: the first and last offset spans reach them. */
  private static final LocalDateTime EARLIEST = LocalDateTime.of(1000, 1, 1, 0, 0);
  private static final LocalDateTime LATEST = LocalDateTime.of(9999, 12, 31, 0, 0);
  /** Transitions are listed up to this year; later sales take the last offset (and are refused at ingestion). */
  private static final int LAST_YEAR = 2200;

  public static ReportingZone of(String id) {
    return new ReportingZone(ZoneId.of(id));
  }

  public String name() {
    return id.getId();
  }

  public LocalDate today() {
    return LocalDate.now(id);
  }

  /** The UTC date-time (as sold_at stores it) at which this zone's day begins. */
  public LocalDateTime startOf(LocalDate day) {
    return utc(day.atStartOfDay(id).toInstant());
  }

  public static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * The offsets (minutes) in force between two UTC date-times: each change within them (its UTC date-time and the
   * offset before it), then the offset after the last change. At most {@code max} changes; null when there are more.
   */
  public Tuple offsetsBetween(LocalDateTime from, LocalDateTime to, int max) {
    ZoneRules rules = id.getRules();
    Tuple offsets = Tuple.tuple();
    Instant end = to.toInstant(ZoneOffset.UTC);
    ZoneOffsetTransition next = rules.nextTransition(from.toInstant(ZoneOffset.UTC));
    int changes = 0;
    while (next != null && !next.getInstant().isAfter(end)) {
      if (++changes > max) {
        return null;
      }
      offsets.addValue(utc(next.getInstant())).addValue(next.getOffsetBefore().getTotalSeconds() / 60);
      next = rules.nextTransition(next.getInstant());
    }
    return offsets.addValue(rules.getOffset(end).getTotalSeconds() / 60);
  }

  /** Rows (valid_from, valid_to, offset_minutes) covering every instant sold_at can hold, in order. */
  public List<Tuple> offsetSpans() {
    ZoneRules rules = id.getRules();
    List<Tuple> spans = new ArrayList<>();
    LocalDateTime from = EARLIEST;
    Instant cursor = EARLIEST.toInstant(ZoneOffset.UTC);
    ZoneOffsetTransition next = rules.nextTransition(cursor);
    while (next != null && next.getDateTimeBefore().getYear() <= LAST_YEAR) {
      LocalDateTime to = utc(next.getInstant());
      spans.add(Tuple.of(from, to, next.getOffsetBefore().getTotalSeconds() / 60));
      from = to;
      next = rules.nextTransition(next.getInstant());
    }
    Instant last = from.toInstant(ZoneOffset.UTC);
    spans.add(Tuple.of(from, LATEST, rules.getOffset(last).getTotalSeconds() / 60));
    return spans;
  }
}
