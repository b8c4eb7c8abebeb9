package io.brandstats.brand;

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The brand service deployed as the launcher deploys it, on a database of its own, called over the event bus
 * as the gateway calls it. Each test uses countries and names no other test uses.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The brand service")
class BrandVerticleTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static ServiceCalls brands;
  private static final List<Long> changed = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void deploy(Vertx vertx) {
    JsonObject config = VerticleConfigs.service(ConfigLoader.defaults(), "brand", DB.config(), new JsonObject());
    await(vertx.deployVerticle(new BrandVerticle(), new DeploymentOptions().setConfig(config)));
    await(vertx.eventBus().<JsonObject>consumer("brand.changed", m -> changed.add(m.body().getLong("id"))).completion());
    brands = new ServiceCalls(vertx, "brand");
  }

  private static Answer create(String name, String country) {
    return brands.call("createBrand", new Call().body(new JsonObject().put("name", name).put("country", country)));
  }

  private static long id(Answer created) {
    assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
    return created.json().getLong("id");
  }

  @Test
  @DisplayName("A new brand is answered 201 with its URL and ETag \"1\", stored as sent, and read back the same")
  void createThenRead() {
    JsonObject sent = new JsonObject().put("name", "Northwind").put("country", "DE").put("website", "https://nw.example");

    Answer created = brands.call("createBrand", new Call().body(sent));

    long id = id(created);
    assertThat(created.header("Location")).isEqualTo("/brands/" + id);
    assertThat(created.header("ETag")).isEqualTo("\"1\"");
    assertThat(created.json().getMap()).containsAllEntriesOf(sent.copy().put("status", "active").put("version", 1).getMap());
    Answer read = brands.call("getBrand", new Call().path("id", id));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(created.json());
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
  }

  @Test
  @DisplayName("Names are unique in any letter case (409 naming /name), yet names differing outside the BMP are distinct")
  void namesAreUniqueButFullyCompared() {
    id(create("Acme Unique", "FR"));

    Answer clash = create("ACME UNIQUE", "FR");

    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/name");
    id(create("Smile \uD83D\uDE00", "FR"));
    id(create("Smile \uD83D\uDE01", "FR"));
  }

  @Test
  @DisplayName("An update with the current ETag answers the next version; with a stale one it is 412 and changes nothing")
  void optimisticUpdates() {
    long id = id(create("Versioned", "AT"));
    JsonObject renamed = new JsonObject().put("name", "Versioned Renamed").put("country", "AT");

    Answer updated = brands.call("updateBrand", new Call().path("id", id).header("if-match", "\"1\"").body(renamed));
    Answer stale = brands.call("updateBrand", new Call().path("id", id).header("if-match", "\"1\"")
      .body(renamed.copy().put("name", "Lost Update")));

    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.header("ETag")).isEqualTo("\"2\"");
    assertThat(updated.json().getString("name")).isEqualTo("Versioned Renamed");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(brands.call("getBrand", new Call().path("id", id)).json().getString("name")).isEqualTo("Versioned Renamed");
    assertThat(brands.call("updateBrand", new Call().path("id", id + 1000).body(renamed)).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("If-Match holds when any listed tag is the current version, wherever it stands in the list")
  void ifMatchAnyListedTag() {
    long id = id(create("Listed Tags", "AT"));
    JsonObject body = new JsonObject().put("name", "Listed Tags").put("country", "AT");
    for (int version = 1; version < 5; version++) {
      assertThat(brands.call("updateBrand", new Call().path("id", id).header("if-match", "\"" + version + "\"").body(body))
        .status()).isEqualTo(200);
    }

    Answer listed = brands.call("updateBrand", new Call().path("id", id).header("if-match", "\"1\", \"5\"").body(body));
    Answer neither = brands.call("updateBrand", new Call().path("id", id).header("if-match", "\"1\", \"5\"").body(body));

    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.header("ETag")).isEqualTo("\"6\"");
    assertThat(neither.status()).isEqualTo(412);
  }

  @Test
  @DisplayName("Archiving with If-Match happens only at a version it names: stale is 412 and the brand stays active")
  void archiveIfMatch() {
    long id = id(create("Archived Tags", "AT"));

    Answer stale = brands.call("archiveBrand", new Call().path("id", id).header("if-match", "\"7\""));
    JsonObject unchanged = brands.call("getBrand", new Call().path("id", id)).json();
    Answer current = brands.call("archiveBrand", new Call().path("id", id).header("if-match", "\"3\", \"1\""));
    Answer again = brands.call("archiveBrand", new Call().path("id", id).header("if-match", "\"2\""));
    Answer againStale = brands.call("archiveBrand", new Call().path("id", id).header("if-match", "\"1\""));

    assertThat(stale.status()).isEqualTo(412);
    assertThat(unchanged.getString("status")).isEqualTo("active");
    assertThat(unchanged.getLong("version")).isEqualTo(1L);
    assertThat(current.status()).isEqualTo(204);
    assertThat(again.status()).as("archiving an archived brand at its version changes nothing").isEqualTo(204);
    assertThat(againStale.status()).isEqualTo(412);
    assertThat(brands.call("getBrand", new Call().path("id", id)).json().getLong("version")).isEqualTo(2L);
    assertThat(brands.call("archiveBrand", new Call().path("id", id + 1000).header("if-match", "\"1\"")).status())
      .isEqualTo(404);
  }

  @Test
  @DisplayName("A filtered list is walked page by page through its next links, each brand once, in id order")
  void keysetPagesKeepFilters() {
    List<Long> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(id(create("Paged " + i, "NO")));
    }
    id(create("Elsewhere", "SE"));

    List<Long> walked = new ArrayList<>();
    Call page = new Call().query("country", "NO").query("limit", 2);
    int pages = 0;
    while (page != null) {
      JsonObject answer = brands.call("listBrands", page).json();
      answer.getJsonArray("items").forEach(item -> walked.add(((JsonObject) item).getLong("id")));
      pages++;
      page = nextPage(answer.getString("next"));
    }

    assertThat(walked).isEqualTo(created);
    assertThat(pages).isEqualTo(3);
  }

  /** The query of a next link, as the gateway would validate it: limit a number, the rest text. */
  private static Call nextPage(String next) {
    if (next == null) {
      return null;
    }
    assertThat(next).startsWith("/brands?");
    Call call = new Call();
    for (String pair : next.substring(next.indexOf('?') + 1).split("&")) {
      String[] nameValue = pair.split("=", 2);
      String value = URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8);
      call.query(nameValue[0], nameValue[0].equals("limit") ? (Object) Integer.valueOf(value) : value);
    }
    return call;
  }

  @Test
  @DisplayName("The name filter takes the client's text literally: % and _ match only themselves")
  void namePrefixIsLiteral() {
    long percent = id(create("50% Off", "IE"));
    id(create("500 Off", "IE"));
    long underscore = id(create("A_B", "IE"));
    id(create("AxB", "IE"));

    assertThat(ids(new Call().query("q", "50%").query("country", "IE"))).containsExactly(percent);
    assertThat(ids(new Call().query("q", "A_").query("country", "IE"))).containsExactly(underscore);
  }

  private static List<Long> ids(Call query) {
    JsonArray items = brands.call("listBrands", query.query("limit", 100)).json().getJsonArray("items");
    return items.stream().map(item -> ((JsonObject) item).getLong("id")).toList();
  }

  @Test
  @DisplayName("Archiving answers 204 and keeps the brand readable as archived; again it changes and publishes nothing")
  void archiveIsIdempotent() {
    long id = id(create("Retired", "PT"));

    Answer first = brands.call("archiveBrand", new Call().path("id", id));
    Answer second = brands.call("archiveBrand", new Call().path("id", id));

    assertThat(first.status()).isEqualTo(204);
    assertThat(second.status()).isEqualTo(204);
    Answer read = brands.call("getBrand", new Call().path("id", id));
    assertThat(read.json().getString("status")).isEqualTo("archived");
    assertThat(read.header("ETag")).as("archiving once made one new version").isEqualTo("\"2\"");
    assertThat(changed.stream().filter(c -> c == id)).as("created, archived").hasSize(2);
    assertThat(ids(new Call().query("status", "archived").query("country", "PT"))).containsExactly(id);
    assertThat(brands.call("archiveBrand", new Call().path("id", id + 1000)).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("A cursor this service did not hand out is a 400 naming the cursor")
  void foreignCursor() {
    Answer answer = brands.call("listBrands", new Call().query("cursor", "bm90LW91cnM").query("limit", 20));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("cursor");
  }

  @Test
  @DisplayName("Readiness reports the service's database as up")
  void health() {
    Answer health = brands.call("_health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().getString("database")).isEqualTo("UP");
  }
}
