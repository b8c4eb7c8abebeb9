package io.brandstats.launcher;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Bodies that are not strict UTF-8 RFC 8259 JSON, made from a valid one, and random texts and bytes. */
final class BodySyntax {

  /** What random texts are made of: ASCII, controls, spaces of every kind, letters of other scripts, emoji. */
  private static final String POOL = "aZ09 -_.~!*'();:@&=+$,/?#[]%\"\\{}<>^`|\u0000\u0001\u0007\t\n\r\u001f\u007f"
    + "\u00a0\u00e9\u00df\u4e2d\u0416\u200b\u200c\u200d\u2028\u2029\u202e\ufeff\ufffd\ud83d\ude00";

  private BodySyntax() {
  }

  /** Each a malformed body, by what is wrong with it (at least one per way JSON can be wrong in transit). */
  static Map<String, Buffer> malformed(String json) {
    String firstKey = new JsonObject(json).fieldNames().iterator().next();
    Map<String, Buffer> bodies = new LinkedHashMap<>();
    bodies.put("with a comment", Buffer.buffer("/* c */ " + json));
    bodies.put("with a line comment", Buffer.buffer("{ // c\n" + json.substring(1)));
    bodies.put("with a key twice", Buffer.buffer("{\"" + firstKey + "\":null," + json.substring(1)));
    bodies.put("with more after it", Buffer.buffer(json + " {}"));
    bodies.put("twice", Buffer.buffer(json + json));
    bodies.put("cut short", Buffer.buffer(json.substring(0, json.length() / 2)));
    bodies.put("in single quotes", Buffer.buffer(json.replace('"', '\'')));
    bodies.put("with a trailing comma", Buffer.buffer(json.substring(0, json.length() - 1) + ",}"));
    bodies.put("with NaN", Buffer.buffer("{\"" + firstKey + "\":NaN}"));
    bodies.put("of whitespace", Buffer.buffer("  \n "));
    bodies.put("an empty object", Buffer.buffer("{}"));
    bodies.put("with a byte order mark", Buffer.buffer(("\ufeff" + json).getBytes(StandardCharsets.UTF_8)));
    bodies.put("in UTF-16", Buffer.buffer(json.getBytes(StandardCharsets.UTF_16BE)));
    bodies.put("in UTF-16 with its mark", Buffer.buffer(json.getBytes(StandardCharsets.UTF_16)));
    bodies.put("in Latin-1", Buffer.buffer(("{\"" + firstKey + "\":\"caf\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1)));
    bodies.put("with a raw control character", Buffer.buffer("{\"" + firstKey + "\":\"a\u0001b\"}"));
    bodies.put("nested 33 deep", Buffer.buffer("{\"" + firstKey + "\":" + "[".repeat(33) + "]".repeat(33) + "}"));
    bodies.put("nested 100000 deep", Buffer.buffer("{\"" + firstKey + "\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
    bodies.put("with a 2000-digit number", Buffer.buffer("{\"" + firstKey + "\":" + "9".repeat(2000) + "}"));
    bodies.put("with an absurd exponent", Buffer.buffer("{\"" + firstKey + "\":1e999999999}"));
    bodies.put("of 900 kB", Buffer.buffer("{\"" + firstKey + "\":\"" + "a".repeat(900_000) + "\"}"));
    bodies.put("over the body limit", Buffer.buffer("{\"" + firstKey + "\":\"" + "a".repeat(1_100_000) + "\"}"));
    return bodies;
  }

  /** Up to 40 characters drawn from {@link #POOL} (a surrogate pair counts as one). */
  static String randomText(Random random) {
    int[] codePoints = POOL.codePoints().toArray();
    StringBuilder text = new StringBuilder();
    for (int i = 0, n = random.nextInt(41); i < n; i++) {
      text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return text.toString();
  }

  /** 1 to 300 bytes: JSON's punctuation, digits and letters, and any byte at all. */
  static byte[] randomBytes(Random random) {
    byte[] tokens = "{}[]\":,.-+eE0123456789truefalsnl \\u".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[1 + random.nextInt(300)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : tokens[random.nextInt(tokens.length)];
    }
    return bytes;
  }
}
