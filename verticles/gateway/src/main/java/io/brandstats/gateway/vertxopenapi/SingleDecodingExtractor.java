package io.brandstats.gateway.vertxopenapi;

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
import java.util.HashMap;
import java.util.Map;

/**
 * Hands the contract validator each parameter exactly as the client sent it. The extractor of
 * vertx-openapi 5.0.7 percent-decodes query and path values a second time (so {@code q=100%25} fails
 * and {@code %2561} turns into {@code a}) and then reads string values as JSON (so {@code q=1.5} is a
 * number and fails a string schema). Here values are decoded once, by Vert.x, and a string-typed
 * value is handed over as a JSON string literal, which the validator reads back as that very string.
 * The contract has primitive parameters only (no arrays, objects or cookies), which this relies on.
 *
 * <p>Works around {@code RequestUtils.extract} (the stock {@code RequestExtractor.withBodyHandler()}) and
 * {@code ParameterTransformer.transformPrimitive}, and builds on {@code RequestParameterImpl} and
 * {@code ValidatableRequestImpl}. Still in vertx-openapi 5.0.12 (5.0.8 to 5.0.12 changed no code); fixed in
 * 5.1.0 (eclipse-vertx/vertx-openapi#108, "Fix multiple decoding of parameter values": query values are no
 * longer decoded again, string-typed values stay strings): on the 5.1 line the stock extractor can replace it.
 */
final class SingleDecodingExtractor implements RequestExtractor {

  private static final RequestParameter ABSENT = new RequestParameterImpl(null);

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter parameter : operation.getParameters()) {
      switch (parameter.getIn()) {
        case PATH -> path.put(parameter.getName(), value(parameter, ctx.pathParam(parameter.getName())));
        case QUERY -> query.put(parameter.getName(), value(parameter, ctx.queryParams().get(parameter.getName())));
        case HEADER -> headers.put(parameter.getName(), value(parameter, ctx.request().getHeader(parameter.getName())));
        default -> { }
      }
    }
    if (operation.getRequestBody() == null) {
      return Future.succeededFuture(new ValidatableRequestImpl(Map.of(), headers, path, query));
    }
    RequestParameter body = new RequestParameterImpl(ctx.body().buffer());
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    return Future.succeededFuture(new ValidatableRequestImpl(Map.of(), headers, path, query, body, contentType));
  }

  private static RequestParameter value(Parameter parameter, String raw) {
    if (raw == null) {
      return ABSENT;
    }
    return new RequestParameterImpl(parameter.getSchemaType() == SchemaType.STRING ? Json.encode(raw) : raw);
  }
}
