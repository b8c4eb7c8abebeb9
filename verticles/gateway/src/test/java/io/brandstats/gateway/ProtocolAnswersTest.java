package io.brandstats.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests written byte for byte on a socket, as no HTTP client library would send them: what HTTP decoding
 * refuses, versions and methods the node does not speak, and requests the router answers before any route.
 * Each answer is read whole (the node closes the connection after a refusal; else the body's Content-Length).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Protocol-level answers are problem+json with an HTTP/1.1 status line, a request id and nosniff")
class ProtocolAnswersTest {

  private static final int MAX_URI = 512;
  private static final int MAX_HEAD = 1024;
  private static int port;

  @BeforeAll
  static void deploy(Vertx vertx) {
    JsonObject config = TestGateway.config();
    config.getJsonObject("http").put("maxUriLength", MAX_URI).put("maxHeaderSize", MAX_HEAD);
    TestGateway.deploy(vertx, config, List.of("brand"));
    port = config.getJsonObject("http").getInteger("port");
  }

  /** One answer as it came off the wire. */
  private record Answer(String statusLine, Map<String, String> headers, String body) {

    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private static Answer send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      return new Answer(lines[0], headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void assertProblem(Answer answer, int status) {
    assertThat(answer.statusLine()).as("status line").startsWith("HTTP/1.1 " + status + " ");
    assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.header("X-Request-Id")).as("X-Request-Id").isNotBlank();
    assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    JsonObject problem = new JsonObject(answer.body());
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
  }

  @TestFactory
  @DisplayName("each refused request gets its status in an HTTP/1.1 status line that never repeats the client's tokens")
  Stream<DynamicTest> refusals() {
    return Stream.of(
        new Object[] {"a version token that is not HTTP", "GET /brands FOO/1.1\r\nHost: x\r\n\r\n", 400},
        new Object[] {"HTTP/2.0 in an HTTP/1 request line", "GET /brands HTTP/2.0\r\nHost: x\r\n\r\n", 505},
        new Object[] {"a method this server does not implement", "BREW /brands HTTP/1.1\r\nHost: x\r\n\r\n", 501},
        new Object[] {"a method that is not a token", "GE@T /brands HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        new Object[] {"a request line over http.maxUriLength", "GET /brands?q=" + "a".repeat(MAX_URI) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
        new Object[] {"headers over http.maxHeaderSize", "GET /brands HTTP/1.1\r\nHost: x\r\nX-Pad: " + "p".repeat(MAX_HEAD) + "\r\n\r\n", 431},
        new Object[] {"bytes that are not HTTP", "\u0001\u0002\u0003 nonsense\r\n\r\n", 400},
        new Object[] {"an HTTP/1.1 request without Host", "GET /brands HTTP/1.1\r\n\r\n", 400},
        new Object[] {"a request target that is not a path", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 404})
      .map(row -> DynamicTest.dynamicTest((String) row[0], () -> {
        Answer answer = send((String) row[1]);
        assertProblem(answer, (int) row[2]);
        assertThat(answer.statusLine()).doesNotContain("FOO", "BREW", "2.0");
      }));
  }

  @Test
  @DisplayName("a refused request that sent a sane X-Request-Id gets it back")
  void clientRequestIdKept() throws IOException {
    Answer answer = send("GET /brands FOO/1.1\r\nHost: x\r\nX-Request-Id: probe-7\r\n\r\n");
    assertProblem(answer, 400);
    assertThat(answer.header("X-Request-Id")).isEqualTo("probe-7");
  }

  @Test
  @DisplayName("after a refusal the node closes the connection, whatever else the client sent")
  void closedAfterRefusal() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("BREW /brands HTTP/1.1\r\nHost: x\r\n\r\nGET /brands HTTP/1.1\r\nHost: x\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
      String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(all).startsWith("HTTP/1.1 501 ");
      assertThat(all.indexOf("HTTP/1.1", 1)).as("a second answer").isNegative();
    }
  }
}
