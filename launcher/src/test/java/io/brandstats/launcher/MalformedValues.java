package io.brandstats.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Values a contract schema refuses, found by trying candidates against the schema itself: this class reads the
 * schema's keywords (type, bounds, length, pattern, enum, format) on its own, independently of the gateway's
 * libraries, so a value the gateway lets through that the contract refuses is caught.
 */
final class MalformedValues {

  /** Texts tried against every parameter and string property; the ones its schema refuses are sent. */
  static final List<String> TEXTS = List.of("", " ", "x", "abc", "1.5", "1e2", "+1", "-1", "0", "0x10", " 1", "1 ",
    "1\t", "9223372036854775808", "99999999999999999999", "true", "null", "[]", "{}", "\u0000", "A\u0000",
    "\u200b", "\u200bAcme", "Acme\u0007", "\u00a0Acme", "Acme ", " Acme", "A\u2028B", "\u202eAcme", "\ud83d\ude00",
    "de", "DE ", "D", "DEU", "eur", "EURO", "\u20ac", "2026-13-01", "2026-02-30", "2025-02-29", "20260101",
    "2026-1-1", "2026-11-24T10:15:00", "2026-11-24", "2026-02-30T00:00:00Z", "2026-11-24T25:00:00Z",
    "2026-11-24 10:15:00Z", "2026-11-24T10:15:00Zjunk", "2026-11-24T10:15:00+25:00", "2026-11-24t10:15:00z",
    "nope", "ACTIVE", "Archived", "'; DROP TABLE brand; --", "../../etc/passwd", "<script>", "ftp://x", "https://",
    "https://a b", "http://a\u0000", "x".repeat(65), "x".repeat(201));

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  private static final Pattern DATE_TIME =
    Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private MalformedValues() {
  }

  /** Whether the schema accepts a parameter's text: an integer is digits, anything else is read as a string. */
  static boolean acceptsText(JsonObject schema, String text) {
    if ("integer".equals(schema.getString("type"))) {
      return INTEGER.matcher(text).matches() && acceptsValue(schema, new BigInteger(text));
    }
    return acceptsValue(schema, text);
  }

  /** Whether the schema accepts a body value, as far as its own keywords go (a container's members are not read). */
  static boolean acceptsValue(JsonObject schema, Object value) {
    if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
      return false;
    }
    if (!types(schema).contains(typeOf(value)) && !(typeOf(value).equals("integer") && types(schema).contains("number"))) {
      return false;
    }
    if (value instanceof Number number) {
      return inBounds(schema, new BigDecimal(number.toString()));
    }
    if (value instanceof String text) {
      int length = text.codePointCount(0, text.length());
      return length >= schema.getInteger("minLength", 0) && length <= schema.getInteger("maxLength", Integer.MAX_VALUE)
        && (!schema.containsKey("pattern") || Pattern.compile(schema.getString("pattern")).matcher(text).find())
        && formatted(schema.getString("format"), text);
    }
    return true;
  }

  /** Values the schema refuses: other JSON types, numbers past its bounds, strings off its length, pattern, enum or format. */
  static List<Object> refusedValues(JsonObject schema) {
    List<Object> candidates = new ArrayList<>(List.of("x", 1, new BigDecimal("1.5"), Boolean.TRUE, new JsonObject(),
      new JsonArray(), new BigDecimal("2.0"), new BigDecimal("1E+2"), -1, 0,
      BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), new BigDecimal("1E+30"), new BigDecimal("0.005")));
    candidates.add(null);
    candidates.addAll(TEXTS);
    for (String bound : List.of("minimum", "exclusiveMinimum", "maximum")) {
      if (schema.containsKey(bound)) {
        BigDecimal limit = new BigDecimal(schema.getValue(bound).toString());
        candidates.addAll(List.of(limit, limit.subtract(BigDecimal.ONE), limit.add(BigDecimal.ONE),
          limit.add(new BigDecimal("0.01")), limit.subtract(new BigDecimal("0.01"))));
      }
    }
    if (schema.containsKey("maxLength")) {
      candidates.add("A".repeat(schema.getInteger("maxLength") + 1));
    }
    List<Object> refused = new ArrayList<>();
    for (Object candidate : candidates) {
      // As the JSON text says it: a decimal written without fraction or exponent is an integer.
      Object value = candidate instanceof BigDecimal decimal && decimal.toString().matches("-?[0-9]+")
        ? decimal.toBigIntegerExact() : candidate;
      if (!acceptsValue(schema, value) && !refused.contains(value)) {
        refused.add(value);
      }
    }
    return refused;
  }

  private static List<String> types(JsonObject schema) {
    Object type = schema.getValue("type");
    if (type instanceof JsonArray list) {
      return list.stream().map(String::valueOf).toList();
    }
    return type == null ? List.of("string", "integer", "number", "boolean", "null", "object", "array") : List.of(type.toString());
  }

  /** The JSON type as the gateway reads it: a number with a fraction or exponent is never an integer. */
  private static String typeOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return "integer";
    }
    return value instanceof Number ? "number" : value instanceof String ? "string" : value instanceof Boolean ? "boolean"
      : value instanceof JsonObject ? "object" : "array";
  }

  private static boolean inBounds(JsonObject schema, BigDecimal number) {
    return (!schema.containsKey("minimum") || number.compareTo(decimal(schema, "minimum")) >= 0)
      && (!schema.containsKey("exclusiveMinimum") || number.compareTo(decimal(schema, "exclusiveMinimum")) > 0)
      && (!schema.containsKey("maximum") || number.compareTo(decimal(schema, "maximum")) <= 0)
      && (!schema.containsKey("multipleOf") || number.remainder(decimal(schema, "multipleOf")).signum() == 0);
  }

  private static BigDecimal decimal(JsonObject schema, String keyword) {
    return new BigDecimal(schema.getValue(keyword).toString());
  }

  private static boolean formatted(String format, String text) {
    try {
      if ("date".equals(format)) {
        LocalDate.parse(text, DATE);
      } else if ("date-time".equals(format)) {
        return DATE_TIME.matcher(text).matches() && OffsetDateTime.parse(text) != null;
      }
      return true;
    } catch (DateTimeParseException notOne) {
      return false;
    }
  }
}
