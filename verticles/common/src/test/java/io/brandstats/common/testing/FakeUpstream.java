package io.brandstats.common.testing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service that owns entities (brands, products or stores) and misbehaves on request: a real HTTP server
 * on 127.0.0.1 (a free port) serving {@code GET /<collection>/{id}}, switchable at run time between
 * answering, 404, 500, hanging, answering late and flapping, or answering 200 with an unusable body. It
 * records every request it receives with its arrival time, so tests can count upstream calls and measure
 * the gaps between retries.
 *
 * <p>An id answers the entity a test gave it ({@link #serve}), 404 once the test made it {@link #unknown},
 * and otherwise an active entity named after {@link #rename}. Anything other than
 * {@code GET /<collection>/{number}} is answered 400, so a client asking the wrong thing fails loudly
 * instead of looking like a 404.
 */
public final class FakeUpstream extends VerticleBase {

  /** How the fake answers the next requests. */
  public enum Mode {
    /** 200 with the entity. */
    OK,
    /** 404: there is no such entity. */
    NOT_FOUND,
    /** 500. */
    ERROR,
    /** Never answers. */
    HANG,
    /** Reads the entity on arrival, then waits {@link #delayMs} before answering it with 200 (a slow network). */
    DELAY,
    /** 500, 200, 500, 200, ... counting every request made in this mode. */
    FLAP,
    /** 200 with an empty body. */
    EMPTY,
    /** 200 with a body that is not JSON. */
    GARBAGE,
    /** 200 with the entity padded to 1 MiB: more than a client should read. */
    HUGE,
    /** 200 with another entity than the one asked for. */
    WRONG_ID,
    /** 200 with the entity, its id written as a string. */
    STRING_ID
  }

  /** One request as the fake saw it. */
  public record Request(HttpMethod method, String path, String accept, String authorization, long arrivedNanos) {
  }

  private final Pattern entityPath;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<Long, JsonObject> served = new ConcurrentHashMap<>();
  private final Set<Long> unknown = ConcurrentHashMap.newKeySet();
  private final AtomicLong flaps = new AtomicLong();
  private volatile Mode mode = Mode.OK;
  private volatile long delayMs;
  private volatile String name = "Acme";
  private HttpServer server;

  /** @param collection the path the owner serves its entities under, e.g. "brands" */
  public FakeUpstream(String collection) {
    this.entityPath = Pattern.compile("/" + collection + "/(\\d+)");
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    return server.requestHandler(this::handle).listen();
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  public int port() {
    return server.actualPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public FakeUpstream answerOk() {
    return answer(Mode.OK);
  }

  public FakeUpstream answerNotFound() {
    return answer(Mode.NOT_FOUND);
  }

  public FakeUpstream answerError() {
    return answer(Mode.ERROR);
  }

  public FakeUpstream answerAfter(long millis) {
    delayMs = millis;
    return answer(Mode.DELAY);
  }

  public FakeUpstream flap() {
    flaps.set(0);
    return answer(Mode.FLAP);
  }

  public FakeUpstream answer(Mode misbehaviour) {
    mode = misbehaviour;
    return this;
  }

  /** The name the next 200 answers carry for ids no test gave an entity. */
  public FakeUpstream rename(String newName) {
    name = newName;
    return this;
  }

  /** From now on, 200 answers for this entity's id carry it as it is now (it must have its id). */
  public FakeUpstream serve(JsonObject entity) {
    long id = entity.getLong("id");
    unknown.remove(id);
    served.put(id, entity.copy());
    return this;
  }

  /** From now on the owner says there is no entity with this id (404). */
  public FakeUpstream unknown(long id) {
    served.remove(id);
    unknown.add(id);
    return this;
  }

  /** Every request received so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public int requestCount() {
    return requests.size();
  }

  /** The entity as the fake answers it now. */
  public JsonObject entity(long id) {
    JsonObject given = served.get(id);
    return given != null ? given.copy() : new JsonObject().put("id", id).put("name", name).put("status", "active");
  }

  private void handle(HttpServerRequest request) {
    long arrived = System.nanoTime();
    requests.add(new Request(request.method(), request.path(), request.getHeader("Accept"),
      request.getHeader("Authorization"), arrived));
    Matcher matcher = entityPath.matcher(request.path());
    if (request.method() != HttpMethod.GET || !matcher.matches()) {
      request.response().setStatusCode(400).end();
      return;
    }
    long id = Long.parseLong(matcher.group(1));
    if (unknown.contains(id) && mode != Mode.HANG && mode != Mode.ERROR) {
      request.response().setStatusCode(404).end();
      return;
    }
    switch (mode) {
      case OK -> ok(request, entity(id));
      case NOT_FOUND -> request.response().setStatusCode(404).end();
      case ERROR -> request.response().setStatusCode(500).end();
      case HANG -> {
        // Keep the request open: the client has to give up on its own.
      }
      case DELAY -> {
        JsonObject read = entity(id);
        vertx.setTimer(delayMs, t -> ok(request, read));
      }
      case FLAP -> {
        if (flaps.getAndIncrement() % 2 == 0) {
          request.response().setStatusCode(500).end();
        } else {
          ok(request, entity(id));
        }
      }
      case EMPTY -> request.response().setStatusCode(200).putHeader("Content-Type", "application/json").end();
      case GARBAGE -> request.response().setStatusCode(200).putHeader("Content-Type", "text/html").end("<html>oops</html>");
      case HUGE -> ok(request, entity(id).put("padding", "x".repeat(1 << 20)));
      case WRONG_ID -> ok(request, entity(id + 1));
      case STRING_ID -> ok(request, entity(id).put("id", String.valueOf(id)));
    }
  }

  private void ok(HttpServerRequest request, JsonObject entity) {
    request.response()
      .setStatusCode(200)
      .putHeader("Content-Type", "application/json")
      .end(entity.encode());
  }
}
