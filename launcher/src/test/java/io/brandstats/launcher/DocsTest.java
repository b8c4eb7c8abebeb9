package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("The pages a person opens are served from the jar: Swagger UI at /docs, the dashboard at /dashboard")
class DocsTest {

  private static Api api;

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    api = new Api(vertx, node);
  }

  @Test
  @DisplayName("/docs leads to the page, which loads Swagger UI's files from this server and points it at /openapi.yaml")
  void servesSwaggerUi() {
    Api.Reply redirect = api.get("/docs");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).endsWith("/docs/");

    Api.Reply page = api.get("/docs/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.bodyText()).contains("/docs/swagger-ui-bundle.js", "/docs/brandstats-initializer.js")
      .doesNotContain("https://");

    assertThat(api.get("/docs/brandstats-initializer.js").bodyText()).contains("url: \"/openapi.yaml\"");
    for (String file : new String[] {"/docs/swagger-ui-bundle.js", "/docs/swagger-ui-standalone-preset.js",
      "/docs/swagger-ui.css", "/docs/index.css"}) {
      Api.Reply served = api.get(file);
      assertThat(served.status()).as(file).isEqualTo(200);
      assertThat(served.body().length()).as(file).isPositive();
    }
  }

  @Test
  @DisplayName("/dashboard leads to the page, which loads Chart.js and its script from this server only")
  void servesDashboard() {
    Api.Reply redirect = api.get("/dashboard");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).endsWith("/dashboard/");

    Api.Reply page = api.get("/dashboard/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.bodyText()).contains("chart.umd.min.js", "dashboard.js", "id=\"kpi-revenue\"", "id=\"degraded-banner\"")
      .doesNotContain("https://", "http://");
    for (String file : new String[] {"/dashboard/chart.umd.min.js", "/dashboard/dashboard.js", "/dashboard/dashboard.css"}) {
      Api.Reply served = api.get(file);
      assertThat(served.status()).as(file).isEqualTo(200);
      assertThat(served.body().length()).as(file).isPositive();
    }
    assertThat(api.get("/dashboard/requests.js").bodyText()).contains("/stats/summary", "/stats/top");
  }
}
