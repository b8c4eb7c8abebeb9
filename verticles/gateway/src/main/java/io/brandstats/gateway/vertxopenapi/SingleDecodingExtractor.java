package io.brandstats.gateway.vertxopenapi;

import io.brandstats.common.Problem;
import io.brandstats.common.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hands the contract validator each parameter exactly as the client sent it. The extractor of
 * vertx-openapi 5.0.7 percent-decodes query and path values a second time (so {@code q=100%25} fails
 * and {@code %2561} turns into {@code a}) and then reads string values as JSON (so {@code q=1.5} is a
 * number and fails a string schema). Here values are decoded once, by Vert.x, and a string-typed
 * value is handed over as a JSON string literal, which the validator reads back as that very string.
 * The contract has primitive parameters only (no arrays, objects or cookies), which this relies on.
 *
 * <p>Reading values as JSON also lets through what is not the parameter's type as written: {@code limit=1e2}
 * is the integer 100 and {@code /brands/2%20} the id 2. An integer here is digits with an optional minus,
 * nothing else. And where the library reads the first of a repeated parameter and never looks at the rest
 * ({@code limit=2&limit=zz}), a parameter given more than once is refused, naming it.
 *
 * <p>Works around {@code RequestUtils.extract} (the stock {@code RequestExtractor.withBodyHandler()}) and
 * {@code ParameterTransformer.transformPrimitive}, and builds on {@code RequestParameterImpl} and
 * {@code ValidatableRequestImpl}. Still in vertx-openapi 5.0.12 (5.0.8 to 5.0.12 changed no code); fixed in
 * 5.1.0 (eclipse-vertx/vertx-openapi#108, "Fix multiple decoding of parameter values": query values are no
 * longer decoded again, string-typed values stay strings): on the 5.1 line the stock extractor can replace it,
 * with the integer and repetition checks kept.
 */
final class SingleDecodingExtractor implements RequestExtractor {

  private static final RequestParameter ABSENT = new RequestParameterImpl(null);
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    try {
      for (Parameter parameter : operation.getParameters()) {
        String name = parameter.getName();
        switch (parameter.getIn()) {
          case PATH -> path.put(name, value(parameter, "path", ctx.pathParam(name)));
          case QUERY -> query.put(name, value(parameter, "query", once(parameter, "query", ctx.queryParams().getAll(name))));
          case HEADER -> headers.put(name, value(parameter, "header", ctx.request().getHeader(name)));
          default -> { }
        }
      }
    } catch (ProblemException refused) {
      return Future.failedFuture(refused);
    }
    if (operation.getRequestBody() == null) {
      return Future.succeededFuture(new ValidatableRequestImpl(Map.of(), headers, path, query));
    }
    RequestParameter body = new RequestParameterImpl(ctx.body().buffer());
    // Several Content-Type headers name no one media type: joined, they fail to parse as one.
    String contentType = String.join(", ", ctx.request().headers().getAll(HttpHeaders.CONTENT_TYPE));
    return Future.succeededFuture(new ValidatableRequestImpl(Map.of(), headers, path, query, body,
      contentType.isEmpty() ? null : contentType));
  }

  private static String once(Parameter parameter, String in, List<String> values) {
    if (values.size() > 1 && parameter.getSchemaType() != SchemaType.ARRAY) {
      throw refused(in, parameter, "is given more than once; send it once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static RequestParameter value(Parameter parameter, String in, String raw) {
    if (raw == null) {
      return ABSENT;
    }
    if (parameter.getSchemaType() == SchemaType.INTEGER) {
      if (!INTEGER.matcher(raw).matches()) {
        throw refused(in, parameter, "must be a whole number written in digits");
      }
      return new RequestParameterImpl(new BigInteger(raw).toString());
    }
    return new RequestParameterImpl(parameter.getSchemaType() == SchemaType.STRING ? Json.encode(raw) : raw);
  }

  private static ProblemException refused(String in, Parameter parameter, String detail) {
    return Problem.badRequest("The request does not match the contract.")
      .withFieldError(in, parameter.getName(), detail).toException();
  }
}
