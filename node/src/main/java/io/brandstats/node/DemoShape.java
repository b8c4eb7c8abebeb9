package io.brandstats.node;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The story the demo's sales tell over its 400 days (13 months and more, so a year-ago comparison has data):
 * weekends sell more than weekdays, summer is the high season with a smaller peak before Christmas, the whole
 * market grows about 20 % a year, each brand grows or shrinks at its own rate, and a few products are launched
 * or discontinued along the way. Everything comes from the seeded random, so one seed is one story.
 */
final class DemoShape {

  static final int DAYS = 400;
  private static final double MARKET_GROWTH = 0.20;
  private static final double LAUNCHED = 0.08;
  private static final double DISCONTINUED = 0.05;

  private final double[] brandGrowth;
  private final int[] firstDay;
  private final int[] lastDay;
  private final double meanVolume;

  /** Day index 0 is the first day of the range, DAYS - 1 the last (yesterday). */
  DemoShape(Random random, int brands, int products, LocalDate firstDate) {
    brandGrowth = new double[brands];
    for (int b = 0; b < brands; b++) {
      brandGrowth[b] = -0.3 + random.nextDouble() * 0.9; // a year's change between -30 % and +60 %
    }
    firstDay = new int[products];
    lastDay = new int[products];
    for (int p = 0; p < products; p++) {
      double fate = random.nextDouble();
      firstDay[p] = fate < LAUNCHED ? 60 + random.nextInt(DAYS - 120) : 0;
      lastDay[p] = fate > 1 - DISCONTINUED ? 120 + random.nextInt(DAYS - 150) : DAYS - 1;
    }
    double sum = 0;
    for (int t = 0; t < DAYS; t++) {
      sum += rawVolume(firstDate.plusDays(t), t);
    }
    meanVolume = sum / DAYS;
  }

  private static double rawVolume(LocalDate day, int t) {
    double weekly = day.getDayOfWeek().getValue() >= 6 ? 1.4 : 0.85;
    double season = 1 + 0.35 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 190) / 365.25);
    double christmas = day.getMonthValue() == 12 && day.getDayOfMonth() <= 24 ? 1.25 : 1.0;
    double growth = Math.pow(1 + MARKET_GROWTH, (t - (DAYS - 1)) / 365.0);
    return weekly * season * christmas * growth;
  }

  /** The day's sales relative to the range's average day. */
  double volume(LocalDate day, int t) {
    return rawVolume(day, t) / meanVolume;
  }

  /** Whether the product is on sale that day (launched already, not discontinued yet). */
  boolean sells(int product, int t) {
    return t >= firstDay[product] && t <= lastDay[product];
  }

  /** The brand's share that day relative to the end of the range (at most 1 / 0.7). */
  double weight(int brand, int t) {
    return Math.pow(1 + brandGrowth[brand], (t - (DAYS - 1)) / 365.0);
  }

  static final double MAX_WEIGHT = 1 / 0.7;

  /** How many products were launched or discontinued within the range. */
  int changedProducts() {
    int changed = 0;
    for (int p = 0; p < firstDay.length; p++) {
      if (firstDay[p] > 0 || lastDay[p] < DAYS - 1) {
        changed++;
      }
    }
    return changed;
  }

  /** The products discontinued before the end of the range. */
  List<Integer> discontinued() {
    List<Integer> gone = new ArrayList<>();
    for (int p = 0; p < lastDay.length; p++) {
      if (lastDay[p] < DAYS - 1) {
        gone.add(p);
      }
    }
    return gone;
  }
}
