package io.brandstats.common.testing;

import io.brandstats.common.Problem;
import io.brandstats.common.ServiceReply;
import io.brandstats.common.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a service over the event bus the way the gateway does: the validated request in a
 * {@link ServiceRequest} envelope, its operationId in the {@code action} header, on {@code <service>.service}.
 * Each call waits for the answer (tests run off the event loop) and reads it as the gateway would send it.
 */
public final class ServiceCalls {

  private static final long TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final String address;

  /** @param service the service's name, e.g. "brand" */
  public ServiceCalls(Vertx vertx, String service) {
    this.vertx = vertx;
    this.address = service + ".service";
  }

  /** An operation without path parameters, query or body. */
  public Answer call(String operationId) {
    return call(operationId, new Call());
  }

  public Answer call(String operationId, Call call) {
    DeliveryOptions delivery = new DeliveryOptions().addHeader(ServiceRequest.ACTION_HEADER, operationId)
      .setSendTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    Future<Message<JsonObject>> reply = vertx.eventBus().request(address,
      ServiceRequest.envelope(call.path, call.query, call.headers, call.body), delivery);
    Future<Answer> answer = reply.map(message -> Answer.of(message.body())).recover(ServiceCalls::problem);
    return await(answer);
  }

  /** Waits for a future off the event loop, failing the test when nothing comes within 30 s. */
  public static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("No outcome within " + TIMEOUT_SECONDS + " s", e);
    }
  }

  private static Future<Answer> problem(Throwable failure) {
    if (failure instanceof ReplyException reply && Problem.parse(reply.getMessage()) != null) {
      JsonObject problem = Problem.parse(reply.getMessage()).toJson();
      return Future.succeededFuture(new Answer(problem.getInteger("status"), new JsonObject(), problem));
    }
    return Future.failedFuture(failure);
  }

  /** What the gateway would send: the status, the headers and the JSON body (the problem, for a failure). */
  public record Answer(int status, JsonObject headers, JsonObject json) {

    static Answer of(JsonObject reply) {
      return new Answer(reply.getInteger("status"), reply.getJsonObject("headers"), ServiceReply.body(reply));
    }

    public String header(String name) {
      return headers.getString(name);
    }
  }

  /** A request's parts as the gateway extracts them: path parameters, query, declared headers, body. */
  public static final class Call {

    private final JsonObject path = new JsonObject();
    private final JsonObject query = new JsonObject();
    private final JsonObject headers = new JsonObject();
    private Object body;

    public Call path(String name, Object value) {
      path.put(name, value);
      return this;
    }

    public Call query(String name, Object value) {
      query.put(name, value);
      return this;
    }

    /** @param lowerCaseName as the gateway passes headers, e.g. "if-match" */
    public Call header(String lowerCaseName, String value) {
      headers.put(lowerCaseName, value);
      return this;
    }

    public Call body(Object json) {
      body = json;
      return this;
    }
  }
}
