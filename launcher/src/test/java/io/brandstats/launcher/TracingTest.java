package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.TestNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Tracing as users see it in their collector: three nodes on one database, one tracing with clients' traces
 * continued (the default), one starting a new trace for each client request, one with tracing off. Each traced
 * node records every trace (sampler 1.0) into memory.
 */
@DisplayName("Tracing: one trace per request across gateway, event bus, services, upstream calls and SQL")
class TracingTest {

  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
  private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");

  private static final RecordedSpans TRACED_SPANS = new RecordedSpans();
  private static final RecordedSpans RESTARTING_SPANS = new RecordedSpans();
  private static final RecordedSpans OFF_SPANS = new RecordedSpans();

  private static Vertx vertx;
  private static TestNode traced;
  private static TestNode restarting;
  private static TestNode off;
  private static AccessLog access;

  @BeforeAll
  static void startNodes() throws Exception {
    vertx = Vertx.vertx();
    String pid = "-" + ProcessHandle.current().pid();
    traced = TestNode.start("TracingTest-traced" + pid, config -> traceAll(config), TRACED_SPANS.processor());
    restarting = TestNode.start("TracingTest-restarting" + pid, config -> {
      traceAll(config);
      config.getJsonObject("tracing").put("continueClientTraces", false);
      traced.shareDatabase(config);
    }, RESTARTING_SPANS.processor());
    off = TestNode.start("TracingTest-off" + pid, traced::shareDatabase, OFF_SPANS.processor());
    access = AccessLog.capture();
  }

  @AfterAll
  static void stopNodes() {
    if (access != null) {
      access.release();
    }
    for (TestNode node : new TestNode[] {off, restarting, traced}) {
      if (node != null) {
        node.close();
      }
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private static void traceAll(JsonObject config) {
    config.getJsonObject("tracing").put("enabled", true).put("sampler", 1.0);
  }

  private static Api.Reply createProduct(Api api, long brand, String sku, MultiMap headers) {
    Api.Reply created = api.send(HttpMethod.POST, "/products", Api.json().addAll(headers),
      ProductApiTest.product(brand, sku).toBuffer());
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    return created;
  }

  private static MultiMap traceHeaders(String traceparent) {
    return MultiMap.caseInsensitiveMultiMap().add("traceparent", traceparent);
  }

  @Nested
  @DisplayName("with clients' traces continued (the default)")
  class Continued {

    private final Api api = new Api(vertx, traced);

    @Test
    @DisplayName("POST /products is one trace: gateway, event bus, product service, its GET /brands/{id} through the "
      + "gateway, brand service, SQL; each span the child of the one before")
    void productCreateIsOneTrace() {
      long brand = ProductApiTest.brand(api);
      String sku = "TRACE-" + RecordedSpans.randomHex(8);
      createProduct(api, brand, sku, MultiMap.caseInsensitiveMultiMap());

      SpanData root = TRACED_SPANS.awaitAny(span -> span.getKind() == SpanKind.SERVER
        && span.getName().equals("POST /products") && !span.getParentSpanContext().isValid(), "POST /products");
      String trace = root.getTraceId();
      assertThat(root.getAttributes().get(ROUTE)).isEqualTo("/products");
      SpanData send = TRACED_SPANS.child(trace, root, SpanKind.CLIENT, "send product.service");
      SpanData product = TRACED_SPANS.child(trace, send, SpanKind.SERVER, "send product.service");
      SpanData lookup = TRACED_SPANS.child(trace, product, SpanKind.CLIENT, "GET /brands/{id}");
      assertThat(lookup.getAttributes().get(URL)).endsWith("/brands/" + brand);
      SpanData brandRoute = TRACED_SPANS.child(trace, lookup, SpanKind.SERVER, "GET /brands/{id}");
      assertThat(brandRoute.getAttributes().get(ROUTE)).isEqualTo("/brands/{id}");
      SpanData sendBrand = TRACED_SPANS.child(trace, brandRoute, SpanKind.CLIENT, "send brand.service");
      SpanData brandService = TRACED_SPANS.child(trace, sendBrand, SpanKind.SERVER, "send brand.service");
      SpanData select = TRACED_SPANS.child(trace, brandService, SpanKind.CLIENT, "SELECT brand");
      assertThat(select.getAttributes().get(QUERY)).contains("FROM brand").contains("?");
      SpanData insert = TRACED_SPANS.child(trace, product, SpanKind.CLIENT, "INSERT product");
      assertThat(insert.getAttributes().get(QUERY)).as("statement text without values")
        .contains("?").doesNotContain(sku);
    }

    @Test
    @DisplayName("a client's traceparent is continued: the gateway's span is its child, in its trace, with its tracestate")
    void clientTraceContinued() {
      long brand = ProductApiTest.brand(api);
      String traceId = RecordedSpans.randomHex(32);
      String parent = RecordedSpans.randomHex(16);
      MultiMap headers = traceHeaders(RecordedSpans.traceparent(traceId, parent, true)).add("tracestate", "shop=7");

      assertThat(api.send(HttpMethod.GET, "/brands/" + brand, headers, null).status()).isEqualTo(200);

      SpanData server = TRACED_SPANS.await(traceId, span -> span.getKind() == SpanKind.SERVER
        && span.getParentSpanId().equals(parent), "the gateway's span under the client's " + parent);
      assertThat(server.getName()).isEqualTo("GET /brands/{id}");
      assertThat(server.getSpanContext().getTraceState().get("shop")).isEqualTo("7");
      SpanData send = TRACED_SPANS.child(traceId, server, SpanKind.CLIENT, "send brand.service");
      TRACED_SPANS.child(traceId, send, SpanKind.SERVER, "send brand.service");
    }

    @Test
    @DisplayName("a client's trace it does not sample (flags 00) is not recorded either")
    void unsampledClientTraceNotRecorded() {
      long brand = ProductApiTest.brand(api);
      String unsampled = RecordedSpans.randomHex(32);
      assertThat(api.send(HttpMethod.GET, "/brands/" + brand,
        traceHeaders(RecordedSpans.traceparent(unsampled, RecordedSpans.randomHex(16), false)), null).status())
        .isEqualTo(200);
      // A sampled request after it, recorded through to the brand service, bounds the wait.
      String sampled = RecordedSpans.randomHex(32);
      api.send(HttpMethod.GET, "/brands/" + brand,
        traceHeaders(RecordedSpans.traceparent(sampled, RecordedSpans.randomHex(16), true)), null);
      TRACED_SPANS.await(sampled, span -> span.getName().equals("send brand.service")
        && span.getKind() == SpanKind.SERVER, "the brand service's span");

      assertThat(TRACED_SPANS.ofTrace(unsampled)).isEmpty();
    }

    @Test
    @DisplayName("the access log's lines carry the trace_id and span_id of their request, the upstream call's too")
    void accessLogCarriesTrace() throws InterruptedException {
      long brand = ProductApiTest.brand(api);
      String traceId = RecordedSpans.randomHex(32);
      createProduct(api, brand, "LOG-" + RecordedSpans.randomHex(8),
        traceHeaders(RecordedSpans.traceparent(traceId, RecordedSpans.randomHex(16), true)));

      SpanData post = TRACED_SPANS.await(traceId, span -> span.getName().equals("POST /products"), "POST /products");
      SpanData lookup = TRACED_SPANS.await(traceId, span -> span.getKind() == SpanKind.SERVER
        && span.getName().equals("GET /brands/{id}"), "the gateway's span of the brand lookup");
      assertThat(accessLine(traceId, "POST /products 201")).containsEntry("span_id", post.getSpanId());
      assertThat(accessLine(traceId, "GET /brands/" + brand + " 200")).containsEntry("span_id", lookup.getSpanId());
    }

    /** The MDC of the access-log line of this trace that starts with the text, waited for. */
    private Map<String, String> accessLine(String traceId, String start) throws InterruptedException {
      return access.await("'" + start + "...' with trace_id " + traceId, line ->
        traceId.equals(line.getMDCPropertyMap().get("trace_id")) && line.getFormattedMessage().startsWith(start));
    }
  }

  @Nested
  @DisplayName("with tracing.continueClientTraces false")
  class Restarted {

    private final Api api = new Api(vertx, restarting);

    @Test
    @DisplayName("a client's traceparent, even with a made-up seal, starts a new trace at the gateway")
    void clientTraceNotContinued() {
      long brand = ProductApiTest.brand(api);
      String clientTrace = RecordedSpans.randomHex(32);
      MultiMap headers = traceHeaders(RecordedSpans.traceparent(clientTrace, RecordedSpans.randomHex(16), true))
        .add("brandstats-trace-seal", "AAAAAAAAAAAAAAAAAAAAAA");

      assertThat(api.send(HttpMethod.GET, "/brands/" + brand, headers, null).status()).isEqualTo(200);

      SpanData server = RESTARTING_SPANS.awaitAny(span -> span.getKind() == SpanKind.SERVER
        && ("/brands/" + brand).equals(span.getAttributes().get(PATH)), "GET /brands/" + brand);
      assertThat(server.getParentSpanContext().isValid()).as("a root span").isFalse();
      assertThat(server.getTraceId()).isNotEqualTo(clientTrace);
      assertThat(RESTARTING_SPANS.ofTrace(clientTrace)).isEmpty();
    }

    @Test
    @DisplayName("calls between its own services still continue their trace: POST /products stays one trace")
    void ownCallsContinued() {
      long brand = ProductApiTest.brand(api);
      createProduct(api, brand, "RESTART-" + RecordedSpans.randomHex(8), MultiMap.caseInsensitiveMultiMap());

      SpanData lookup = RESTARTING_SPANS.awaitAny(span -> span.getKind() == SpanKind.CLIENT
        && span.getName().equals("GET /brands/{id}") && span.getAttributes().get(URL).endsWith("/brands/" + brand),
        "the product service's brand lookup");
      SpanData brandRoute = RESTARTING_SPANS.child(lookup.getTraceId(), lookup, SpanKind.SERVER, "GET /brands/{id}");
      assertThat(brandRoute.getTraceId()).isEqualTo(lookup.getTraceId());
    }
  }

  @Nested
  @DisplayName("with tracing off (tracing.enabled false, the default)")
  class Off {

    @Test
    @DisplayName("no tracer is installed and a client's sampled trace makes no span")
    void noSpans() {
      Api api = new Api(vertx, off);
      long brand = ProductApiTest.brand(api);
      createProduct(api, brand, "OFF-" + RecordedSpans.randomHex(8),
        traceHeaders(RecordedSpans.traceparent(RecordedSpans.randomHex(32), RecordedSpans.randomHex(16), true)));

      assertThat(((VertxInternal) off.brandstats().vertx()).tracer()).isNull();
      assertThat(OFF_SPANS.all()).isEmpty();
    }
  }
}
