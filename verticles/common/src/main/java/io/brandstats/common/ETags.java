package io.brandstats.common;

import java.util.ArrayList;
import java.util.List;

/** Optimistic concurrency: an entity's version, exposed as a strong ETag. */
public final class ETags {

  /** No entity tag in an If-Match can ever match this version: the precondition fails (412). */
  public static final long NEVER = -1L;

  private ETags() {
  }

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * The version an If-Match header asks for: null when absent or {@code *} (no precondition on the
   * version); {@link #NEVER} when none of its tags can be ours. If-Match uses the strong comparison
   * (RFC 9110 13.1.1), so weak tags never match. Of a list, only the first strong tag of ours is
   * compared (clients send the one ETag they read).
   */
  public static Long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    if (ifMatch.trim().equals("*")) {
      return null;
    }
    List<Long> versions = new ArrayList<>();
    for (String tag : ifMatch.split(",")) {
      String trimmed = tag.trim();
      if (trimmed.length() > 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
        try {
          versions.add(Long.parseLong(trimmed.substring(1, trimmed.length() - 1)));
        } catch (NumberFormatException notOurs) {
          // a tag we never issued: cannot match
        }
      }
    }
    return versions.isEmpty() ? NEVER : versions.get(0);
  }
}
