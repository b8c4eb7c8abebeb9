package io.brandstats.gateway.routing;

import io.brandstats.common.Problem;
import io.brandstats.common.RequestIds;
import io.brandstats.common.ServiceRequest;
import io.brandstats.gateway.problem.ProblemResponses;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one contract operation's validated request to the service address the contract names, and
 * turns the reply into the HTTP answer. The service's problems pass through as they are; a service
 * deployed nowhere is a 503, one that does not answer in time a 504; a node lost with the request a 503 with
 * Retry-After (reads are first sent again, see {@link FailoverRequests}).
 */
final class EventBusForwarder implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(EventBusForwarder.class);
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  /** How long a client should wait before retrying an operation whose service is not running. */
  static final int RETRY_AFTER_SECONDS = 5;

  /** How long a client should wait before retrying a write whose node left the cluster while holding it. */
  static final int FAILOVER_RETRY_AFTER_SECONDS = 1;

  private final FailoverRequests requests;
  private final String address;
  private final String operationId;
  private final long timeoutMillis;

  EventBusForwarder(FailoverRequests requests, String address, String operationId, long timeoutMillis) {
    this.requests = requests;
    this.address = address;
    this.operationId = operationId;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ValidatedRequest validated = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonObject envelope = ServiceRequest.envelope(
      values(validated.getPathParameters()),
      values(validated.getQuery()),
      rawHeaders(ctx, validated.getHeaders()),
      body(validated.getBody()));
    DeliveryOptions delivery = new DeliveryOptions().addHeader(ServiceRequest.ACTION_HEADER, operationId)
      .setSendTimeout(timeoutMillis)
      .setTracingPolicy(TracingPolicy.PROPAGATE); // the service's work joins the request's trace
    String requestId = RequestIds.current();
    if (requestId != null) {
      delivery.addHeader(RequestIds.DELIVERY_HEADER, requestId);
    }
    HttpMethod method = ctx.request().method();
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
    requests.request(address, envelope, delivery, read).onComplete(done -> {
      if (done.succeeded()) {
        reply(ctx.response(), done.result().body());
      } else {
        ProblemResponses.send(ctx, problemFor(done.cause()));
      }
    });
  }

  private static void reply(HttpServerResponse response, JsonObject reply) {
    response.setStatusCode(reply.getInteger("status"));
    JsonObject headers = reply.getJsonObject("headers");
    if (headers != null) {
      headers.forEach(header -> response.putHeader(header.getKey(), String.valueOf(header.getValue())));
    }
    String text = reply.getString("encoded");
    if (text != null) {
      // Said explicitly so a HEAD answer has it too (Vert.x sets it only where it sends the body).
      Buffer body = Buffer.buffer(text);
      response.putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()))
        .end(body);
    } else {
      response.end();
    }
  }

  private Problem problemFor(Throwable failure) {
    if (failure instanceof FailoverRequests.MemberLeftException) {
      return Problem.unavailable("The node serving " + operationId + " left the cluster while holding this request; "
        + "its outcome is unknown. Retry shortly (a sale with the same eventId is stored once).", FAILOVER_RETRY_AFTER_SECONDS);
    }
    if (failure instanceof ReplyException reply) {
      switch (reply.failureType()) {
        case NO_HANDLERS:
          return Problem.unavailable("The service for " + operationId + " is not running; retry shortly.",
            RETRY_AFTER_SECONDS);
        case TIMEOUT:
          return Problem.of(504, "The service for " + operationId + " did not answer in time.");
        case ERROR:
          // The message could not be delivered: the node serving it is going away.
          return Problem.unavailable("The node serving " + operationId + " is not reachable; retry shortly.",
            FAILOVER_RETRY_AFTER_SECONDS);
        case RECIPIENT_FAILURE:
          Problem problem = Problem.parse(reply.getMessage());
          if (problem != null) {
            return problem;
          }
          break;
        default:
          break;
      }
    }
    LOG.error("{} via {} failed", operationId, address, failure);
    return Problem.internal();
  }

  private static JsonObject values(Map<String, RequestParameter> parameters) {
    JsonObject values = new JsonObject();
    if (parameters != null) {
      parameters.forEach((name, parameter) -> {
        if (parameter != null && !parameter.isNull()) {
          values.put(name, parameter.get());
        }
      });
    }
    return values;
  }

  /**
   * Headers pass verbatim, never through the validator's typed copy (which turns {@code "1"} into
   * {@code 1}): the ones the contract declares, and If-Match, which services evaluate themselves.
   */
  private static JsonObject rawHeaders(RoutingContext ctx, Map<String, RequestParameter> declared) {
    JsonObject values = new JsonObject();
    // A list-valued header may come in several lines; together they are one list (RFC 9110 5.3).
    List<String> ifMatch = ctx.request().headers().getAll(HttpHeaders.IF_MATCH);
    if (!ifMatch.isEmpty()) {
      values.put("if-match", String.join(", ", ifMatch));
    }
    if (declared != null) {
      for (String name : declared.keySet()) {
        String value = ctx.request().getHeader(name);
        if (value != null) {
          values.put(name.toLowerCase(Locale.ROOT), value);
        }
      }
    }
    return values;
  }

  private static Object body(RequestParameter body) {
    return body == null || body.isNull() ? null : body.get();
  }
}
