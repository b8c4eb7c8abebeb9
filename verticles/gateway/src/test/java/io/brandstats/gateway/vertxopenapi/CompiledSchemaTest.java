package io.brandstats.gateway.vertxopenapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.gateway.ContractLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compiled request-body schemas answer as the library does: each of many bodies, the contract's examples and them mutated
 * at random (wrong types, missing and extra fields, values at and beyond every bound, malformed dates, fractions
 * where integers belong, surrogate pairs), read strictly as the gateway reads them, passes the compiled schema
 * exactly when it passes the library's validator.
 */
@DisplayName("Compiled body schemas agree with the library on every body")
class CompiledSchemaTest {

  /** Values a mutation puts in place of another: every JSON type, and each bound of the contract and just past it. */
  private static final String[] VALUES = {"null", "true", "false", "0", "-1", "1", "2", "1.5", "2.0", "1e2", "0.01",
    "0.001", "249.9", "249.999", "100000", "100001", "2147483648", "9223372036854775807", "9223372036854775808",
    "9999999999.99", "9999999999.995", "10000000000", "-0.0", "\"\"", "\"x\"", "\"a b\"", "\"DE\"", "\"de\"",
    "\"EUR\"", "\"online\"", "\"retail\"", "\"active\"", "\"archived\"", "\"tents\"", "\"https://kestrel.example\"",
    "\"2026-11-24T10:15:00Z\"", "\"2026-11-24T10:15:00.123456789+01:00\"", "\"2026-02-30T10:15:00Z\"",
    "\"2026-11-24T24:00:00Z\"", "\"2026-11-24T23:59:60Z\"", "\"2026-11-24t10:15:00z\"", "\"2026-11-24T10:15:00\"",
    "\"2026-11-24T10:15:00+25:00\"", "\"2026-11-24 10:15:00Z\"", "\"2026-11-24T10:15:00+18:00\"",
    "\"2026-11-24T10:15:00-18:01\"", "\"2026-11-24T10:15:00+17:59\"", "\"2026-11-24T10:15:00+05:60\"",
    "\"2024-02-29T00:00:00Z\"", "\"2023-02-29T00:00:00Z\"", "\"2100-02-29T00:00:00Z\"", "\"2000-02-29T23:59:59Z\"",
    "\"0000-01-01T00:00:00Z\"", "\"2026-04-31T10:15:00Z\"", "\"2026-13-01T10:15:00Z\"", "\"2026-00-10T10:15:00Z\"",
    "\"2026-11-24T10:15:00.Z\"", "\"2026-11-24T10:15:00.123456789Z\"", "\"2026-11-24T10:15:00.1234567890Z\"",
    "\"2026-11-24T10:15:00.5-03:30\"", "\"2026-11-24T10:15:00+0100\"", "\"2026-11-24T10:15:00Z \"",
    "\"2026-11-24T10:15:60Z\"", "\"2026-11-24T10:60:00Z\"", "\"+2026-11-24T10:15:00Z\"", "\"2026-11-24T10:15:00z\"", "\"" + "e".repeat(64) + "\"",
    "\"" + "e".repeat(65) + "\"", "\"" + "\uD83D\uDE00".repeat(40) + "\"", "\"" + "n".repeat(200) + "\"",
    "\"till-7:0.1_2\"", "{}", "[]", "[1]", "{\"sales\":[]}"};

  private static Vertx vertx;
  private static OpenAPIContract contract;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    Buffer file = ContractLoader.read(vertx, "").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    contract = RouterContract.parse(vertx, file).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  @DisplayName("every request body the contract declares is compiled")
  void everyBodyCompiled() {
    assertThat(new CompiledBodies(contract).size()).isEqualTo(bodies().size());
  }

  @Test
  @DisplayName("valid bodies and 10,000 mutations of them get the library's verdict")
  void agreesWithTheLibrary() {
    CompiledBodies compiled = new CompiledBodies(contract);
    Random random = new Random(20261130);
    int valid = 0;
    int invalid = 0;
    for (MediaType body : bodies()) {
      List<Object> seeds = seeds(body);
      for (int i = 0; i < 10_000 / bodies().size(); i++) {
        Object seed = seeds.get(random.nextInt(seeds.size()));
        String text = mutated(seed, random, random.nextInt(3));
        Object decoded = StrictJson.decode(Buffer.buffer(text));
        boolean library = libraryPasses(body.getSchema(), decoded);

        assertThat(compiled.passes(body.getSchema(), decoded)).as("%s", text).isEqualTo(library);
        if (library) {
          valid++;
        } else {
          invalid++;
        }
      }
    }
    assertThat(valid).as("valid bodies among the mutations").isGreaterThan(2000);
    assertThat(invalid).as("invalid bodies among the mutations").isGreaterThan(2000);
  }

  @Test
  @DisplayName("a full batch of 1,000 sales passes, and fails when one sale of it is wrong")
  void fullBatch() {
    CompiledBodies compiled = new CompiledBodies(contract);
    MediaType sales = bodies().stream().filter(body -> seeds(body).stream()
      .anyMatch(seed -> seed instanceof JsonObject o && o.containsKey("sales"))).findFirst().orElseThrow();
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 1000; i++) {
      batch.add(new JsonObject().put("eventId", "till-" + i).put("productId", 1 + i % 7).put("storeId", 1 + i % 5)
        .put("quantity", 1 + i % 3).put("soldAt", "2026-11-24T10:15:00Z"));
    }
    Object good = StrictJson.decode(new JsonObject().put("sales", batch).toBuffer());
    batch.getJsonObject(999).put("quantity", 0);
    Object bad = StrictJson.decode(new JsonObject().put("sales", batch).toBuffer());

    assertThat(compiled.passes(sales.getSchema(), good)).isTrue().isEqualTo(libraryPasses(sales.getSchema(), good));
    assertThat(compiled.passes(sales.getSchema(), bad)).isFalse().isEqualTo(libraryPasses(sales.getSchema(), bad));
  }

  private static boolean libraryPasses(JsonSchema schema, Object body) {
    return contract.getSchemaRepository().validator(schema).validate(body).getValid();
  }

  private static List<MediaType> bodies() {
    List<MediaType> bodies = new ArrayList<>();
    for (Operation operation : contract.operations()) {
      if (operation.getRequestBody() != null) {
        operation.getRequestBody().getContent().values().stream().filter(type -> type.getSchema() != null)
          .forEach(bodies::add);
      }
    }
    return bodies;
  }

  /** The contract's own example of a body (media types are told apart by identity). */
  private static Object example(MediaType body) {
    for (Operation operation : contract.operations()) {
      if (operation.getRequestBody() != null) {
        for (var declared : operation.getRequestBody().getContent().entrySet()) {
          if (declared.getValue() == body) {
            return contract.getRawContract().getJsonObject("paths").getJsonObject(operation.getOpenAPIPath())
              .getJsonObject(operation.getHttpMethod().name().toLowerCase()).getJsonObject("requestBody")
              .getJsonObject("content").getJsonObject(declared.getKey()).getValue("example");
          }
        }
      }
    }
    throw new IllegalStateException("no example");
  }

  /** The contract's own example of the body, and for sales a single sale and a small batch too. */
  private static List<Object> seeds(MediaType body) {
    List<Object> seeds = new ArrayList<>();
    // The resolved contract marks each example with the library's __absolute_uri__; a client sends none.
    JsonObject example = ((JsonObject) example(body)).copy();
    example.remove("__absolute_uri__");
    seeds.add(example);
    if (example.containsKey("sales")) {
      JsonObject sale = example.getJsonArray("sales").getJsonObject(0);
      seeds.add(sale.copy());
      seeds.add(sale.copy().put("unitPrice", 249.9));
      seeds.add(new JsonObject().put("sales", new JsonArray().add(sale.copy()).add(sale.copy().put("eventId", "b-2"))));
    }
    return seeds;
  }

  /** The seed as JSON text with some of its values replaced, fields removed or fields added, at random. */
  private static String mutated(Object seed, Random random, int mutations) {
    Object copy = seed instanceof JsonObject o ? o.copy() : seed;
    for (int i = 0; i < mutations; i++) {
      copy = mutate(copy, random);
    }
    return Json.encode(copy);
  }

  private static Object mutate(Object value, Random random) {
    if (value instanceof JsonObject object && !object.isEmpty() && random.nextInt(4) > 0) {
      List<String> names = new ArrayList<>(object.fieldNames());
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(5)) {
        case 0 -> object.remove(name);
        case 1 -> object.put("extra" + random.nextInt(3), literal(random));
        default -> object.put(name, mutate(object.getValue(name), random));
      }
      return object;
    }
    if (value instanceof JsonArray array && !array.isEmpty() && random.nextInt(4) > 0) {
      int i = random.nextInt(array.size());
      if (random.nextBoolean()) {
        array.add(array.getValue(i) instanceof JsonObject o ? o.copy() : array.getValue(i));
      } else {
        array.set(i, mutate(array.getValue(i), random));
      }
      return array;
    }
    return literal(random);
  }

  /** One of VALUES as the JSON the gateway would read (so 2.0 stays a fraction and 1e2 an exponent). */
  private static Object literal(Random random) {
    return StrictJson.decode(Buffer.buffer(VALUES[random.nextInt(VALUES.length)]));
  }
}
