package io.brandstats.store;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.common.testing.ServiceCalls;
import io.brandstats.common.testing.ServiceCalls.Answer;
import io.brandstats.common.testing.ServiceCalls.Call;
import io.brandstats.config.ConfigLoader;
import io.brandstats.config.VerticleConfigs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store service deployed as the launcher deploys it, on a database of its own, called over the event bus
 * as the gateway calls it. Each test uses store codes and countries no other test uses.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The store service")
class StoreVerticleTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static ServiceCalls stores;

  @BeforeAll
  static void deploy(Vertx vertx) {
    JsonObject config = VerticleConfigs.service(ConfigLoader.defaults(), "store", DB.config(), new JsonObject());
    await(vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions().setConfig(config)));
    stores = new ServiceCalls(vertx, "store");
  }

  private static JsonObject store(String code, String city, String country, String channel) {
    return new JsonObject().put("code", code).put("name", "Store " + code).put("city", city).put("country", country)
      .put("channel", channel);
  }

  /** Creates the store and answers it as stored. */
  private static JsonObject created(JsonObject store) {
    Answer answer = stores.call("createStore", new Call().body(store));
    assertThat(answer.status()).as("%s", answer.json()).isEqualTo(201);
    return answer.json();
  }

  @Test
  @DisplayName("A new store is stored as sent, active at version 1, and read back the same with its ETag")
  void createThenRead() {
    JsonObject sent = store("OSL-1", "Oslo", "NO", "retail");

    JsonObject stored = created(sent);

    assertThat(stored.getMap()).containsAllEntriesOf(sent.copy().put("status", "active").put("version", 1).getMap());
    Answer read = stores.call("getStore", new Call().path("id", stored.getLong("id")));
    assertThat(read.json()).isEqualTo(stored);
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
    assertThat(stores.call("getStore", new Call().path("id", stored.getLong("id") + 1000)).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("Filters on country, city and channel combine: each list holds exactly the stores sent with those values")
  void filtersCombine() {
    List<JsonObject> sent = List.of(
      store("LYS-R", "Lyon", "FR", "retail"), store("LYS-O", "Lyon", "FR", "online"),
      store("PAR-R", "Paris", "FR", "retail"), store("PAR-O", "Paris", "FR", "online"),
      store("GVA-R", "Geneva", "CH", "retail"));
    List<JsonObject> stored = new ArrayList<>();
    sent.forEach(store -> stored.add(created(store)));

    for (String city : List.of("Lyon", "Paris")) {
      for (String channel : List.of("retail", "online")) {
        List<String> expected = stored.stream()
          .filter(s -> s.getString("country").equals("FR") && s.getString("city").equals(city)
            && s.getString("channel").equals(channel))
          .map(s -> s.getString("code")).toList();
        assertThat(codes(new Call().query("country", "FR").query("city", city).query("channel", channel)))
          .as("%s %s", city, channel).isEqualTo(expected).hasSize(1);
      }
    }
    assertThat(codes(new Call().query("country", "FR").query("channel", "online"))).containsExactly("LYS-O", "PAR-O");
    assertThat(codes(new Call().query("country", "CH"))).containsExactly("GVA-R");
  }

  private static List<String> codes(Call query) {
    return stores.call("listStores", query.query("limit", 100)).json().getJsonArray("items").stream()
      .map(item -> ((JsonObject) item).getString("code")).toList();
  }

  @Test
  @DisplayName("An update without a status keeps it; If-Match * always matches, a weak or foreign tag never does (412)")
  void updatePreconditions() {
    long id = created(store("BER-1", "Berlin", "DE", "retail")).getLong("id");
    JsonObject moved = store("BER-1", "Potsdam", "DE", "retail");

    Answer anyVersion = stores.call("updateStore", new Call().path("id", id).header("if-match", "*").body(moved));
    Answer weak = stores.call("updateStore", new Call().path("id", id).header("if-match", "W/\"2\"").body(moved));
    Answer foreign = stores.call("updateStore", new Call().path("id", id).header("if-match", "\"abc\"").body(moved));

    assertThat(anyVersion.status()).isEqualTo(200);
    assertThat(anyVersion.json().getString("city")).isEqualTo("Potsdam");
    assertThat(anyVersion.json().getString("status")).isEqualTo("active");
    assertThat(anyVersion.header("ETag")).isEqualTo("\"2\"");
    assertThat(weak.status()).isEqualTo(412);
    assertThat(foreign.status()).isEqualTo(412);
  }

  @Test
  @DisplayName("Codes are unique in any letter case, on create and on update alike (409 naming /code)")
  void codesAreUnique() {
    created(store("VIE-1", "Vienna", "AT", "retail"));
    long other = created(store("VIE-2", "Vienna", "AT", "retail")).getLong("id");

    Answer onCreate = stores.call("createStore", new Call().body(store("vie-1", "Vienna", "AT", "online")));
    Answer onUpdate = stores.call("updateStore", new Call().path("id", other).body(store("Vie-1", "Vienna", "AT", "retail")));

    for (Answer clash : List.of(onCreate, onUpdate)) {
      assertThat(clash.status()).isEqualTo(409);
      assertThat(clash.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/code");
    }
    assertThat(stores.call("getStore", new Call().path("id", other)).json().getString("code")).isEqualTo("VIE-2");
  }

  @Test
  @DisplayName("An archived store stays listed under status archived and no longer under active")
  void archivedStoresAreListedAsSuch() {
    long kept = created(store("MAD-1", "Madrid", "ES", "retail")).getLong("id");
    long closed = created(store("MAD-2", "Madrid", "ES", "retail")).getLong("id");

    assertThat(stores.call("archiveStore", new Call().path("id", closed)).status()).isEqualTo(204);

    assertThat(codes(new Call().query("country", "ES").query("status", "archived"))).containsExactly("MAD-2");
    assertThat(codes(new Call().query("country", "ES").query("status", "active"))).containsExactly("MAD-1");
    assertThat(stores.call("getStore", new Call().path("id", kept)).header("ETag")).isEqualTo("\"1\"");
  }
}
