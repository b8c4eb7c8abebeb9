package io.brandstats.gateway.vertxopenapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The router's copy of the contract declares problem bodies as JSON, and changes nothing else")
class RouterContractTest {

  private static JsonObject problemContent() {
    return new JsonObject().put("application/problem+json",
      new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/Problem")));
  }

  private static JsonObject contract() {
    JsonObject created = new JsonObject().put("description", "Created")
      .put("content", new JsonObject().put("application/json", new JsonObject().put("schema", new JsonObject())));
    JsonObject operation = new JsonObject().put("operationId", "createThing").put("responses", new JsonObject()
      .put("201", created)
      .put("409", new JsonObject().put("description", "Conflict").put("content", problemContent()))
      .put("400", new JsonObject().put("$ref", "#/components/responses/BadRequest")));
    return new JsonObject()
      .put("paths", new JsonObject().put("/things", new JsonObject()
        .put("x-vertx-event-bus", "thing.service")
        .put("post", operation)))
      .put("components", new JsonObject().put("responses", new JsonObject()
        .put("BadRequest", new JsonObject().put("description", "Bad").put("content", problemContent()))));
  }

  @Test
  @DisplayName("problem+json in shared and in an operation's own responses becomes application/json with the same schema")
  void relabelsProblems() {
    JsonObject relabelled = RouterContract.withProblemsAsJson(contract());

    JsonObject shared = relabelled.getJsonObject("components").getJsonObject("responses").getJsonObject("BadRequest");
    JsonObject own = relabelled.getJsonObject("paths").getJsonObject("/things").getJsonObject("post")
      .getJsonObject("responses").getJsonObject("409");
    for (JsonObject response : new JsonObject[] {shared, own}) {
      assertThat(response.getJsonObject("content").fieldNames()).containsExactly("application/json");
      assertThat(response.getJsonObject("content").getJsonObject("application/json"))
        .isEqualTo(problemContent().getJsonObject("application/problem+json"));
    }
  }

  @Test
  @DisplayName("everything that is not a problem body stays as it was")
  void leavesTheRest() {
    JsonObject original = contract();
    JsonObject relabelled = RouterContract.withProblemsAsJson(contract());

    JsonObject path = relabelled.getJsonObject("paths").getJsonObject("/things");
    assertThat(path.getString("x-vertx-event-bus")).isEqualTo("thing.service");
    JsonObject responses = path.getJsonObject("post").getJsonObject("responses");
    JsonObject originalResponses = original.getJsonObject("paths").getJsonObject("/things").getJsonObject("post")
      .getJsonObject("responses");
    assertThat(responses.getJsonObject("201")).isEqualTo(originalResponses.getJsonObject("201"));
    assertThat(responses.getJsonObject("400")).isEqualTo(originalResponses.getJsonObject("400"));
  }
}
