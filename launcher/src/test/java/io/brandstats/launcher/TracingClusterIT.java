package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One trace across two nodes, each a JVM of its own started from the packaged jar with the logging exporter and
 * JSON logs: node A runs the gateway and the brand service, node B the product service, which reads brands
 * through A's gateway. A product create crosses from A to B on the event bus and back from B to A over HTTP.
 */
@DisplayName("Tracing across a cluster: the spans of both nodes share one trace")
class TracingClusterIT {

  private static final Path ROOT = Path.of("target", "tracing-cluster-it-" + ProcessHandle.current().pid());
  private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static LocalCluster cluster;
  private static NodeProcess gatewayNode;
  private static NodeProcess productNode;
  private static String gateway;
  private static String writerToken;

  @BeforeAll
  static void formCluster() throws Exception {
    cluster = new LocalCluster(ROOT, 2);
    gateway = cluster.gateway();
    writerToken = cluster.writerToken();
    Map<String, String> env = cluster.env();
    env.put("BRANDSTATS_TRACING_ENABLED", "true");
    env.put("BRANDSTATS_TRACING_EXPORTER", "logging");
    env.put("BRANDSTATS_TRACING_SAMPLER", "1.0");
    env.put("BRANDSTATS_LOG_FORMAT", "json");
    env.put("BRANDSTATS_ACCESS_LOG", "INFO");

    gatewayNode = cluster.start("a-gateway-brand", 0, "--services", "gateway,brand", "--port",
      String.valueOf(cluster.httpPort()));
    productNode = cluster.start("b-product", 1, "--services", "product");
    gatewayNode.awaitReady(START_TIMEOUT);
    productNode.awaitReady(START_TIMEOUT);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("a product create with a client's traceparent: both nodes' spans are in its trace, parent to child "
    + "across the event bus (A to B) and the upstream call (B to A)")
  void productCreateAcrossNodes() throws Exception {
    long brand = post("/brands", new JsonObject().put("name", "Traced " + System.nanoTime()).put("country", "DE"),
      null).body().getLong("id");
    String clientParent = RecordedSpans.randomHex(16);
    String trace = createProductOnceTheClusterServesIt(brand, clientParent);

    JsonObject post = span(gatewayNode, trace, "SERVER \"POST /products\"");
    assertThat(parentOf(post)).as("the client's span").isEqualTo(clientParent);
    JsonObject send = span(gatewayNode, trace, "CLIENT \"send product.service\"");
    assertThat(parentOf(send)).isEqualTo(spanId(post));
    JsonObject product = span(productNode, trace, "SERVER \"send product.service\"");
    assertThat(parentOf(product)).as("node B's span under node A's").isEqualTo(spanId(send));
    JsonObject lookup = span(productNode, trace, "CLIENT \"GET /brands/{id}\"");
    assertThat(parentOf(lookup)).isEqualTo(spanId(product));
    JsonObject brandRoute = span(gatewayNode, trace, "SERVER \"GET /brands/{id}\"");
    assertThat(parentOf(brandRoute)).as("node A's span under node B's").isEqualTo(spanId(lookup));
    span(productNode, trace, "CLIENT \"INSERT product\"");
    span(gatewayNode, trace, "CLIENT \"SELECT brand\"");

    JsonObject access = line(gatewayNode, "access-log line of POST /products", json -> "io.brandstats.access"
      .equals(json.getString("loggerName")) && json.getString("formattedMessage", "").startsWith("POST /products 201")
      && trace.equals(mdc(json).getString("trace_id")));
    assertThat(mdc(access).getString("span_id")).isEqualTo(spanId(post));
  }

  /**
   * The first cross-node request may find the product service not yet known to the gateway's node (503): each try
   * is a trace of its own; the one that is answered 201 is the one looked at.
   */
  private static String createProductOnceTheClusterServesIt(long brand, String clientParent) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int status = 0;
    while (System.nanoTime() < deadline) {
      String trace = RecordedSpans.randomHex(32);
      Reply created = post("/products", ProductApiTest.product(brand, "TRACE-" + System.nanoTime()),
        RecordedSpans.traceparent(trace, clientParent, true));
      status = created.status();
      if (status == 201) {
        return trace;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("POST /products was not answered 201 within 90 s; last status " + status);
  }

  private static JsonObject span(NodeProcess node, String trace, String start) throws Exception {
    return line(node, start + " in trace " + trace, json -> "io.brandstats.spans".equals(json.getString("loggerName"))
      && json.getString("formattedMessage", "").startsWith(start) && trace.equals(mdc(json).getString("trace_id")));
  }

  /** Waits (bounded) for the node's JSON log line that matches. */
  private static JsonObject line(NodeProcess node, String what, Predicate<JsonObject> match) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Optional<JsonObject> found = node.lines().stream().map(TracingClusterIT::json).filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No " + what + " in the node's log; its last lines:\n" + node.tail());
  }

  /** A log line as JSON; anything else the JVM printed (not JSON) as an empty object. */
  private static JsonObject json(String line) {
    if (!line.startsWith("{")) {
      return new JsonObject();
    }
    try {
      return new JsonObject(line);
    } catch (DecodeException e) {
      return new JsonObject();
    }
  }

  private static JsonObject mdc(JsonObject line) {
    JsonObject mdc = line.getJsonObject("mdc");
    return mdc == null ? new JsonObject() : mdc;
  }

  private static String spanId(JsonObject spanLine) {
    return mdc(spanLine).getString("span_id");
  }

  /** The parent the logging exporter writes into its line: parent=<span id>, or - for a root. */
  private static String parentOf(JsonObject spanLine) {
    String message = spanLine.getString("formattedMessage");
    int at = message.indexOf("parent=");
    return message.substring(at + "parent=".length()).split(" ", 2)[0];
  }

  private record Reply(int status, JsonObject body) {
  }

  private static Reply post(String path, JsonObject body, String traceparent) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
      .timeout(Duration.ofSeconds(30))
      .header("Content-Type", "application/json")
      .header("Authorization", "Bearer " + writerToken)
      .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body()));
  }
}
