package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertFieldError;
import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("Stores through the gateway, on the embedded database")
class StoreApiTest {

  private static Api api;

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    api = new Api(vertx, node);
  }

  private static String code() {
    return "S-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonObject store(String code, String name, String city, String country, String channel) {
    return new JsonObject().put("code", code).put("name", name).put("city", city).put("country", country)
      .put("channel", channel);
  }

  private static JsonObject create(JsonObject store) {
    Api.Reply created = api.conforms("createStore", api.post("/stores", store));
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    return created.json();
  }

  @Test
  @DisplayName("a store is created with Location and ETag, and reads back as created")
  void createsAndReads() {
    JsonObject created = create(store(code(), "Berlin Mitte", "Berlin", "DE", "retail"));

    Api.Reply read = api.conforms("getStore", api.get("/stores/" + created.getLong("id")));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(created);
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
    assertThat(created.getString("status")).isEqualTo("active");
  }

  @Test
  @DisplayName("a second store with the same code is rejected with 409 naming the code")
  void duplicateCode() {
    String code = code();
    create(store(code, "First", "Paris", "FR", "retail"));
    Api.Reply reply = api.conforms("createStore", api.post("/stores", store(code.toLowerCase(), "Second", "Lyon", "FR", "retail")));
    assertFieldError(assertProblem(reply, 409), "body", "/code");
  }

  @Test
  @DisplayName("an unknown channel is a 400 naming the field")
  void unknownChannel() {
    Api.Reply reply = api.post("/stores", store(code(), "Kiosk", "Rome", "IT", "kiosk"));
    assertFieldError(assertProblem(reply, 400), "body", "/channel");
  }

  @Test
  @DisplayName("filters by city, channel, country and name prefix")
  void filters() {
    String city = "City " + UUID.randomUUID().toString().substring(0, 6);
    long retail = create(store(code(), "Alpha Shop", city, "NL", "retail")).getLong("id");
    long online = create(store(code(), "Alpha Web", city, "NL", "online")).getLong("id");
    long other = create(store(code(), "Beta Shop", city, "BE", "retail")).getLong("id");
    String byCity = "/stores?city=" + city.replace(" ", "%20");

    assertThat(ids(api.conforms("listStores", api.get(byCity)))).containsExactly(retail, online, other);
    assertThat(ids(api.get(byCity + "&channel=online"))).containsExactly(online);
    assertThat(ids(api.get(byCity + "&country=BE"))).containsExactly(other);
    assertThat(ids(api.get(byCity + "&q=alpha"))).containsExactly(retail, online);
  }

  @Test
  @DisplayName("updates with the current ETag, refuses a stale one with 412, and archives with 204")
  void updatesAndArchives() {
    JsonObject created = create(store(code(), "Old Name", "Madrid", "ES", "retail"));
    String uri = "/stores/" + created.getLong("id");
    JsonObject changed = store(created.getString("code"), "New Name", "Madrid", "ES", "online");

    Api.Reply updated = api.conforms("updateStore", api.put(uri, changed, "\"1\""));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().getString("channel")).isEqualTo("online");
    assertThat(updated.header("ETag")).isEqualTo("\"2\"");

    assertProblem(api.conforms("updateStore", api.put(uri, changed.copy().put("name", "Lost"), "\"1\"")), 412);
    assertThat(api.get(uri).json().getString("name")).isEqualTo("New Name");

    assertThat(api.conforms("archiveStore", api.delete(uri)).status()).isEqualTo(204);
    assertThat(api.get(uri).json().getString("status")).isEqualTo("archived");
    assertProblem(api.conforms("getStore", api.get("/stores/999999999")), 404);
  }

  private static List<Long> ids(Api.Reply page) {
    assertThat(page.status()).as(page.bodyText()).isEqualTo(200);
    return page.json().getJsonArray("items").stream().map(item -> ((JsonObject) item).getLong("id")).toList();
  }
}
