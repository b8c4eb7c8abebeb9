package io.brandstats.gateway.vertxopenapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The value rules of vertx-json-schema 5.0.7's validator, rule for rule ({@code Utils.Numbers}, {@code Utils.Strings},
 * {@code Utils.JSON}; package-private there): what counts as an integer, how numbers compare (exactly when either
 * side is a BigDecimal or BigInteger, else as doubles), the remainder behind {@code multipleOf} and a string's
 * length in UTF-16 units with surrogate pairs counted once. {@link CompiledSchema} applies them, so its verdict is
 * the library's.
 */
final class SchemaRules {

  /** The library's tolerance for {@code multipleOf} (a float's epsilon). */
  private static final double EPSILON = 1.1920929e-7;

  private SchemaRules() {
  }

  /** The JSON type of a decoded value: null, boolean, number, string, object or array (else unsupported). */
  static String typeOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof JsonObject) {
      return "object";
    }
    if (value instanceof JsonArray) {
      return "array";
    }
    return null;
  }

  static boolean isInteger(Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
      || value instanceof BigInteger) {
      return true;
    }
    if (value instanceof Float f) {
      return f % 1 == 0.0f;
    }
    if (value instanceof Double d) {
      return d % 1 == 0.0;
    }
    if (value instanceof BigDecimal d) {
      return d.remainder(BigDecimal.ONE).equals(BigDecimal.ZERO);
    }
    return false;
  }

  /** Negative, zero or positive as value is below, equal to or above bound, compared the library's way. */
  static int compare(Number value, Number bound) {
    if (exact(value) || exact(bound)) {
      return toBigDecimal(value).compareTo(toBigDecimal(bound));
    }
    // < and >, as the library compares: -0.0 equals 0.0 (Double.compare would order them).
    double v = value.doubleValue();
    double b = bound.doubleValue();
    return v < b ? -1 : v > b ? 1 : 0;
  }

  /** Whether a number passes {@code multipleOf}: its remainder is within the library's tolerance of 0 or of the divisor. */
  static boolean multipleOf(Number value, Number divisor) {
    double remainder = remainder(value, divisor);
    return Math.abs(remainder) < EPSILON || Math.abs(divisor.doubleValue() - remainder) < EPSILON;
  }

  private static double remainder(Number value, Number divisor) {
    if (exact(value) || exact(divisor)) {
      return toBigDecimal(value).remainder(toBigDecimal(divisor)).doubleValue();
    }
    if (value instanceof Double || divisor instanceof Double || value instanceof Float || divisor instanceof Float) {
      return value.doubleValue() % divisor.doubleValue();
    }
    return value.longValue() % divisor.doubleValue();
  }

  /** Characters as JSON Schema counts them: a surrogate pair is one. */
  static int length(String s) {
    int result = 0;
    int index = 0;
    while (index < s.length()) {
      result++;
      char c = s.charAt(index++);
      if (c >= 0xd800 && c <= 0xdbff && index < s.length() && (s.charAt(index) & 0xfc00) == 0xdc00) {
        index++;
      }
    }
    return result;
  }

  private static boolean exact(Number n) {
    return n instanceof BigDecimal || n instanceof BigInteger;
  }

  private static BigDecimal toBigDecimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Float) {
      return BigDecimal.valueOf(n.floatValue());
    }
    if (n instanceof Double) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
