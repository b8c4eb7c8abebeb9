package io.brandstats.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursors: the last id a page returned, so the next page starts strictly after it and
 * a walk sees every row once even while rows are added.
 */
public final class Cursors {

  private static final String PREFIX = "id:";

  private Cursors() {
  }

  public static String after(long id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The id a cursor points after; 0 when there is no cursor; a 400 problem when it is not one of ours. */
  public static long decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        long id = Long.parseLong(text.substring(PREFIX.length()));
        if (id > 0) {
          return id;
        }
      }
    } catch (IllegalArgumentException malformed) {
      // falls through to the problem below
    }
    throw Problem.badRequest("The cursor is not one this API returned.")
      .withFieldError("query", "cursor", "must be the value of a previous page's next link")
      .toException();
  }
}
