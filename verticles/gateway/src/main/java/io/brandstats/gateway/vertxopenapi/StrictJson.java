package io.brandstats.gateway.vertxopenapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.brandstats.common.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a request body as RFC 8259 JSON and nothing more: one value, no comments, no duplicate keys, UTF-8.
 * Numbers with a fraction or an exponent are read exactly (BigDecimal), so the contract's bounds and
 * {@code multipleOf} are checked on the number sent, and {@code 1e2} or {@code 2.0} are not integers.
 *
 * <p>Works around vertx-openapi 5.0.7 reading bodies with Vert.x's {@code Json.decodeValue}, whose codec
 * accepts C-style comments (Vert.x core enables them) and keeps the last of duplicate keys. Still so in 5.0.12
 * and 5.1.3.
 */
final class StrictJson {

  /** Deeper than any body the contract describes (a batch of sales is 3 levels) by far. */
  static final int MAX_DEPTH = 32;
  /** Beyond this exponent a number is no value the contract can hold, and exact arithmetic on it is costly. */
  private static final int MAX_SCALE = 100;

  private static final JsonFactory FACTORY = JsonFactory.builder()
    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
    .build();

  private StrictJson() {
  }

  /** The body as JsonObject, JsonArray, String, Number, Boolean or null; a 400 problem naming the fault otherwise. */
  static Object decode(Buffer body) {
    byte[] bytes = body.getBytes();
    if (!utf8(bytes)) {
      throw malformed("is not UTF-8 (RFC 8259 JSON has no byte order mark and no UTF-16 or UTF-32)");
    }
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      parser.nextToken();
      Object value = value(parser);
      if (parser.nextToken() != null) {
        throw malformed("has more after the JSON value");
      }
      return value;
    } catch (StreamConstraintsException tooMuch) {
      throw malformed(String.valueOf(tooMuch.getOriginalMessage()).contains("nesting depth")
        ? "is nested more than " + MAX_DEPTH + " levels deep" : "has a number, string or key longer than this server reads");
    } catch (IOException notJson) {
      throw malformed(reason(notJson));
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw malformed("is empty");
    }
    return switch (token) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> array(parser);
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> decimal(parser.getDecimalValue());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw malformed("is not well-formed JSON");
    };
  }

  private static JsonObject object(JsonParser parser) throws IOException {
    JsonObject object = new JsonObject();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      parser.nextToken();
      object.put(name, value(parser));
    }
    return object;
  }

  private static JsonArray array(JsonParser parser) throws IOException {
    JsonArray array = new JsonArray();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      array.add(value(parser));
    }
    return array;
  }

  private static BigDecimal decimal(BigDecimal number) {
    if (Math.abs(number.scale()) > MAX_SCALE) {
      throw malformed("has a number out of range");
    }
    return number;
  }

  /**
   * Jackson reads UTF-16 and UTF-32 too, which it recognises by a byte order mark or zero bytes among the first
   * four; UTF-8 JSON has neither (a NUL must be escaped). Bad UTF-8 further on fails the parse itself.
   */
  private static boolean utf8(byte[] bytes) {
    if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xEF || (bytes[0] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xFF)) {
      return false;
    }
    for (int i = 0; i < Math.min(4, bytes.length); i++) {
      if (bytes[i] == 0) {
        return false;
      }
    }
    return true;
  }

  /** The duplicate key when that is the fault (Jackson's full message would quote the request back). */
  private static String reason(IOException notJson) {
    String message = notJson instanceof JsonProcessingException processing ? processing.getOriginalMessage() : "";
    if (message != null && message.startsWith("Duplicate field '")) {
      String key = message.substring("Duplicate field '".length(), message.length() - 1);
      return "has the key \"" + (key.length() > 64 ? key.substring(0, 64) + "..." : key) + "\" more than once";
    }
    return "is not well-formed JSON";
  }

  private static RuntimeException malformed(String detail) {
    return Problem.badRequest("The request body is not well-formed JSON.").withFieldError("body", "", detail).toException();
  }
}
