package io.brandstats.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A Vert.x with a Prometheus registry of its own, named in the gateway's metrics settings as the launcher does. */
@DisplayName("The gateway's HTTP meters label every answer by the contract's route template")
class HttpMetersTest {

  private static final String COUNT = "brandstats_http_server_requests_seconds_count";

  private static Vertx vertx;
  private static TestGateway gateway;

  @BeforeAll
  static void deploy() {
    String registry = "gateway-test-" + UUID.randomUUID();
    vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
      .setRegistryName(registry).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))));
    FakeBrandService.bind(vertx);
    JsonObject config = TestGateway.config();
    config.getJsonObject("metrics").put("registry", registry);
    gateway = TestGateway.deploy(vertx, config, List.of("brand"));
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  /** The count of answers with these labels in a scrape of GET /metrics; 0 when there is no such series. */
  private static double count(String route, String method, int status) {
    String text = gateway.get("/metrics").text();
    return text.lines()
      .filter(line -> line.startsWith(COUNT + "{"))
      .filter(line -> line.contains("route=\"" + route + "\"") && line.contains("method=\"" + method + "\"")
        && line.contains("status=\"" + status + "\""))
      .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
      .sum();
  }

  @Test
  @DisplayName("answers, refusals of a token and contract violations all count under the template, never the id")
  void labelledByTemplate() {
    double okBefore = count("/brands/{id}", "GET", 200);
    double refusedBefore = count("/brands/{id}", "PUT", 401);
    double invalidBefore = count("/brands/{id}", "GET", 400);

    gateway.get("/brands/11");
    gateway.get("/brands/12");
    gateway.sendJson(HttpMethod.PUT, "/brands/13", null, "{}");
    gateway.get("/brands/abc");

    assertThat(count("/brands/{id}", "GET", 200) - okBefore).isEqualTo(2.0);
    assertThat(count("/brands/{id}", "PUT", 401) - refusedBefore).isEqualTo(1.0);
    assertThat(count("/brands/{id}", "GET", 400) - invalidBefore).isEqualTo(1.0);
    assertThat(gateway.get("/metrics").text().lines().filter(line -> line.startsWith(COUNT)))
      .noneMatch(line -> line.contains("/brands/11") || line.contains("/brands/13"));
  }

  @Test
  @DisplayName("a path outside the contract counts under the empty route, whatever was asked")
  void unknownPathsShareOneSeries() {
    double before = count("", "GET", 404);
    gateway.send(HttpMethod.GET, "/nowhere/" + UUID.randomUUID(), MultiMap.caseInsensitiveMultiMap(), null);
    assertThat(count("", "GET", 404) - before).isEqualTo(1.0);
  }
}
