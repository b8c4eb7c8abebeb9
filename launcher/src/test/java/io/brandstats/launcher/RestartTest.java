package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The embedded database keeps its data across restarts")
class RestartTest {

  @Test
  @DisplayName("a brand created before a restart is there, unchanged, after it")
  void dataSurvivesRestart(Vertx vertx) throws Exception {
    String dataDir = "restart-" + ProcessHandle.current().pid();
    JsonObject brand;
    try (TestNode first = TestNode.start(dataDir)) {
      Api.Reply created = new Api(vertx, first)
        .post("/brands", new JsonObject().put("name", "Survivor").put("country", "IT"));
      assertThat(created.status()).isEqualTo(201);
      brand = created.json();
    }

    try (TestNode second = TestNode.start(dataDir)) {
      Api.Reply read = new Api(vertx, second).get("/brands/" + brand.getLong("id"));
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json()).isEqualTo(brand);
    }
  }
}
