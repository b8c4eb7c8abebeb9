package io.brandstats.stats.rollups;

/**
 * What statistics are kept per day for: each dimension has its rollup table, the column that keys it, and
 * the service that owns its entities (and their names). Ingestion adds to every dimension's table; the
 * statistics read them, never the sales.
 */
public enum Dimension {
  BRANDS("brand_daily", "brand_id", "brand"),
  PRODUCTS("product_daily", "product_id", "product"),
  STORES("store_daily", "store_id", "store");

  /** The daily rollup table, one row per (currency, day, key). */
  public final String table;
  /** The column of the rollup table that holds the entity's id. */
  public final String key;
  /** The service that owns this dimension's entities, as upstreams and answers' meta name it: brand, product, store. */
  public final String owner;

  Dimension(String table, String key, String owner) {
    this.table = table;
    this.key = key;
    this.owner = owner;
  }
}
