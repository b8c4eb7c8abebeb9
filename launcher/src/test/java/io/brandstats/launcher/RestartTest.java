package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.node.Brandstats;
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
    try (Brandstats first = Brandstats.start(TestNodes.config(dataDir))) {
      Api.Reply created = new Api(vertx, first.port())
        .post("/brands", new JsonObject().put("name", "Survivor").put("country", "IT"));
      assertThat(created.status()).isEqualTo(201);
      brand = created.json();
    }

    try (Brandstats second = Brandstats.start(TestNodes.config(dataDir))) {
      Api.Reply read = new Api(vertx, second.port()).get("/brands/" + brand.getLong("id"));
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json()).isEqualTo(brand);
    }
  }
}
