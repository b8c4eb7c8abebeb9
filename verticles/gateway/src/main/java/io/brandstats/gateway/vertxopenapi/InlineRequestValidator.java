package io.brandstats.gateway.vertxopenapi;

import io.brandstats.common.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates requests against the contract where that is cheap: on the event loop. vertx-openapi 5.0.7
 * sends every request's validation to a worker thread and back (ordered per verticle), a thread hand-off
 * each way for a check that takes microseconds when the request has no large body. Requests with a body
 * over {@link #INLINE_BODY_BYTES} (a batch of sales) are still validated on a worker, unordered, so a big
 * batch never holds up the event loop or the batches behind it.
 *
 * <p>Bodies are read as strict JSON of the media type they declare ({@link StrictJson}, {@link JsonMediaType})
 * before the contract's schema checks them: first as compiled once ({@link CompiledBodies}: a batch of 1,000 sales
 * in a fraction of the library's time), then, for a body that fails, by the library, whose answer stands.
 *
 * <p>Works around {@code RequestValidatorImpl.validate(ValidatableRequest, String)} wrapping every
 * validation in {@code vertx.executeBlocking}, and builds on that class and {@code ValidatedRequestImpl}.
 * Still so in vertx-openapi 5.0.12 and 5.1.3 and on its main branch: drop this class once a release
 * validates small requests on the calling thread (or offers the choice).
 */
final class InlineRequestValidator extends RequestValidatorImpl {

  /** Largest body validated on the event loop; about 40 sales, or any catalogue entity many times over. */
  static final int INLINE_BODY_BYTES = 8 * 1024;

  private final CompiledBodies compiledBodies;

  InlineRequestValidator(Vertx vertx, OpenAPIContract contract) {
    super(vertx, contract);
    this.compiledBodies = new CompiledBodies(contract);
  }

  /** The route handler that validates an operation's requests and hands the result on as the router's own would. */
  Handler<RoutingContext> handler(RequestExtractor extractor, Operation operation) {
    return ctx -> extractor.extractValidatableRequest(ctx, operation)
      .compose(request -> validate(request, operation))
      .onSuccess(validated -> {
        ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
        ctx.next();
      })
      .onFailure(ctx::fail);
  }

  @Override
  public Future<ValidatedRequest> validate(ValidatableRequest request, String operationId) {
    return getOperation(operationId).compose(operation -> validate(request, operation));
  }

  private Future<ValidatedRequest> validate(ValidatableRequest request, Operation operation) {
    RequestParameter body = request.getBody();
    if (body != null && !body.isEmpty() && body.getBuffer().length() > INLINE_BODY_BYTES) {
      return vertx.executeBlocking(() -> validateNow(request, operation), false);
    }
    try {
      return Future.succeededFuture(validateNow(request, operation));
    } catch (ValidatorException | ProblemException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * The body check on a strictly read body of a media type the operation declares: a body its compiled schema
   * passes is valid; any other is checked by the library, which names the faults.
   */
  @Override
  public RequestParameter validateBody(RequestBody requestBody, ValidatableRequest request) {
    if (requestBody == null) {
      return new RequestParameterImpl(null);
    }
    if (request.getBody() == null || request.getBody().isEmpty()) {
      if (requestBody.isRequired()) {
        throw new ValidatorException("The related request does not contain the required body.",
          ValidatorErrorType.MISSING_REQUIRED_PARAMETER);
      }
      return new RequestParameterImpl(null);
    }
    MediaType mediaType = JsonMediaType.of(requestBody, request.getContentType());
    Object body = StrictJson.decode(request.getBody().getBuffer());
    if (mediaType.getSchema() == null || compiledBodies.passes(mediaType.getSchema(), body)) {
      return new RequestParameterImpl(body);
    }
    OutputUnit result = contract.getSchemaRepository().validator(mediaType.getSchema()).validate(body);
    try {
      result.checkValidity();
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, e);
    }
    return new RequestParameterImpl(body);
  }

  private ValidatedRequest validateNow(ValidatableRequest request, Operation operation) {
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    Map<String, RequestParameter> cookies = new HashMap<>();
    for (Parameter parameter : operation.getParameters()) {
      String name = parameter.getName();
      switch (parameter.getIn()) {
        case PATH -> path.put(name, validateParameter(parameter, request.getPathParameters().get(name)));
        case QUERY -> query.put(name, validateParameter(parameter, request.getQuery().get(name)));
        case HEADER -> headers.put(name, validateParameter(parameter, request.getHeaders().get(name)));
        case COOKIE -> cookies.put(name, validateParameter(parameter, request.getCookies().get(name)));
      }
    }
    return new ValidatedRequestImpl(cookies, headers, path, query, validateBody(operation.getRequestBody(), request));
  }
}
