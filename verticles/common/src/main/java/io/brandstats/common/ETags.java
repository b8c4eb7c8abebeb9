package io.brandstats.common;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Optimistic concurrency: an entity's version, exposed as a strong ETag, and If-Match as RFC 9110 defines it. */
public final class ETags {

  private ETags() {
  }

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * What an If-Match header asks (RFC 9110 13.1.1): absent or {@code *}, any current version; else the entity
   * tags it lists, any of which may match, compared strongly, so weak tags ({@code W/"1"}) never do. A header
   * that is not a list of entity tags matches nothing: the write it guards is not made.
   */
  public static IfMatch ifMatch(String header) {
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return IfMatch.ANY;
    }
    Set<Long> versions = new TreeSet<>();
    int at = 0;
    while (at < header.length()) {
      char c = header.charAt(at);
      if (c == ' ' || c == '\t' || c == ',') {
        at++;
        continue;
      }
      boolean weak = header.startsWith("W/\"", at);
      int open = weak ? at + 2 : at;
      int close = header.charAt(open) == '"' ? header.indexOf('"', open + 1) : -1;
      if (close < 0) {
        return IfMatch.NOTHING;
      }
      if (!weak) {
        Long version = version(header.substring(open + 1, close));
        if (version != null) {
          versions.add(version);
        }
      }
      at = close + 1;
    }
    return versions.isEmpty() ? IfMatch.NOTHING : new IfMatch(false, versions);
  }

  /** The version an opaque tag of ours stands for; null for any tag we never issued. */
  private static Long version(String opaque) {
    if (opaque.isEmpty() || opaque.length() > 19 || !opaque.chars().allMatch(Character::isDigit)) {
      return null;
    }
    try {
      return Long.parseLong(opaque);
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  /**
   * An If-Match precondition.
   *
   * @param any      any current version will do (no If-Match, or {@code *})
   * @param versions otherwise, the versions its strong tags name (empty: none of its tags can be ours)
   */
  public record IfMatch(boolean any, Set<Long> versions) {

    static final IfMatch ANY = new IfMatch(true, Set.of());
    static final IfMatch NOTHING = new IfMatch(false, Set.of());

    public boolean matches(long version) {
      return any || versions.contains(version);
    }

    /**
     * For a statement's {@code (? IS NULL OR FIND_IN_SET(version, ?) > 0)}: null when any version will do, else
     * the versions comma-separated (empty when none can match).
     */
    public String sqlVersions() {
      return any ? null : versions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
  }
}
