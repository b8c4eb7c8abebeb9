package io.brandstats.stats.rollups;

import java.util.Locale;

/**
 * What statistics slice sales by: three entities (each owned by a service that knows its name) and three facets
 * the sale carries from its product and store. Each is a column of the sale and of the rollups that keep it, a
 * filter parameter, and a dimension /stats/top ranks.
 */
public enum Dimension {
  BRANDS("brand_id", "brandId", "brand"),
  PRODUCTS("product_id", "productId", "product"),
  STORES("store_id", "storeId", "store"),
  CATEGORIES("category", "category", null),
  COUNTRIES("country", "country", null),
  CHANNELS("channel", "channel", null);

  /** The column of the sale and of every rollup that keeps this dimension. */
  public final String key;
  /** The query parameter that filters by it. */
  public final String filter;
  /** The service that owns its entities, as upstreams and answers' meta name it; null for a facet. */
  public final String owner;

  Dimension(String key, String filter, String owner) {
    this.key = key;
    this.filter = filter;
    this.owner = owner;
  }

  /** Brands, products and stores: ranked and filtered by id, named by their owners. */
  public boolean isEntity() {
    return owner != null;
  }

  /** The contract's name, e.g. "categories". */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Dimension of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
