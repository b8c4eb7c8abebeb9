package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.node.Brandstats;
import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway-only node: the brand service is deployed nowhere, or a stand-in on its address misbehaves
 * on purpose (never answers, fails with internals in its message).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("When the owning service is missing or misbehaves, the gateway still answers with a problem")
class ServiceFailuresTest {

  @RegisterExtension
  static final BrandstatsExtension BRANDSTATS = BrandstatsExtension.nodePerClass()
    .set("node.services", List.of("gateway"))
    .set("gateway.requestTimeout", 300);

  private static Brandstats node;
  private static Api api;

  @BeforeAll
  static void startGatewayOnly(Vertx vertx, TestNode testNode) {
    node = testNode.brandstats();
    api = new Api(vertx, testNode);
  }

  @Test
  @DisplayName("a gateway-only node starts no database")
  void noDatabase() {
    assertThat(node.embeddedDatabasePort()).isEmpty();
  }

  @Test
  @DisplayName("an operation whose service is deployed nowhere is a 503 with Retry-After")
  void serviceNotDeployed() {
    Api.Reply reply = api.conforms("listBrands", api.get("/brands"));
    JsonObject problem = assertProblem(reply, 503);
    assertThat(reply.header("Retry-After")).isEqualTo("5");
    assertThat(problem.getString("detail")).contains("listBrands");
  }

  @Test
  @DisplayName("a service that does not answer within gateway.requestTimeout is a 504")
  void serviceTooSlow() {
    MessageConsumer<JsonObject> silent = node.vertx().eventBus().consumer("brand.service", message -> { });
    silent.completion().await();
    try {
      long started = System.nanoTime();
      Api.Reply reply = api.conforms("getBrand", api.get("/brands/1"));
      long tookMs = (System.nanoTime() - started) / 1_000_000;

      assertProblem(reply, 504);
      assertThat(tookMs).as("answered after the 300 ms timeout, not much later").isBetween(250L, 5_000L);
    } finally {
      silent.unregister().await();
    }
  }

  @Test
  @DisplayName("a service failure that is not a problem becomes a 500 that reveals nothing of it")
  void internalFailure() {
    MessageConsumer<JsonObject> broken = node.vertx().eventBus().consumer("brand.service",
      message -> message.fail(500, "java.sql.SQLSyntaxErrorException: table brand_secret at io.brandstats.Hidden"));
    broken.completion().await();
    try {
      Api.Reply reply = api.conforms("getBrand", api.get("/brands/1"));
      assertProblem(reply, 500);
      assertThat(reply.bodyText()).doesNotContain("brand_secret", "Hidden");
    } finally {
      broken.unregister().await();
    }
  }

  @Test
  @DisplayName("readiness lists no service on a gateway-only node and is UP")
  void readinessOfGatewayOnly() {
    Api.Reply ready = api.conforms("getReadiness", api.get("/health/ready"));
    assertThat(ready.status()).isEqualTo(200);
  }
}
