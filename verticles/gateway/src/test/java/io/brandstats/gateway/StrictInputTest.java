package io.brandstats.gateway;

import static io.brandstats.gateway.ProblemAssertions.assertNames;
import static io.brandstats.gateway.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where the contract's libraries are lenient, the gateway is not. The brand service answers here (it echoes what
 * it received), so an accepted request is a 200 or 201 with what arrived; the services of sales and products run
 * nowhere, so a request of theirs the gateway let through would be a 503: each refusal below is the gateway's own.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Bad input is refused at the gateway with a 4xx naming what is wrong, whatever the libraries let through")
class StrictInputTest {

  private static final String BRAND = "{\"name\":\"Northwind\",\"country\":\"DE\"}";

  private static TestGateway gateway;
  private static String writer;

  @BeforeAll
  static void deploy(Vertx vertx) {
    FakeBrandService.bind(vertx);
    gateway = TestGateway.deploy(vertx, TestGateway.config(), List.of("brand", "product", "stats"));
    writer = gateway.bearer(List.of("writer"));
  }

  private static TestGateway.Reply createBrand(MultiMap headers, Buffer body) {
    return gateway.send(HttpMethod.POST, "/brands", headers.add("Authorization", writer), body);
  }

  private static TestGateway.Reply post(String uri, Object json) {
    return gateway.sendJson(HttpMethod.POST, uri, writer, json.toString());
  }

  private static MultiMap contentType(String... values) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (String value : values) {
      headers.add("Content-Type", value);
    }
    return headers;
  }

  @TestFactory
  @DisplayName("JSON bodies are application/json in any letter case, with no parameter but charset=utf-8")
  Stream<DynamicTest> acceptedMediaTypes() {
    return Stream.of("application/json", "application/JSON", "Application/Json; charset=UTF-8",
        "application/json;charset=\"utf-8\"", "application/json ; charset=utf-8")
      .map(type -> DynamicTest.dynamicTest(type, () -> {
        TestGateway.Reply created = createBrand(contentType(type), Buffer.buffer(BRAND));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().getJsonObject("received").getJsonObject("body").getString("name")).isEqualTo("Northwind");
      }));
  }

  @TestFactory
  @DisplayName("any other media type, a list of them, or none is a 415 problem")
  Stream<DynamicTest> refusedMediaTypes() {
    return Stream.of(List.of("application/jsonx"), List.of("application/json-seq"), List.of("application/json-patch+json"),
        List.of("application/json; charset=utf-16"), List.of("application/json, text/plain"),
        List.of("application/json; profile=x"), List.of("text/plain"), List.of("application/json", "application/json"),
        List.<String>of())
      .map(types -> DynamicTest.dynamicTest(types.isEmpty() ? "no Content-Type" : String.join(" + ", types), () ->
        assertProblem(createBrand(contentType(types.toArray(String[]::new)), Buffer.buffer(BRAND)), 415)));
  }

  @TestFactory
  @DisplayName("a body that is not strict RFC 8259 JSON is a 400 on the whole body saying why")
  Stream<DynamicTest> strictJson() {
    byte[] utf16 = BRAND.getBytes(StandardCharsets.UTF_16BE);
    byte[] withBom = ("\uFEFF" + BRAND).getBytes(StandardCharsets.UTF_8);
    return Stream.of(
        new Object[] {"a comment before it", Buffer.buffer("/* c */ " + BRAND), "not well-formed"},
        new Object[] {"a comment inside it", Buffer.buffer("{\"name\":\"Northwind\", // c\n\"country\":\"DE\"}"), "not well-formed"},
        new Object[] {"a key given twice", Buffer.buffer("{\"name\":\"A\",\"name\":\"Northwind\",\"country\":\"DE\"}"),
          "\"name\" more than once"},
        new Object[] {"more after the value", Buffer.buffer(BRAND + " {}"), "more after"},
        new Object[] {"UTF-16", Buffer.buffer(utf16), "not UTF-8"},
        new Object[] {"a byte order mark", Buffer.buffer(withBom), "not UTF-8"},
        new Object[] {"nested 100 levels deep", Buffer.buffer("{\"name\":" + "[".repeat(100) + "]".repeat(100) + "}"),
          "nested more than"},
        new Object[] {"a number with an absurd exponent", Buffer.buffer("{\"name\":\"A\",\"country\":\"DE\",\"x\":1e999999999}"),
          "out of range"})
      .map(row -> DynamicTest.dynamicTest((String) row[0], () -> {
        JsonObject problem = assertProblem(createBrand(contentType("application/json"), (Buffer) row[1]), 400);
        assertNames(problem, "body", "");
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("detail")).contains((String) row[2]);
      }));
  }

  @Test
  @DisplayName("an integer parameter is digits: 1e2, 5.0, +5 and 0x10 are 400 naming it; leading zeros are the number")
  void integersAreDigits() {
    for (String limit : List.of("1e2", "5.0", "+5", "0x10", "5%20", "%205")) {
      assertNames(assertProblem(gateway.get("/brands?limit=" + limit), 400), "query", "limit");
    }
    assertThat(gateway.get("/brands?limit=007").json().getJsonObject("received").getJsonObject("query").getValue("limit"))
      .isEqualTo(7);
  }

  @Test
  @DisplayName("a parameter given twice is a 400 naming it, whatever the values")
  void repeatedParameter() {
    JsonObject problem = assertProblem(gateway.get("/brands?limit=2&limit=zz"), 400);
    assertNames(problem, "query", "limit");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("detail")).contains("more than once");
    assertNames(assertProblem(gateway.get("/brands?country=DE&country=DE"), 400), "query", "country");
  }

  @Test
  @DisplayName("a URL whose percent-encoding is no UTF-8 is a 400; UTF-8 text is read as sent")
  void percentEncodedUtf8() {
    assertNames(assertProblem(gateway.get("/brands?q=%C3%28"), 400), "query", "");
    assertNames(assertProblem(gateway.get("/brands?q=%FF"), 400), "query", "");
    assertNames(assertProblem(gateway.get("/brands/%C0%AF1"), 400), "path", "");
    assertThat(gateway.get("/brands?q=caf%C3%A9").json().getJsonObject("received").getJsonObject("query").getString("q"))
      .isEqualTo("café");
  }

  @TestFactory
  @DisplayName("a path id with whitespace around it is a 400 on every method, never the entity")
  Stream<DynamicTest> idsWithWhitespace() {
    return Stream.of("2%20", "%202", "2%09", "%0A2", "2%00").flatMap(id -> Stream.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE)
      .map(method -> DynamicTest.dynamicTest(method + " /brands/" + id, () -> {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", writer);
        Buffer body = null;
        if (method == HttpMethod.PUT) {
          headers.add("Content-Type", "application/json");
          body = Buffer.buffer(BRAND);
        }
        assertNames(assertProblem(gateway.send(method, "/brands/" + id, headers, body), 400), "path", "id");
      })));
  }

  @Test
  @DisplayName("an id past 64 bits or not whole is a 400, in a path, a query or a body")
  void idsFitInt64() {
    assertNames(assertProblem(gateway.get("/brands/9223372036854775808"), 400), "path", "id");
    assertNames(assertProblem(gateway.get("/products?brandId=99999999999999999999"), 400), "query", "brandId");
    JsonObject product = new JsonObject().put("sku", "NW-1").put("name", "Tent").put("category", "tents")
      .put("price", 10).put("currency", "EUR");
    for (String brandId : List.of("1.0", "1e0", "9223372036854775808", "1e30")) {
      String body = product.encode().replace("{", "{\"brandId\":" + brandId + ",");
      assertNames(assertProblem(post("/products", body), 400), "body", "/brandId");
    }
  }

  @Test
  @DisplayName("a price is a number of cents: a fraction of a cent is a 400 naming it")
  void pricesInCents() {
    JsonObject product = new JsonObject().put("brandId", 1).put("sku", "NW-1").put("name", "Tent").put("category", "tents")
      .put("currency", "EUR");
    assertNames(assertProblem(post("/products", product.copy().put("price", 1.005)), 400), "body", "/price");
    JsonObject sale = sale("e-1").put("unitPrice", 0.001);
    assertNames(assertProblem(post("/sales", new JsonObject().put("sales", new JsonArray().add(sale))), 400),
      "body", "/sales/0/unitPrice");
  }

  @TestFactory
  @DisplayName("a name is printable text: made of NUL or zero-width characters, with a control character or a space at an end, it is a 400")
  Stream<DynamicTest> namesArePrintable() {
    return Stream.of("\u0000", "\u0000\u0000", "\u200B", "\u200B\u200C\u200D", "\uFEFF", "Acme\u0007", "A\u2028B",
        "\u00A0Acme", "Acme\u3000", "\u202EAcme", "\uD800")
      .map(name -> DynamicTest.dynamicTest(name.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString(), () -> {
        // Every character escaped, as a client may send it: a lone surrogate has no UTF-8 form of its own.
        String escaped = name.chars().mapToObj(c -> String.format("\\u%04x", c)).reduce("", String::concat);
        String body = "{\"name\":\"" + escaped + "\",\"country\":\"DE\"}";
        assertNames(assertProblem(createBrand(contentType("application/json"), Buffer.buffer(body)), 400), "body", "/name");
      }));
  }

  @Test
  @DisplayName("letters of any script, symbols and inner spaces are printable names")
  void printableNames() {
    for (String name : List.of("Café Zürich", "Ørsted & Søn", "北京 Outdoor", "Trail 😀 Co", "A")) {
      String body = new JsonObject().put("name", name).put("country", "DE").encode();
      TestGateway.Reply created = createBrand(contentType("application/json"), Buffer.buffer(body));
      assertThat(created.status()).as(name + ": " + created.text()).isEqualTo(201);
    }
  }

  @Test
  @DisplayName("a date-time without its offset is a 400 naming the parameter or the field")
  void dateTimesHaveOffsets() {
    assertNames(assertProblem(gateway.get("/sales?from=2026-11-24T10:15:00"), 400), "query", "from");
    assertNames(assertProblem(gateway.get("/sales?to=2026-11-24T10:15:00"), 400), "query", "to");
    assertNames(assertProblem(gateway.get("/sales?from=2026-02-30T10:15:00Z"), 400), "query", "from");
    JsonObject batch = new JsonObject().put("sales", new JsonArray().add(sale("e-1").put("soldAt", "2026-11-24T10:15:00")));
    assertThat(assertProblem(post("/sales", batch), 400).getJsonArray("errors")).hasSize(1);
    assertNames(assertProblem(post("/sales", batch), 400), "body", "/sales/0/soldAt");
    assertNames(assertProblem(post("/sales", sale("e-2").put("soldAt", "2026-11-24 10:15:00Z")), 400), "body", "/soldAt");
  }

  @Test
  @DisplayName("one bad sale in a batch is reported at its place alone, not as a single sale missing its fields")
  void oneOfReportsTheMeantShape() {
    JsonObject batch = new JsonObject().put("sales", new JsonArray().add(sale("e-1")).add(sale("e-2").put("quantity", 0)));
    JsonArray errors = assertProblem(post("/sales", batch), 400).getJsonArray("errors");
    assertThat(errors).hasSize(1);
    assertNames(new JsonObject().put("errors", errors), "body", "/sales/1/quantity");

    JsonArray single = assertProblem(post("/sales", sale("e-3").put("quantity", 0).put("colour", "red")), 400)
      .getJsonArray("errors");
    assertThat(single.stream().map(error -> ((JsonObject) error).getString("field")))
      .containsExactlyInAnyOrder("/quantity", "/colour");
  }

  private static JsonObject sale(String eventId) {
    return new JsonObject().put("eventId", eventId).put("productId", 1).put("storeId", 1).put("quantity", 2)
      .put("soldAt", "2026-11-24T10:15:00Z");
  }
}
