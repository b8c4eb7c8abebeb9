package io.brandstats.stats.rollups;

import static io.brandstats.stats.rollups.Dimension.BRANDS;
import static io.brandstats.stats.rollups.Dimension.CATEGORIES;
import static io.brandstats.stats.rollups.Dimension.CHANNELS;
import static io.brandstats.stats.rollups.Dimension.COUNTRIES;
import static io.brandstats.stats.rollups.Dimension.PRODUCTS;
import static io.brandstats.stats.rollups.Dimension.STORES;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rollup tables, coarsest first: each keeps units, revenue and orders per reporting-zone day, currency and
 * the dimensions it names. A statistic reads the first one that keeps every dimension it filters or ranks by,
 * so the common questions read few rows and any combination is answered by {@link #FINE}.
 */
public enum Rollup {
  DAY("roll_day", EnumSet.noneOf(Dimension.class)),
  BRAND("roll_brand", EnumSet.of(BRANDS)),
  STORE("roll_store", EnumSet.of(STORES, COUNTRIES, CHANNELS)),
  PRODUCT("roll_product", EnumSet.of(PRODUCTS, BRANDS, CATEGORIES)),
  BRAND_STORE("roll_brand_store", EnumSet.of(BRANDS, STORES, COUNTRIES, CHANNELS)),
  CATEGORY_STORE("roll_category_store", EnumSet.of(STORES, CATEGORIES, COUNTRIES, CHANNELS)),
  FINE("roll_fine", EnumSet.allOf(Dimension.class));

  public final String table;
  /** The dimensions it keeps, in the order of Dimension (its key columns after day and currency). */
  public final Set<Dimension> dimensions;

  Rollup(String table, Set<Dimension> dimensions) {
    this.table = table;
    this.dimensions = dimensions;
  }

  /** The coarsest rollup that keeps all of these dimensions. */
  public static Rollup covering(Collection<Dimension> needed) {
    for (Rollup rollup : values()) {
      if (rollup.dimensions.containsAll(needed)) {
        return rollup;
      }
    }
    return FINE;
  }

  /** Its key columns after day and currency. */
  public List<String> keyColumns() {
    return dimensions.stream().map(dimension -> dimension.key).toList();
  }
}
