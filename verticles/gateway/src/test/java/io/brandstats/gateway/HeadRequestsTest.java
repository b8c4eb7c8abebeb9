package io.brandstats.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A gateway whose brand service answers (echoing what it received). */
@ExtendWith(VertxExtension.class)
@DisplayName("HEAD is answered wherever GET is: the same status and headers, no body")
class HeadRequestsTest {

  private static TestGateway gateway;
  private static int port;

  @BeforeAll
  static void deploy(Vertx vertx) {
    FakeBrandService.bind(vertx);
    JsonObject config = TestGateway.config();
    gateway = TestGateway.deploy(vertx, config, List.of("brand"));
    port = config.getJsonObject("http").getInteger("port");
  }

  private static TestGateway.Reply head(String uri) {
    return gateway.send(HttpMethod.HEAD, uri, MultiMap.caseInsensitiveMultiMap(), null);
  }

  @Test
  @DisplayName("HEAD of an entity: 200 with the GET's ETag, content type and length")
  void entity() {
    TestGateway.Reply get = gateway.get("/brands/42");
    TestGateway.Reply head = head("/brands/42");

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("ETag")).isEqualTo(get.header("ETag")).isEqualTo("\"3\"");
    assertThat(head.header("Content-Type")).isEqualTo("application/json");
    assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(get.body().length()));
    assertThat(head.header("X-Request-Id")).isNotBlank();
    assertThat(head.text()).isEmpty();
  }

  @Test
  @DisplayName("HEAD of a list, health, the contract and a missing entity answer as their GET would")
  void everyReadable() {
    assertThat(head("/brands?limit=5").status()).isEqualTo(200);
    assertThat(head("/health/live").status()).isEqualTo(200);
    assertThat(head("/health/ready").status()).isEqualTo(200);
    assertThat(head("/openapi.yaml").status()).isEqualTo(200);
    TestGateway.Reply missing = head("/brands/" + FakeBrandService.MISSING);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(head("/brands?limit=0").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("on the wire a HEAD answer ends with its headers: the next answer on the connection follows at once")
  void noBodyOnTheWire() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("HEAD /brands/42 HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int endOfHead = all.indexOf("\r\n\r\n") + 4;
      assertThat(all).startsWith("HTTP/1.1 200 ");
      assertThat(all.substring(endOfHead)).startsWith("HTTP/1.1 200 ");
    }
  }
}
