package io.brandstats.node.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * tracing.exporter otlp: a traced request's span reaches a collector at tracing.endpoint, over HTTP/protobuf and
 * over gRPC. The collector is a small fake on loopback that keeps what it is sent and answers as a collector does.
 */
@DisplayName("Spans go to the OTLP collector at tracing.endpoint")
class OtlpExportTest {

  private Vertx collectorVertx;
  private final Map<String, CompletableFuture<Buffer>> received = new ConcurrentHashMap<>();

  @BeforeEach
  void startVertx() {
    collectorVertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() {
    collectorVertx.close().await();
  }

  @Test
  @DisplayName("over HTTP/protobuf: POST <endpoint>/v1/traces, application/x-protobuf, holding the trace id")
  void httpProtobuf() throws Exception {
    int port = collector(request -> request.response().putHeader("content-type", "application/x-protobuf").end());
    byte[] traceId = randomTraceId();

    tracedRequest("http/protobuf", "http://127.0.0.1:" + port, traceId);

    Buffer body = received.get("/v1/traces").get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(contains(body.getBytes(), traceId)).as("the exported span's trace id").isTrue();
  }

  @Test
  @DisplayName("over gRPC: TraceService/Export over HTTP/2, holding the trace id")
  void grpc() throws Exception {
    int port = collector(request -> request.response()
      .putHeader("content-type", "application/grpc")
      .putTrailer("grpc-status", "0")
      .end(Buffer.buffer(new byte[5]))); // one empty message: not compressed, length 0
    byte[] traceId = randomTraceId();

    tracedRequest("grpc", "http://127.0.0.1:" + port, traceId);

    Buffer body = received.get("/opentelemetry.proto.collector.trace.v1.TraceService/Export")
      .get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(contains(body.getBytes(), traceId)).as("the exported span's trace id").isTrue();
  }

  /** A collector on a free loopback port (HTTP/1.1 and cleartext HTTP/2) that keeps each path's first body. */
  private int collector(Consumer<HttpServerRequest> answer) {
    for (String path : List.of("/v1/traces", "/opentelemetry.proto.collector.trace.v1.TraceService/Export")) {
      received.put(path, new CompletableFuture<>());
    }
    HttpServer server = collectorVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
      .setHttp2ClearTextEnabled(true));
    server.requestHandler(request -> request.body().onSuccess(body -> {
      CompletableFuture<Buffer> kept = received.get(request.path());
      if (kept != null) {
        kept.complete(body);
      }
      answer.accept(request);
    }));
    return server.listen().await().actualPort();
  }

  /** A node-like Vert.x traced as configured; one request to its own HTTP server within the given trace. */
  private static void tracedRequest(String protocol, String endpoint, byte[] traceId) {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("tracing").put("enabled", true).put("sampler", 1.0).put("exporter", "otlp")
      .put("protocol", protocol).put("endpoint", endpoint);
    Tracing tracing = Tracing.from(config, List.of("gateway"), "a-signing-secret-of-at-least-32-characters", null);
    Vertx traced = Vertx.builder().withTracer(tracing.vertxTracer()).build();
    try {
      HttpServer server = traced.createHttpServer().requestHandler(request -> request.response().end("ok"))
        .listen(0, "127.0.0.1").await();
      String traceparent = "00-" + HexFormat.of().formatHex(traceId) + "-00f067aa0ba902b7-01";
      Vertx client = Vertx.vertx();
      try {
        Buffer answer = client.createHttpClient().request(new RequestOptions().setMethod(HttpMethod.GET)
            .setHost("127.0.0.1").setPort(server.actualPort()).setURI("/anything").addHeader("traceparent", traceparent))
          .compose(request -> request.send()).compose(HttpClientResponse::body).await();
        assertThat(answer.toString()).isEqualTo("ok");
      } finally {
        client.close().await();
      }
    } finally {
      traced.close().await();
      tracing.close(); // sends what is batched
    }
  }

  private static byte[] randomTraceId() {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] = 1; // never the invalid all-zero id
    return id;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
