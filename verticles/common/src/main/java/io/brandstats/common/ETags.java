package io.brandstats.common;

/** Optimistic concurrency: an entity's version, exposed as a strong ETag. */
public final class ETags {

  private ETags() {
  }

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * The version an If-Match header asks for; null when absent or {@code *} (no precondition on the version).
   * A value that cannot be one of our ETags can never match, so it is a stale precondition: 412.
   */
  public static Long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String tag = ifMatch.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      try {
        return Long.parseLong(tag.substring(1, tag.length() - 1));
      } catch (NumberFormatException notOurs) {
        // falls through
      }
    }
    return -1L;
  }
}
