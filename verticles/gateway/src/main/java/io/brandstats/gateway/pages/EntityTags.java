package io.brandstats.gateway.pages;

/** If-None-Match as RFC 9110 reads it for a GET: weak comparison, a list of tags, or {@code *}. */
final class EntityTags {

  private EntityTags() {
  }

  /** True when the header names any of the tags (the client's copy is current: answer 304). */
  static boolean matches(String ifNoneMatch, String... tags) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    if (ifNoneMatch.trim().equals("*")) {
      return true;
    }
    for (String listed : ifNoneMatch.split(",")) {
      String tag = listed.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      for (String current : tags) {
        if (tag.equals(current)) {
          return true;
        }
      }
    }
    return false;
  }
}
