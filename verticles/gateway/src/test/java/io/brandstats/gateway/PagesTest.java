package io.brandstats.gateway;

import static io.brandstats.gateway.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A gateway serving brand (whose service answers) and store (whose service runs nowhere). */
@ExtendWith(VertxExtension.class)
@DisplayName("What the gateway serves itself: the pages from brandstats-web, health and the contract")
class PagesTest {

  /** A relative ES module import: {@code import ... from './x.js'} or {@code import './x.js'}. */
  private static final Pattern IMPORT = Pattern.compile("import\\s[^;]*?['\"]\\./([\\w.-]+\\.js)['\"]");

  private static TestGateway gateway;

  @BeforeAll
  static void deploy(Vertx vertx) {
    FakeBrandService.bind(vertx);
    gateway = TestGateway.deploy(vertx, TestGateway.config(), List.of("brand", "store"));
  }

  /** The files a page's module needs, found by following its relative imports. */
  private static Set<String> modulesFrom(String folder, String entry) {
    Set<String> found = new LinkedHashSet<>();
    Deque<String> next = new ArrayDeque<>(List.of(entry));
    while (!next.isEmpty()) {
      String module = next.pop();
      if (found.add(module)) {
        Matcher imports = IMPORT.matcher(gateway.get(folder + module).text());
        while (imports.find()) {
          next.push(imports.group(1));
        }
      }
    }
    return found;
  }

  @Test
  @DisplayName("the dashboard loads its script as an ES module, preloads every module it imports, each served as JavaScript under the page policy")
  void dashboardModules() {
    assertThat(gateway.get("/dashboard/").text()).contains("<script type=\"module\" src=\"dashboard.js\" async></script>");

    Set<String> modules = modulesFrom("/dashboard/", "dashboard.js");
    assertThat(modules).as("the dashboard is split into modules").hasSizeGreaterThan(1);
    String page = gateway.get("/dashboard/").text();
    for (String module : modules) {
      if (!module.equals("dashboard.js")) {
        assertThat(page).as("the page fetches %s at once, not after the module importing it", module)
          .contains("<link rel=\"modulepreload\" href=\"" + module + "\">");
      }
    }
    for (String module : modules) {
      TestGateway.Reply served = gateway.get("/dashboard/" + module);
      assertThat(served.status()).as(module).isEqualTo(200);
      assertThat(served.header("Content-Type")).as(module).contains("javascript");
      assertThat(served.header("Content-Security-Policy")).as(module).contains("script-src 'self'");
      assertThat(served.header("X-Content-Type-Options")).as(module).isEqualTo("nosniff");
    }
  }

  @Test
  @DisplayName("readiness is 503 while a service it serves runs nowhere, naming which is down and why")
  void readinessNamesWhatIsDown() {
    TestGateway.Reply ready = gateway.get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    JsonObject body = ready.json();
    assertThat(body.getString("status")).isEqualTo("DOWN");
    assertThat(body.getJsonArray("checks").stream().map(JsonObject.class::cast))
      .anySatisfy(check -> assertThat(check).isEqualTo(new JsonObject().put("id", "brand").put("status", "UP")
        .put("data", new JsonObject().put("db", "UP"))))
      .anySatisfy(check -> assertThat(check).isEqualTo(new JsonObject().put("id", "store").put("status", "DOWN")
        .put("data", new JsonObject().put("reason", "not-deployed"))));
  }

  @Test
  @DisplayName("the contract is served as published, problem+json included, though the router was given JSON")
  void contractAsPublished() {
    TestGateway.Reply contract = gateway.get("/openapi.yaml");
    assertThat(contract.status()).isEqualTo(200);
    assertThat(contract.text()).startsWith("openapi: 3.1.0").contains("application/problem+json");
  }

  @Test
  @DisplayName("metrics without a registry (none named in the settings) are a 404 problem")
  void metricsOff() {
    assertProblem(gateway.get("/metrics"), 404);
  }
}
