package io.brandstats.gateway.vertxopenapi;

import io.brandstats.common.Problem;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.RequestBody;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of an operation's declared media types a request's Content-Type names, read as RFC 9110 defines a
 * media type: type and subtype compared without regard to case, then parameters. A JSON body may carry one
 * parameter, {@code charset=utf-8} (RFC 8259 JSON is UTF-8); anything else is a 415.
 *
 * <p>Works around {@code RequestBodyImpl.determineContentType} of vertx-openapi 5.0.7, which takes the first
 * declared type the header starts with, case-sensitively: {@code application/jsonx}, {@code application/json-seq}
 * and {@code application/json; charset=utf-16} pass as JSON, {@code application/JSON} does not. Still so in
 * 5.0.12 and 5.1.3.
 */
final class JsonMediaType {

  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  private static final Pattern ESSENCE = Pattern.compile("(" + TOKEN + ")/(" + TOKEN + ")[ \t]*");
  private static final Pattern PARAMETER = Pattern.compile(
    ";[ \t]*(?:(" + TOKEN + ")=(" + TOKEN + "|\"(?:[^\"\\\\]|\\\\.)*\"))?[ \t]*");
  static final String UNSUPPORTED = "The request body must be application/json, with no parameter but charset=utf-8.";

  private JsonMediaType() {
  }

  /** The declared media type this Content-Type names, or a 415 problem when it names none the operation takes. */
  static MediaType of(RequestBody requestBody, String contentType) {
    if (contentType == null) {
      throw unsupported();
    }
    Matcher essence = ESSENCE.matcher(contentType);
    if (!essence.lookingAt()) {
      throw unsupported();
    }
    String name = (essence.group(1) + "/" + essence.group(2)).toLowerCase(Locale.ROOT);
    if (!parametersAllowed(contentType.substring(essence.end()))) {
      throw unsupported();
    }
    for (Map.Entry<String, MediaType> declared : requestBody.getContent().entrySet()) {
      if (declared.getKey().toLowerCase(Locale.ROOT).equals(name)) {
        return declared.getValue();
      }
    }
    throw unsupported();
  }

  /** Nothing, or only charset=utf-8 (quoted or not, any case); a list of media types does not parse. */
  private static boolean parametersAllowed(String parameters) {
    Matcher parameter = PARAMETER.matcher(parameters);
    int at = 0;
    while (at < parameters.length()) {
      if (!parameter.find(at) || parameter.start() != at) {
        return false;
      }
      String key = parameter.group(1);
      if (key != null && !(key.equalsIgnoreCase("charset") && unquoted(parameter.group(2)).equalsIgnoreCase("utf-8"))) {
        return false;
      }
      at = parameter.end();
    }
    return true;
  }

  private static String unquoted(String value) {
    return value.startsWith("\"") ? value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1") : value;
  }

  private static RuntimeException unsupported() {
    return Problem.of(415, UNSUPPORTED).toException();
  }
}
