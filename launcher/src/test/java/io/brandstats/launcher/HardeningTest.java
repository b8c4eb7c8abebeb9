package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertFieldError;
import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node with a 2 s head deadline and one allowed browser origin. */
@ExtendWith(VertxExtension.class)
@DisplayName("The gateway refuses abusive requests cleanly and tells browsers what they may do")
class HardeningTest {

  private static final int HEADER_TIMEOUT_SECONDS = 2;
  private static final String ALLOWED_ORIGIN = "https://shop.example";

  @RegisterExtension
  static final BrandstatsExtension BRANDSTATS = BrandstatsExtension.nodePerClass()
    .set("http.headerTimeout", HEADER_TIMEOUT_SECONDS)
    .set("http.cors.origins", List.of(ALLOWED_ORIGIN));

  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void startNode(Vertx vertx, TestNode testNode) {
    node = testNode;
    api = new Api(vertx, node);
  }

  @Test
  @DisplayName("a client sending its request head one byte at a time is cut off once http.headerTimeout has passed")
  void slowLorisCutOff() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      socket.setSoTimeout(200);
      long opened = System.nanoTime();
      out.write("GET /brands HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      long closedAfterMs = -1;
      while (System.nanoTime() - opened < 10_000_000_000L) {
        try {
          out.write('a');
          out.flush();
          if (in.read() == -1) {
            closedAfterMs = (System.nanoTime() - opened) / 1_000_000;
            break;
          }
        } catch (SocketTimeoutException stillOpen) {
          // nothing to read yet: the connection is open; send the next byte
        } catch (IOException reset) {
          closedAfterMs = (System.nanoTime() - opened) / 1_000_000;
          break;
        }
      }
      assertThat(closedAfterMs).as("ms until the server closed the connection").isBetween(
        HEADER_TIMEOUT_SECONDS * 1000L - 300, HEADER_TIMEOUT_SECONDS * 1000L + 2000);
    }
  }

  @Test
  @DisplayName("headers over http.maxHeaderSize are a 431 problem")
  void oversizeHeaders() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Padding", "p".repeat(10_000));
    assertProblem(api.send(HttpMethod.GET, "/brands", headers, null), 431);
  }

  @Test
  @DisplayName("a URI over http.maxUriLength is a 414 problem")
  void oversizeUri() {
    assertProblem(api.get("/brands?q=" + "a".repeat(5_000)), 414);
  }

  @Test
  @DisplayName("a body over http.bodyLimit is a 413 problem and nothing is created")
  void oversizeBody() {
    String name = "x".repeat(1_100_000);
    assertProblem(api.send(HttpMethod.POST, "/brands", Api.json(),
      Buffer.buffer(new JsonObject().put("name", name).put("country", "DE").encode())), 413);
  }

  @Test
  @DisplayName("a page larger than the contract's maximum (100) is a 400 naming limit")
  void pageSizeCapped() {
    assertFieldError(assertProblem(api.get("/brands?limit=101"), 400), "query", "limit");
  }

  @Test
  @DisplayName("a configured origin may call the API from a browser: preflight and answer carry its CORS headers")
  void corsAllowedOrigin() {
    Api.Reply preflight = api.send(HttpMethod.OPTIONS, "/brands", MultiMap.caseInsensitiveMultiMap()
      .add("Origin", ALLOWED_ORIGIN).add("Access-Control-Request-Method", "POST")
      .add("Access-Control-Request-Headers", "authorization,content-type"), null);
    assertThat(preflight.status()).isBetween(200, 204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
    assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("Authorization");

    Api.Reply read = api.send(HttpMethod.GET, "/brands?limit=1", MultiMap.caseInsensitiveMultiMap()
      .add("Origin", ALLOWED_ORIGIN), null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
  }

  @Test
  @DisplayName("any other origin gets no CORS permission: a problem, and no Access-Control-Allow-Origin")
  void corsOtherOrigin() {
    Api.Reply read = api.send(HttpMethod.GET, "/brands?limit=1", MultiMap.caseInsensitiveMultiMap()
      .add("Origin", "https://elsewhere.example"), null);
    assertThat(read.header("Access-Control-Allow-Origin")).isNull();
    assertProblem(read, 403);
  }

  @Test
  @DisplayName("the node's own pages are not another origin: a write from them (as Swagger UI sends it) is served")
  void sameOriginWrite() {
    Api.Reply created = api.send(HttpMethod.POST, "/brands", Api.json().add("Origin", "http://localhost:" + node.port()),
      Buffer.buffer(new JsonObject().put("name", "Same Origin " + System.nanoTime()).put("country", "DE").encode()));
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
  }

  @Test
  @DisplayName("the docs and the dashboard may load only this server's files, cannot be framed, and send no referrer")
  void pageSecurityHeaders() {
    for (String page : new String[] {"/docs/", "/dashboard/", "/docs/brandstats-initializer.js"}) {
      Api.Reply reply = api.get(page);
      assertThat(reply.status()).as(page).isEqualTo(200);
      assertThat(reply.header("Content-Security-Policy")).as(page)
        .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'");
      assertThat(reply.header("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
      assertThat(reply.header("Referrer-Policy")).as(page).isEqualTo("no-referrer");
    }
    assertThat(api.get("/brands?limit=1").header("X-Content-Type-Options")).isEqualTo("nosniff");
  }
}
