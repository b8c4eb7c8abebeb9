package io.brandstats.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A small contract with each way an operation can be bound, or not. */
@ExtendWith(VertxExtension.class)
@DisplayName("Each contract operation is bound to the service its x-vertx-event-bus names, or to the gateway itself")
class OperationBindingsTest {

  private static final Handler<RoutingContext> OWN = ctx -> ctx.response().end();

  private static OpenAPIContract contract;
  private static OperationBindings bindings;

  private static JsonObject operation(String operationId) {
    return new JsonObject().put("operationId", operationId)
      .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")));
  }

  @BeforeAll
  static void load(Vertx vertx) {
    JsonObject paths = new JsonObject()
      .put("/inherited", new JsonObject().put("x-vertx-event-bus", "thing.service").put("get", operation("getInherited")))
      .put("/own", new JsonObject().put("x-vertx-event-bus", "thing.service").put("get", operation("getOwn")
        .put("x-vertx-event-bus", new JsonObject().put("address", "other.service").put("method", "get"))))
      .put("/gateway", new JsonObject().put("get", operation("getGateway")))
      .put("/nobody", new JsonObject().put("get", operation("getNobody")));
    contract = OpenAPIContract.from(vertx, new JsonObject().put("openapi", "3.1.0")
      .put("info", new JsonObject().put("title", "Bindings").put("version", "1"))
      .put("paths", paths)).await();
    bindings = new OperationBindings(vertx, Map.of("getGateway", OWN), 1000, 1000);
  }

  private static String addressOf(String operationId) {
    Operation operation = contract.operation(operationId);
    Path path = contract.getPaths().stream().filter(candidate -> candidate.getOperations().contains(operation))
      .findFirst().orElseThrow();
    return OperationBindings.serviceAddress(path, operation);
  }

  @Test
  @DisplayName("an operation inherits its path's address, and its own (here as {address, method}) wins over it")
  void addresses() {
    assertThat(addressOf("getInherited")).isEqualTo("thing.service");
    assertThat(addressOf("getOwn")).isEqualTo("other.service");
    assertThat(addressOf("getGateway")).isNull();
  }

  @Test
  @DisplayName("an operation with an address is forwarded; one without is the gateway's own handler")
  void handlers() {
    assertThat(bindings.handlerFor(contract.operation("getInherited"), "thing.service"))
      .isInstanceOf(EventBusForwarder.class);
    assertThat(bindings.handlerFor(contract.operation("getGateway"), null)).isSameAs(OWN);
  }

  @Test
  @DisplayName("an operation nothing serves fails start-up, naming it")
  void unboundFailsStartUp() {
    assertThatThrownBy(() -> bindings.handlerFor(contract.operation("getNobody"), null))
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("getNobody");
  }
}
