package io.brandstats.common.upstream;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A brand service that misbehaves on request: a real HTTP server on 127.0.0.1 (a free port) serving
 * {@code GET /brands/{id}}, switchable at run time between answering, 404, 500, hanging, answering late and
 * flapping, or answering 200 with an unusable body. It records every request it receives with its arrival time, so tests can count upstream calls and
 * measure the gaps between retries.
 *
 * <p>Anything other than {@code GET /brands/{number}} is answered 400, so a client asking the wrong thing
 * fails loudly instead of looking like a 404.
 */
final class FakeUpstream extends VerticleBase {

  /** How the fake answers the next requests. */
  enum Mode {
    /** 200 with the brand. */
    OK,
    /** 404: there is no such brand. */
    NOT_FOUND,
    /** 500. */
    ERROR,
    /** Never answers. */
    HANG,
    /** Reads the brand on arrival, then waits {@link #delayMs} before answering it with 200 (a slow network). */
    DELAY,
    /** 500, 200, 500, 200, ... counting every request made in this mode. */
    FLAP,
    /** 200 with an empty body. */
    EMPTY,
    /** 200 with a body that is not JSON. */
    GARBAGE,
    /** 200 with the brand padded to 1 MiB: more than a client should read. */
    HUGE,
    /** 200 with another brand than the one asked for. */
    WRONG_ID,
    /** 200 with the brand, its id written as a string. */
    STRING_ID
  }

  /** One request as the fake saw it. */
  record Request(HttpMethod method, String path, String accept, String authorization, long arrivedNanos) {
  }

  private static final Pattern BRAND = Pattern.compile("/brands/(\\d+)");

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong flaps = new AtomicLong();
  private volatile Mode mode = Mode.OK;
  private volatile long delayMs;
  private volatile String name = "Acme";
  private HttpServer server;

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    return server.requestHandler(this::handle).listen();
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  int port() {
    return server.actualPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  FakeUpstream answerOk() {
    mode = Mode.OK;
    return this;
  }

  FakeUpstream answerNotFound() {
    mode = Mode.NOT_FOUND;
    return this;
  }

  FakeUpstream answerError() {
    mode = Mode.ERROR;
    return this;
  }

  FakeUpstream hang() {
    mode = Mode.HANG;
    return this;
  }

  FakeUpstream answerAfter(long millis) {
    delayMs = millis;
    mode = Mode.DELAY;
    return this;
  }

  FakeUpstream flap() {
    flaps.set(0);
    mode = Mode.FLAP;
    return this;
  }

  FakeUpstream answerEmpty() {
    mode = Mode.EMPTY;
    return this;
  }

  FakeUpstream answerGarbage() {
    mode = Mode.GARBAGE;
    return this;
  }

  FakeUpstream answer(Mode misbehaviour) {
    mode = misbehaviour;
    return this;
  }

  /** The name the next 200 answers carry. */
  FakeUpstream rename(String newName) {
    name = newName;
    return this;
  }

  /** Every request received so far, in arrival order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  int requestCount() {
    return requests.size();
  }

  /** The brand as the fake answers it now. */
  JsonObject brand(long id) {
    return new JsonObject().put("id", id).put("name", name).put("status", "active");
  }

  private void handle(HttpServerRequest request) {
    long arrived = System.nanoTime();
    requests.add(new Request(request.method(), request.path(), request.getHeader("Accept"),
      request.getHeader("Authorization"), arrived));
    Matcher matcher = BRAND.matcher(request.path());
    if (request.method() != HttpMethod.GET || !matcher.matches()) {
      request.response().setStatusCode(400).end();
      return;
    }
    long id = Long.parseLong(matcher.group(1));
    switch (mode) {
      case OK -> ok(request, brand(id));
      case NOT_FOUND -> request.response().setStatusCode(404).end();
      case ERROR -> request.response().setStatusCode(500).end();
      case HANG -> {
        // Keep the request open: the client has to give up on its own.
      }
      case DELAY -> {
        JsonObject read = brand(id);
        vertx.setTimer(delayMs, t -> ok(request, read));
      }
      case FLAP -> {
        if (flaps.getAndIncrement() % 2 == 0) {
          request.response().setStatusCode(500).end();
        } else {
          ok(request, brand(id));
        }
      }
      case EMPTY -> request.response().setStatusCode(200).putHeader("Content-Type", "application/json").end();
      case GARBAGE -> request.response().setStatusCode(200).putHeader("Content-Type", "text/html").end("<html>oops</html>");
      case HUGE -> ok(request, brand(id).put("padding", "x".repeat(1 << 20)));
      case WRONG_ID -> ok(request, brand(id + 1));
      case STRING_ID -> ok(request, brand(id).put("id", String.valueOf(id)));
    }
  }

  private void ok(HttpServerRequest request, JsonObject brand) {
    request.response()
      .setStatusCode(200)
      .putHeader("Content-Type", "application/json")
      .end(brand.encode());
  }
}
