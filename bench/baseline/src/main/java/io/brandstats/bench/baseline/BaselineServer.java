package io.brandstats.bench.baseline;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The benchmark's baseline: the least a Vert.x 5 server must do to answer {@code GET /brands/{id}},
 * {@code GET /brands?limit=N} and {@code POST /brands} with the brand service's own statements
 * (copied from BrandSql) against the same {@code brand} database. No contract, no validation beyond
 * what the statements need, no event bus: HTTP in, one prepared statement, JSON out.
 *
 * <pre>java -jar brandstats-baseline.jar --port 18280 --db-port 3306 [--db-host 127.0.0.1] [--database brand]
 *      [--pool-size 8] [--instances N]</pre>
 *
 * Defaults: the brand service's own pool settings (8 connections, pipelining 256, cached prepared
 * statements) and one HTTP verticle per core, as the Brandstats gateway deploys.
 */
public final class BaselineServer extends VerticleBase {

  // --- copied verbatim from verticles/brand/src/main/java/io/brandstats/brand/BrandSql.java ---
  private static final String COLUMNS = "id, name, country, website, status, created_at, updated_at, version";
  static final String LIST = "SELECT " + COLUMNS + " FROM brand"
    + " WHERE id > ?"
    + " AND (? IS NULL OR country = ?)"
    + " AND (? IS NULL OR status = ?)"
    + " AND (? IS NULL OR name LIKE ?)"
    + " ORDER BY id LIMIT ?";
  static final String BY_ID = "SELECT " + COLUMNS + " FROM brand WHERE id = ?";
  static final String INSERT = "INSERT INTO brand (name, country, website, status, created_at, updated_at, version)"
    + " VALUES (?, ?, ?, 'active', ?, ?, 1)";
  // --- end of copy ---

  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static Pool pool;

  private final int port;

  private BaselineServer(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = intArg(args, "--port", 18280);
    String dbHost = arg(args, "--db-host", "127.0.0.1");
    int dbPort = intArg(args, "--db-port", 3306);
    String database = arg(args, "--database", "brand");
    int poolSize = intArg(args, "--pool-size", 8);
    String password = passwordFrom(arg(args, "--db-password-file", ""));
    int instances = intArg(args, "--instances", Runtime.getRuntime().availableProcessors());

    Vertx vertx = Vertx.vertx();
    pool = MySQLBuilder.pool()
      .with(new PoolOptions().setMaxSize(poolSize).setName("baseline-pool"))
      .connectingTo(new MySQLConnectOptions().setHost(dbHost).setPort(dbPort).setDatabase(database)
        .setUser("root").setPassword(password).setCharset("utf8mb4")
        .setCachePreparedStatements(true).setPipeliningLimit(256))
      .using(vertx)
      .build();
    pool.query("SELECT 1").execute()
      .compose(ok -> vertx.deployVerticle(() -> new BaselineServer(port), new DeploymentOptions().setInstances(instances)))
      .onSuccess(id -> System.out.println("baseline ready on http://127.0.0.1:" + port + " (" + instances
        + " instances, pool " + poolSize + ", db " + dbHost + ":" + dbPort + "/" + database + ")"))
      .onFailure(failure -> {
        failure.printStackTrace();
        System.exit(1);
      });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
      .requestHandler(this::handle)
      .listen();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    switch (request.method().name()) {
      case "GET" -> {
        if (path.equals("/brands")) {
          list(request);
        } else if (path.startsWith("/brands/")) {
          byId(request, path.substring("/brands/".length()));
        } else if (path.equals("/health")) {
          request.response().end("ok");
        } else {
          request.response().setStatusCode(404).end();
        }
      }
      case "POST" -> {
        if (path.equals("/brands")) {
          request.body().onSuccess(body -> create(request, body.toJsonObject()))
            .onFailure(failure -> request.response().setStatusCode(400).end());
        } else {
          request.response().setStatusCode(404).end();
        }
      }
      default -> request.response().setStatusCode(405).end();
    }
  }

  private void byId(HttpServerRequest request, String idText) {
    long id;
    try {
      id = Long.parseLong(idText);
    } catch (NumberFormatException bad) {
      request.response().setStatusCode(400).end();
      return;
    }
    pool.preparedQuery(BY_ID).execute(Tuple.of(id)).onComplete(done -> {
      HttpServerResponse response = request.response();
      if (done.failed()) {
        response.setStatusCode(500).end();
      } else if (done.result().size() == 0) {
        response.setStatusCode(404).end();
      } else {
        JsonObject brand = from(done.result().iterator().next());
        response.putHeader(HttpHeaders.ETAG, "\"" + brand.getLong("version") + "\"")
          .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
          .end(brand.toBuffer());
      }
    });
  }

  private void list(HttpServerRequest request) {
    String limitText = request.getParam("limit");
    int limit = limitText == null ? 20 : Integer.parseInt(limitText);
    long after = cursor(request.getParam("cursor"));
    Tuple params = Tuple.of(after, null, null, null, null, null, null, limit + 1);
    pool.preparedQuery(LIST).execute(params).onComplete(done -> {
      if (done.failed()) {
        request.response().setStatusCode(500).end();
        return;
      }
      JsonArray items = new JsonArray();
      long lastId = 0;
      String next = null;
      for (Row row : done.result()) {
        if (items.size() == limit) {
          next = "/brands?limit=" + limit + "&cursor=" + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(("id:" + lastId).getBytes(StandardCharsets.UTF_8));
          break;
        }
        items.add(from(row));
        lastId = row.getLong("id");
      }
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(new JsonObject().put("items", items).put("next", next).toBuffer());
    });
  }

  private void create(HttpServerRequest request, JsonObject body) {
    String name = body.getString("name");
    String country = body.getString("country");
    if (name == null || name.isEmpty() || country == null || country.length() != 2) {
      request.response().setStatusCode(400).end();
      return;
    }
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    String website = body.getString("website");
    pool.preparedQuery(INSERT).execute(Tuple.of(name, country, website, now, now)).onComplete(done -> {
      HttpServerResponse response = request.response();
      if (done.failed()) {
        // a taken name is a duplicate-key error: 409, as the brand service answers
        response.setStatusCode(done.cause().getMessage().contains("Duplicate") ? 409 : 500).end();
        return;
      }
      long id = done.result().property(MySQLClient.LAST_INSERTED_ID);
      String at = now.toInstant(ZoneOffset.UTC).toString();
      JsonObject created = new JsonObject().put("name", name).put("country", country).put("website", website)
        .put("id", id).put("status", "active").put("createdAt", at).put("updatedAt", at).put("version", 1L);
      response.setStatusCode(201)
        .putHeader(HttpHeaders.LOCATION, "/brands/" + id)
        .putHeader(HttpHeaders.ETAG, "\"1\"")
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(created.toBuffer());
    });
  }

  private static long cursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    return Long.parseLong(text.substring("id:".length()));
  }

  /** The brand's API shape, as BrandSql.from maps it. */
  private static JsonObject from(Row row) {
    return new JsonObject()
      .put("id", row.getLong("id"))
      .put("name", row.getString("name"))
      .put("country", row.getString("country"))
      .put("website", row.getString("website"))
      .put("status", row.getString("status"))
      .put("createdAt", row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC).toString())
      .put("updatedAt", row.getLocalDateTime("updated_at").toInstant(ZoneOffset.UTC).toString())
      .put("version", row.getLong("version"));
  }

  /** Root's password from the node's data folder (mariadb-root.key); none when no file is named. */
  private static String passwordFrom(String file) {
    try {
      return file.isEmpty() ? "" : Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the database password from " + file, e);
    }
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static int intArg(String[] args, String name, int fallback) {
    return Integer.parseInt(arg(args, name, Integer.toString(fallback)));
  }
}
