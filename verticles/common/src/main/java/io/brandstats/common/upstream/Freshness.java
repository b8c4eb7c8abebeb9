package io.brandstats.common.upstream;

/** How fresh a fact from another service is, as every answer built on it says. */
public enum Freshness {
  /** Just read from the owning service. */
  LIVE,
  /** From cache, within its TTL. */
  CACHED,
  /** From cache past its TTL, because the owning service could not be asked. */
  STALE,
  /** Neither the owning service nor the cache could tell. */
  UNAVAILABLE;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
