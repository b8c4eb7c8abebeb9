package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertFieldError;
import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("Brands through the gateway, on the embedded database")
class BrandApiTest {

  private static Api api;
  private static Vertx nodeVertx;

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    nodeVertx = node.brandstats().vertx();
    api = new Api(vertx, node);
  }

  /** A name no other test uses, so tests share one database without seeing each other. */
  private static String unique(String name) {
    return name + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonObject create(String name, String country) {
    Api.Reply created = api.conforms("createBrand",
      api.post("/brands", new JsonObject().put("name", name).put("country", country)));
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    return created.json();
  }

  @Nested
  @DisplayName("Creating")
  class Creating {

    @Test
    @DisplayName("a brand answers 201 with its URL in Location, its version as ETag, and the stored brand")
    void createsBrand() {
      String name = unique("Northwind");
      Api.Reply reply = api.conforms("createBrand", api.post("/brands", new JsonObject()
        .put("name", name).put("country", "DE").put("website", "https://northwind.example")));

      assertThat(reply.status()).isEqualTo(201);
      JsonObject brand = reply.json();
      assertThat(brand.getLong("id")).isPositive();
      assertThat(reply.header("Location")).isEqualTo("/brands/" + brand.getLong("id"));
      assertThat(reply.header("ETag")).isEqualTo("\"1\"");
      assertThat(brand.getString("name")).isEqualTo(name);
      assertThat(brand.getString("status")).isEqualTo("active");

      Api.Reply read = api.conforms("getBrand", api.get(reply.header("Location")));
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json()).isEqualTo(brand);
      assertThat(read.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    @DisplayName("a second brand with the same name, in any letter case, is rejected with 409 and nothing is stored")
    void duplicateNameConflicts() {
      String name = unique("Acme");
      create(name, "DE");

      Api.Reply reply = api.conforms("createBrand",
        api.post("/brands", new JsonObject().put("name", name.toUpperCase()).put("country", "FR")));

      assertFieldError(assertProblem(reply, 409), "body", "/name");
      JsonArray found = api.get("/brands?q=" + name.substring(0, name.length() - 4).replace(" ", "%20")).json()
        .getJsonArray("items");
      assertThat(found).hasSize(1);
    }

    @Test
    @DisplayName("names that differ only in characters outside the BMP are different brands; blank or padded names are a 400")
    void namesCompareFully() {
      String base = unique("Smile");
      create(base + " \uD83D\uDE00", "DE");
      create(base + " \uD83D\uDE01", "DE");
      assertFieldError(assertProblem(api.post("/brands", new JsonObject().put("name", "   ").put("country", "DE")), 400),
        "body", "/name");
      assertFieldError(assertProblem(api.post("/brands", new JsonObject().put("name", base + " ").put("country", "DE")), 400),
        "body", "/name");
    }

    @Test
    @DisplayName("each change is published on brand.changed with the brand's id, for the caches of other services")
    void publishesChanges() throws Exception {
      List<Long> changed = new CopyOnWriteArrayList<>();
      var consumer = nodeVertx.eventBus().<JsonObject>consumer("brand.changed", m -> changed.add(m.body().getLong("id")));
      consumer.completion().await();
      try {
        long id = create(unique("Evented"), "DE").getLong("id");
        api.put("/brands/" + id, new JsonObject().put("name", unique("Evented")).put("country", "AT"), null);
        api.delete("/brands/" + id);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (changed.stream().filter(c -> c == id).count() < 3 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(changed.stream().filter(c -> c == id).count()).isEqualTo(3);
      } finally {
        consumer.unregister().await();
      }
    }
  }

  @Nested
  @DisplayName("Reading")
  class Reading {

    @Test
    @DisplayName("an unknown brand is a 404 problem")
    void unknownBrand() {
      Api.Reply reply = api.conforms("getBrand", api.get("/brands/999999999"));
      assertProblem(reply, 404);
    }

    @Test
    @DisplayName("filters by country, status and name prefix, and combines them")
    void filters() {
      String prefix = "Filter " + UUID.randomUUID().toString().substring(0, 6);
      long de = create(prefix + " one", "DE").getLong("id");
      long fr = create(prefix + " two", "FR").getLong("id");
      long archived = create(prefix + " three", "DE").getLong("id");
      assertThat(api.delete("/brands/" + archived).status()).isEqualTo(204);
      String q = "q=" + prefix.replace(" ", "%20");

      assertThat(ids(api.conforms("listBrands", api.get("/brands?" + q)))).containsExactly(de, fr, archived);
      assertThat(ids(api.get("/brands?" + q + "&country=DE"))).containsExactly(de, archived);
      assertThat(ids(api.get("/brands?" + q + "&status=archived"))).containsExactly(archived);
      assertThat(ids(api.get("/brands?" + q + "&country=DE&status=active"))).containsExactly(de);
      assertThat(ids(api.get("/brands?q=" + prefix.replace(" ", "_")))).as("_ in q is literal, not a wildcard").isEmpty();
      assertThat(ids(api.get("/brands?" + q + "%25"))).as("%25 is a literal %, decoded once").isEmpty();
    }

    @Test
    @DisplayName("a name prefix that looks like a number, or holds % or +, is searched as the text it is")
    void textualPrefixes() {
      String marker = UUID.randomUUID().toString().substring(0, 6);
      long decimal = create("1.5 " + marker, "DE").getLong("id");
      long percent = create("100% " + marker, "DE").getLong("id");
      long plus = create("C+ " + marker, "DE").getLong("id");

      assertThat(ids(api.conforms("listBrands", api.get("/brands?q=1.5%20" + marker)))).containsExactly(decimal);
      assertThat(ids(api.get("/brands?q=100%25%20" + marker))).containsExactly(percent);
      assertThat(ids(api.get("/brands?q=C%2B%20" + marker))).containsExactly(plus);
    }

    @Test
    @DisplayName("a walk over more brands than fit in a page sees each exactly once, in a stable order")
    void pagingWalk() {
      String prefix = "Walk " + UUID.randomUUID().toString().substring(0, 6);
      List<Long> created = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        created.add(create(prefix + " " + i, i % 2 == 0 ? "DE" : "NL").getLong("id"));
      }

      List<Long> seen = new ArrayList<>();
      String next = "/brands?limit=5&q=" + prefix.replace(" ", "%20");
      int pages = 0;
      while (next != null) {
        Api.Reply page = api.conforms("listBrands", api.get(next));
        assertThat(page.status()).isEqualTo(200);
        seen.addAll(ids(page));
        next = page.json().getString("next");
        pages++;
        assertThat(pages).as("pages").isLessThanOrEqualTo(6);
      }
      assertThat(seen).containsExactlyElementsOf(created);
      assertThat(pages).isEqualTo(5);
    }

    @Test
    @DisplayName("a cursor this API did not hand out is a 400 naming the cursor")
    void foreignCursor() {
      Api.Reply reply = api.conforms("listBrands", api.get("/brands?cursor=not-ours"));
      assertFieldError(assertProblem(reply, 400), "query", "cursor");
    }

    private List<Long> ids(Api.Reply page) {
      assertThat(page.status()).as(page.bodyText()).isEqualTo(200);
      return page.json().getJsonArray("items").stream().map(item -> ((JsonObject) item).getLong("id")).toList();
    }
  }

  @Nested
  @DisplayName("Updating")
  class Updating {

    @Test
    @DisplayName("with the current ETag replaces the brand and answers its new version")
    void updatesWithCurrentETag() {
      JsonObject brand = create(unique("Updatable"), "DE");
      String renamed = unique("Renamed");

      Api.Reply reply = api.conforms("updateBrand", api.put("/brands/" + brand.getLong("id"),
        new JsonObject().put("name", renamed).put("country", "AT").put("website", "https://renamed.example"), "\"1\""));

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("ETag")).isEqualTo("\"2\"");
      assertThat(reply.json().getString("name")).isEqualTo(renamed);
      assertThat(reply.json().getString("country")).isEqualTo("AT");
      assertThat(reply.json().getString("createdAt")).isEqualTo(brand.getString("createdAt"));
      assertThat(api.get("/brands/" + brand.getLong("id")).json()).isEqualTo(reply.json());
    }

    @Test
    @DisplayName("with a stale ETag is rejected with 412 and changes nothing")
    void staleETag() {
      JsonObject brand = create(unique("Stale"), "DE");
      String uri = "/brands/" + brand.getLong("id");
      api.put(uri, new JsonObject().put("name", brand.getString("name")).put("country", "FR"), "\"1\"");

      Api.Reply reply = api.conforms("updateBrand",
        api.put(uri, new JsonObject().put("name", unique("Lost")).put("country", "NL"), "\"1\""));

      assertProblem(reply, 412);
      assertThat(api.get(uri).json().getString("country")).isEqualTo("FR");
    }

    @Test
    @DisplayName("two updates racing with the same ETag: exactly one wins, the other gets 412")
    void racingUpdates() {
      JsonObject brand = create(unique("Raced"), "DE");
      String uri = "/brands/" + brand.getLong("id");

      List<Future<Api.Reply>> racing = new ArrayList<>();
      for (String country : List.of("FR", "NL")) {
        JsonObject update = new JsonObject().put("name", brand.getString("name")).put("country", country);
        racing.add(api.sendAsync(HttpMethod.PUT, uri, Api.json().add("If-Match", "\"1\""), update.toBuffer()));
      }
      List<Integer> statuses = racing.stream().map(f -> f.await().status()).sorted().toList();

      assertThat(statuses).containsExactly(200, 412);
      assertThat(api.get(uri).header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    @DisplayName("If-Match: a weak tag never matches (412), * always does, a list matches when any of its tags does")
    void ifMatchForms() {
      JsonObject brand = create(unique("Tags"), "DE");
      String uri = "/brands/" + brand.getLong("id");
      JsonObject update = new JsonObject().put("name", brand.getString("name")).put("country", "FR");

      assertProblem(api.put(uri, update, "W/\"1\""), 412);
      assertThat(api.put(uri, update, "\"1\", \"7\"").status()).isEqualTo(200);
      assertThat(api.put(uri, update, "*").status()).isEqualTo(200);
      assertProblem(api.put(uri, update, "\"1\""), 412);
      assertThat(api.get(uri).header("ETag")).isEqualTo("\"3\"");
      assertThat(api.put(uri, update, "\"1\", \"3\"").status()).as("the current version second in the list").isEqualTo(200);
      assertProblem(api.send(HttpMethod.DELETE, uri, MultiMap.caseInsensitiveMultiMap().add("If-Match", "\"3\""), null), 412);
      assertThat(api.send(HttpMethod.DELETE, uri, MultiMap.caseInsensitiveMultiMap().add("If-Match", "\"2\", \"4\""), null)
        .status()).isEqualTo(204);
      assertThat(api.get(uri).header("ETag")).isEqualTo("\"5\"");
    }

    @Test
    @DisplayName("to a name another brand has is rejected with 409")
    void renameConflicts() {
      String taken = unique("Taken");
      create(taken, "DE");
      JsonObject brand = create(unique("Other"), "DE");

      Api.Reply reply = api.conforms("updateBrand", api.put("/brands/" + brand.getLong("id"),
        new JsonObject().put("name", taken).put("country", "DE"), null));

      assertFieldError(assertProblem(reply, 409), "body", "/name");
    }

    @Test
    @DisplayName("an unknown brand is a 404 problem")
    void unknownBrand() {
      Api.Reply reply = api.conforms("updateBrand",
        api.put("/brands/999999999", new JsonObject().put("name", unique("Nobody")).put("country", "DE"), null));
      assertProblem(reply, 404);
    }
  }

  @Nested
  @DisplayName("Archiving")
  class Archiving {

    @Test
    @DisplayName("answers 204; the brand stays readable as archived, and archiving again changes nothing")
    void archives() {
      JsonObject brand = create(unique("Archived"), "DE");
      String uri = "/brands/" + brand.getLong("id");

      assertThat(api.conforms("archiveBrand", api.delete(uri)).status()).isEqualTo(204);
      Api.Reply read = api.get(uri);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json().getString("status")).isEqualTo("archived");
      assertThat(read.header("ETag")).isEqualTo("\"2\"");

      assertThat(api.delete(uri).status()).isEqualTo(204);
      assertThat(api.get(uri).header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    @DisplayName("an unknown brand is a 404 problem")
    void unknownBrand() {
      assertProblem(api.conforms("archiveBrand", api.delete("/brands/999999999")), 404);
    }
  }

  @Test
  @DisplayName("ids are unique across concurrent creates")
  void concurrentCreates() {
    List<Future<Api.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String name = unique("Concurrent");
      creates.add(api.sendAsync(HttpMethod.POST, "/brands", Api.json(),
        new JsonObject().put("name", name).put("country", "DE").toBuffer()));
    }
    Set<Long> ids = new HashSet<>();
    for (Future<Api.Reply> create : creates) {
      Api.Reply reply = create.await();
      assertThat(reply.status()).isEqualTo(201);
      ids.add(reply.json().getLong("id"));
    }
    assertThat(ids).hasSize(20);
  }
}
