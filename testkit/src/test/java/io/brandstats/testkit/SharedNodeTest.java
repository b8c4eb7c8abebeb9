package io.brandstats.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrandstatsExtension.class)
@DisplayName("The shared node: a working Brandstats for every test class that asks for it")
class SharedNodeTest {

  /** The ports of the nodes this class and {@link SharedNodeElsewhereTest} were given: one node, one port. */
  static final Set<Integer> PORTS_SEEN = ConcurrentHashMap.newKeySet();

  private static TestNode beforeAll;

  @BeforeAll
  static void remember(TestNode node) {
    beforeAll = node;
    PORTS_SEEN.add(node.port());
    assertThat(PORTS_SEEN).hasSize(1);
  }

  @Test
  @DisplayName("it is ready at its base URL, and a brand written with the writer token reads back as written")
  void writesAndReads(TestNode node) throws Exception {
    assertThat(Http.get(node.baseUrl() + "/health/ready", null).statusCode()).isEqualTo(200);
    String name = "Testkit " + UUID.randomUUID();

    HttpResponse<String> created = Http.post(node.baseUrl() + "/brands", node.writerToken(),
      new JsonObject().put("name", name).put("country", "NL"));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    JsonObject read = new JsonObject(Http.get(node.baseUrl() + location, null).body());
    assertThat(read.getString("name")).isEqualTo(name);
    assertThat(read.getString("country")).isEqualTo("NL");
  }

  @Test
  @DisplayName("a token for another role is refused for writes with 403; none at all with 401")
  void tokensCarryRoles(TestNode node) throws Exception {
    JsonObject brand = new JsonObject().put("name", "Refused " + UUID.randomUUID()).put("country", "NL");
    String reader = node.token("someone", List.of("reader"), 60);
    assertThat(Http.post(node.baseUrl() + "/brands", reader, brand).statusCode()).isEqualTo(403);
    assertThat(Http.post(node.baseUrl() + "/brands", null, brand).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("a test and its class's @BeforeAll are handed the same node, which runs every service on the embedded database")
  void sameNodeWithinAClass(TestNode node) {
    assertThat(node).isSameAs(beforeAll);
    assertThat(node.brandstats().embeddedDatabasePort()).isPresent();
    assertThat(node.config().getJsonObject("node").getJsonArray("services").getList())
      .containsExactly("gateway", "brand", "store", "product", "stats");
  }
}
