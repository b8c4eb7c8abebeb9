package io.brandstats.common;

/** LIKE patterns built from client text, which is always taken literally. */
public final class Likes {

  private Likes() {
  }

  /** Matches values starting with the text; null (no filter) for null. */
  public static String prefix(String text) {
    if (text == null) {
      return null;
    }
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
