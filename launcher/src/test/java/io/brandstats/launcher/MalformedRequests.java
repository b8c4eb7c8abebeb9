package io.brandstats.launcher;

import io.brandstats.launcher.ContractOperations.Operation;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Malformed requests for one contract operation, derived from its parameters and body schema: every value the
 * schema refuses (see {@link MalformedValues}) in every parameter and body field, missing and unknown fields,
 * other JSON types, repeated parameters, broken percent-encodings, other media types, JSON that is not strict,
 * bodies too deep or too large; and, from a seeded random, combinations of them and random bytes. Each request is
 * otherwise valid (existing path ids, a writer's token), so what is refused is refused for what was malformed.
 */
final class MalformedRequests {

  /** One request and why it is malformed. */
  record Request(String operationId, HttpMethod method, String uri, MultiMap headers, Buffer body, String why) {
  }

  /** One change of a valid body that makes it one the contract refuses. */
  private record Mutation(String why, UnaryOperator<Object> change) {
  }

  private static final List<String> MEDIA_TYPES = List.of("text/plain", "application/jsonx", "application/json-seq",
    "application/json-patch+json", "application/json; charset=utf-16", "application/json; charset=iso-8859-1",
    "application/json, text/plain", "application/json; profile=x", "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x", "json", "application/", "*/*");
  private static final List<String> BAD_ESCAPES = List.of("%zz", "%", "%4", "%C3%28", "%FF", "%C0%AF", "%ED%A0%80");

  private final ContractOperations contract;
  private final Map<String, Long> ids;
  private final String authorization;
  private final Random random;

  /**
   * @param ids an existing entity's id for each collection a path names ({@code brands}, {@code stores}, {@code products})
   * @param random the run's seeded random
   */
  MalformedRequests(ContractOperations contract, Map<String, Long> ids, String authorization, Random random) {
    this.contract = contract;
    this.ids = ids;
    this.authorization = authorization;
    this.random = random;
  }

  /** Every malformed variant of the operation the contract lets us derive, in a fixed order. */
  List<Request> all(Operation op) {
    List<Request> requests = new ArrayList<>();
    String path = path(op, null);
    for (String escape : BAD_ESCAPES) {
      requests.add(request(op, path + "?x=" + escape, "application/json", example(op), "query escape " + escape));
    }
    for (JsonObject parameter : op.parameters("path")) {
      List<String> values = new ArrayList<>(refusedTexts(parameter.getJsonObject("schema")));
      values.remove(""); // no id at all is another path (the list's), not a malformed id
      String id = String.valueOf(id(op));
      values.addAll(List.of(id + " ", " " + id, id + "\t", "\n" + id, id + "\u0000", id + "/"));
      for (String value : values) {
        requests.add(request(op, path(op, encode(value)), "application/json", example(op), "path id '" + value + "'"));
      }
    }
    for (JsonObject parameter : op.parameters("query")) {
      String name = parameter.getString("name");
      JsonObject schema = parameter.getJsonObject("schema");
      for (String value : refusedTexts(schema)) {
        requests.add(request(op, path + "?" + name + "=" + encode(value), null, null, "query " + name + "='" + value + "'"));
      }
      String valid = encode(validText(schema));
      requests.add(request(op, path + "?" + name + "=" + valid + "&" + name + "=" + valid, null, null, "query " + name + " twice"));
    }
    if (op.bodySchema() != null) {
      String json = Json.encode(op.bodyExample());
      for (String type : MEDIA_TYPES) {
        requests.add(request(op, path, type, Buffer.buffer(json), "media type " + type));
      }
      requests.add(request(op, path, null, Buffer.buffer(json), "no media type"));
      MultiMap twice = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json").add("Content-Type", "application/json");
      requests.add(new Request(op.operationId(), op.method(), path, headers(twice), Buffer.buffer(json), "two Content-Types"));
      for (Map.Entry<String, Buffer> syntax : BodySyntax.malformed(json).entrySet()) {
        requests.add(request(op, path, "application/json", syntax.getValue(), "body " + syntax.getKey()));
      }
      for (Mutation mutation : mutations(op)) {
        requests.add(body(op, mutation.why(), mutation.change().apply(copy(op.bodyExample()))));
      }
    }
    return requests;
  }

  /** One seeded random variant: a few body mutations at once, random bytes as a body, or a random parameter text. */
  Request random(Operation op) {
    int kind = random.nextInt(op.bodySchema() != null ? 3 : 1);
    if (kind == 0) {
      List<JsonObject> parameters = op.parameters();
      if (!parameters.isEmpty()) {
        JsonObject parameter = parameters.get(random.nextInt(parameters.size()));
        String text = BodySyntax.randomText(random);
        if (!MalformedValues.acceptsText(parameter.getJsonObject("schema"), text)
          && !(text.isEmpty() && "path".equals(parameter.getString("in")))) {
          String name = parameter.getString("name");
          boolean inPath = "path".equals(parameter.getString("in"));
          String uri = inPath ? path(op, encode(text)) : path(op, null) + "?" + name + "=" + encode(text);
          return request(op, uri, "application/json", example(op), "random " + name);
        }
      }
      return request(op, path(op, null) + "?x=%" + (char) ('g' + random.nextInt(20)), "application/json", example(op),
        "random escape");
    }
    if (kind == 1) {
      return request(op, path(op, null), "application/json", Buffer.buffer(BodySyntax.randomBytes(random)), "random bytes");
    }
    List<Mutation> mutations = mutations(op);
    Object body = copy(op.bodyExample());
    StringBuilder why = new StringBuilder("random");
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      Mutation mutation = mutations.get(random.nextInt(mutations.size()));
      body = mutation.change().apply(body);
      why.append(" + ").append(mutation.why());
    }
    return body(op, why.toString(), body);
  }

  private List<Mutation> mutations(Operation op) {
    List<Mutation> mutations = new ArrayList<>();
    for (Object root : List.of(new JsonArray(), "x", 1, Boolean.FALSE, "")) {
      mutations.add(new Mutation("body " + Json.encode(root), body -> root));
    }
    JsonObject schema = op.bodySchema();
    if (schema.containsKey("oneOf")) {
      for (Object branch : schema.getJsonArray("oneOf")) {
        JsonObject resolved = contract.resolve((JsonObject) branch);
        Object base = BodyMutations.shapedLike(op.bodyExample(), resolved);
        BodyMutations.of(contract, resolved, base, List.of(), (why, change) ->
          mutations.add(new Mutation(why, body -> change.apply(copy(base)))));
      }
    } else {
      BodyMutations.of(contract, schema, op.bodyExample(), List.of(), (why, change) -> mutations.add(new Mutation(why, change)));
    }
    return mutations;
  }

  private List<String> refusedTexts(JsonObject schema) {
    List<String> refused = new ArrayList<>();
    List<String> candidates = new ArrayList<>(MalformedValues.TEXTS);
    if (schema.containsKey("maxLength")) {
      candidates.add("A".repeat(schema.getInteger("maxLength") + 1));
    }
    for (String bound : List.of("minimum", "maximum")) {
      if (schema.containsKey(bound)) {
        BigInteger limit = new BigInteger(schema.getValue(bound).toString());
        candidates.addAll(List.of(limit.subtract(BigInteger.ONE).toString(), limit.add(BigInteger.ONE).toString()));
      }
    }
    for (String candidate : candidates) {
      if (!MalformedValues.acceptsText(schema, candidate) && !refused.contains(candidate)) {
        refused.add(candidate);
      }
    }
    return refused;
  }

  /** A text the parameter's schema accepts: its default, first enum value or example, else one made for its type. */
  private static String validText(JsonObject schema) {
    Object value = schema.containsKey("default") ? schema.getValue("default")
      : schema.containsKey("enum") ? schema.getJsonArray("enum").getValue(0)
      : schema.containsKey("examples") ? schema.getJsonArray("examples").getValue(0)
      : "integer".equals(schema.getString("type")) ? schema.getValue("minimum", 1)
      : "date".equals(schema.getString("format")) ? "2026-01-01"
      : "date-time".equals(schema.getString("format")) ? "2026-01-01T00:00:00Z" : "Trail";
    return String.valueOf(value);
  }

  private long id(Operation op) {
    String collection = op.path().replace("/stats", "").split("/")[1];
    return ids.get(collection);
  }

  /** The operation's path with its id: the given (encoded) one, or an existing entity's. */
  private String path(Operation op, String encodedId) {
    return op.path().contains("{id}") ? op.path().replace("{id}", encodedId != null ? encodedId : String.valueOf(id(op)))
      : op.path();
  }

  private Buffer example(Operation op) {
    return op.bodyExample() == null ? null : Buffer.buffer(Json.encode(op.bodyExample()));
  }

  private Request body(Operation op, String why, Object body) {
    String text = body instanceof String s && s.isEmpty() ? "" : Json.encode(body);
    return request(op, path(op, null), "application/json", Buffer.buffer(text), why);
  }

  private Request request(Operation op, String uri, String contentType, Buffer body, String why) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (contentType != null && body != null) {
      headers.add("Content-Type", contentType);
    }
    return new Request(op.operationId(), op.method(), uri, headers(headers), op.bodySchema() == null ? null : body, why);
  }

  private MultiMap headers(MultiMap headers) {
    return headers.add("Authorization", authorization);
  }

  private static Object copy(Object json) {
    return json instanceof JsonObject object ? object.copy() : json instanceof JsonArray array ? array.copy() : json;
  }

  /** Percent-encodes every byte of the UTF-8 text but letters and digits. */
  static String encode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (c < 0x80 && Character.isLetterOrDigit(c)) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return encoded.toString();
  }
}
