package io.brandstats.gateway.routing;

import io.brandstats.common.Problem;
import io.brandstats.gateway.problem.ProblemResponses;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a URL whose path or query is not correctly percent-encoded UTF-8 with a 400, before routing and
 * validation: a {@code %} not followed by two hex digits (e.g. {@code %zz}), which they would otherwise fail on
 * with an internal error, or bytes that are no UTF-8 (e.g. {@code %C3%28}), which decoding would otherwise turn
 * into replacement characters the request never meant.
 */
public final class UrlEncodingCheck {

  private UrlEncodingCheck() {
  }

  public static void handle(RoutingContext ctx) {
    String uri = ctx.request().uri();
    int query = uri.indexOf('?');
    String pathFault = fault(query < 0 ? uri : uri.substring(0, query));
    String queryFault = query < 0 ? null : fault(uri.substring(query + 1));
    if (pathFault != null || queryFault != null) {
      ProblemResponses.send(ctx, Problem.badRequest("The URL is not correctly percent-encoded UTF-8.")
        .withFieldError(pathFault != null ? "path" : "query", "", pathFault != null ? pathFault : queryFault));
      return;
    }
    ctx.next();
  }

  /** What is wrong with a percent-encoded component, or null when it decodes to UTF-8 text. */
  static String fault(String component) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c != '%') {
        bytes.write(c);
        continue;
      }
      if (i + 2 >= component.length() || Character.digit(component.charAt(i + 1), 16) < 0
        || Character.digit(component.charAt(i + 2), 16) < 0) {
        return "has a '%' not followed by two hex digits";
      }
      bytes.write(Character.digit(component.charAt(i + 1), 16) * 16 + Character.digit(component.charAt(i + 2), 16));
      i += 2;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
      return null;
    } catch (CharacterCodingException notUtf8) {
      return "is not UTF-8 once percent-decoded";
    }
  }
}
