package io.brandstats.node;

import io.brandstats.common.auth.JwtKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty installation with a catalogue and 400 days of sales through the public API (POST /sales in
 * batches, as a till would), so the dashboard tells a story on first start: a weekly pattern, a summer season,
 * year-over-year growth, brands that grow and decline, products launched and discontinued ({@link DemoShape}).
 * Deterministic for a seed. Runs on the starting thread after the node is up (it waits on futures,
 * never on an event loop).
 */
public final class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  private static final int BRANDS = 20;
  private static final int PRODUCTS = 300;
  private static final int STORES = 40;
  /** The full demo, on an average day (see {@link DemoShape} for how days differ). */
  public static final int SALES_PER_DAY = 400;

  private static final int BATCH = 1000;
  private static final int IN_FLIGHT = 4;

  private static final String[] BRAND_WORDS = {"Northwind", "Alpine", "Harbor", "Summit", "Cedar", "Lumen", "Vista",
    "Pioneer", "Atlas", "Meridian", "Boreal", "Coastal", "Granite", "Willow", "Ember", "Solstice", "Tundra",
    "Riverside", "Aurora", "Falcon"};
  private static final String[] COUNTRIES = {"DE", "FR", "NL", "SE", "IT", "ES", "AT", "DK"};
  private static final String[] CITIES = {"Berlin", "Hamburg", "Munich", "Paris", "Lyon", "Amsterdam", "Rotterdam",
    "Stockholm", "Milan", "Madrid", "Vienna", "Copenhagen"};
  private static final String[] CATEGORIES = {"tents", "backpacks", "jackets", "boots", "stoves", "sleeping-bags"};

  private static final int ATTEMPTS = 10;

  private final int salesPerDay;
  private final Vertx vertx;
  private final WebClient client;
  private final Random random;
  private final long seed;
  private final String authorization;

  /**
   * An installation with salesPerDay on an average day ({@link #SALES_PER_DAY} for the full demo). The loader
   * writes with a token of the node's own (writer, and service so that it is not throttled like one very busy client).
   */
  public DemoData(Brandstats node, long seed, int salesPerDay) {
    this.salesPerDay = salesPerDay;
    this.vertx = node.vertx();
    this.authorization = "Bearer " + node.mintToken("brandstats-demo", List.of("writer", JwtKeys.SERVICE_ROLE), 3600);
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port()));
    this.random = new Random(seed);
    this.seed = seed;
  }

  /** Fills the installation; refuses (false) when it already has brands, unless forced. */
  public boolean fill(boolean force) {
    JsonArray existing = get("/brands?limit=1").getJsonArray("items");
    if (!existing.isEmpty() && !force) {
      LOG.warn("Demo data not loaded: this installation already has brands (use --demo-force to add anyway)");
      return false;
    }
    long started = System.nanoTime();
    List<Long> brands = new ArrayList<>();
    for (int i = 0; i < BRANDS; i++) {
      brands.add(create("/brands", new JsonObject().put("name", BRAND_WORDS[i] + " Outdoor" + suffix())
        .put("country", COUNTRIES[i % COUNTRIES.length]).put("website", "https://" + BRAND_WORDS[i].toLowerCase() + ".example")));
    }
    List<Long> stores = new ArrayList<>();
    for (int i = 0; i < STORES; i++) {
      String city = CITIES[i % CITIES.length];
      stores.add(create("/stores", new JsonObject().put("code", "ST-" + seed + "-" + i).put("name", city + " " + (i + 1))
        .put("city", city).put("country", COUNTRIES[i % COUNTRIES.length]).put("channel", i % 5 == 0 ? "online" : "retail")));
    }
    List<long[]> products = new ArrayList<>(); // {productId, brandIndex}
    for (int i = 0; i < PRODUCTS; i++) {
      int brand = i % BRANDS;
      String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      double price = Math.round((10 + random.nextDouble() * 490) * 100) / 100.0;
      products.add(new long[] {create("/products", new JsonObject().put("brandId", brands.get(brand))
        .put("sku", "DEMO-" + seed + "-" + i).put("name", BRAND_WORDS[brand] + " " + category + " " + (i / BRANDS + 1))
        .put("category", category).put("price", price).put("currency", "EUR")), brand});
    }
    LOG.info("Demo catalogue: {} brands, {} stores, {} products", BRANDS, STORES, PRODUCTS);
    LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(DemoShape.DAYS);
    DemoShape shape = new DemoShape(random, BRANDS, PRODUCTS, first);
    // The summary's days are the reporting zone's: one day more on each side covers any zone's offset.
    String window = "/stats/summary?from=" + first.minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1);
    long before = orders(window);
    long sent = sales(products, stores, shape, first);
    awaitCounted(window, before + sent);
    for (int p : shape.discontinued()) { // after their last sale: discontinued products are archived
      ok(client.delete("/products/" + products.get(p)[0]).putHeader("Authorization", authorization).send().await(), "/products");
    }
    LOG.info("Demo data loaded: {} sales over {} days ({} products launched or discontinued meanwhile) in {} s", sent,
      DemoShape.DAYS, shape.changedProducts(), (System.nanoTime() - started) / 1_000_000_000);
    return true;
  }

  private long orders(String summary) {
    return get(summary).getJsonObject("totals").getLong("orders");
  }

  /**
   * Statistics count accepted sales once the stats service has folded them into its rollups (within about a
   * second, longer for a whole demo on a busy machine): the demo is ready when they count all of its sales.
   */
  private void awaitCounted(String summary, long orders) {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (orders(summary) < orders && System.nanoTime() < deadline) {
      vertx.timer(200).await();
    }
  }

  /** Days before today (UTC) only, so no sale is in the future whatever the time of day the demo is loaded. */
  private long sales(List<long[]> products, List<Long> stores, DemoShape shape, LocalDate first) {
    long eventNo = 0;
    long total = 0;
    for (int t = 0; t < DemoShape.DAYS; t++) {
      total += salesOn(shape, first.plusDays(t), t);
    }
    int lastTenth = 0;
    List<Future<?>> inFlight = new ArrayList<>();
    JsonArray batch = new JsonArray();
    for (int t = 0; t < DemoShape.DAYS; t++) {
      LocalDate day = first.plusDays(t);
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      for (int n = 0, sales = salesOn(shape, day, t); n < sales; n++) {
        long[] product = pick(products, shape, t);
        batch.add(new JsonObject().put("eventId", "demo-" + seed + "-" + eventNo++).put("productId", product[0])
          .put("storeId", stores.get(random.nextInt(stores.size()))).put("quantity", 1 + random.nextInt(weekend ? 4 : 3))
          .put("soldAt", day + "T" + String.format("%02d:%02d:00Z", 8 + random.nextInt(12), random.nextInt(60))));
        if (batch.size() == BATCH) {
          inFlight.add(post(batch));
          batch = new JsonArray();
          if (inFlight.size() == IN_FLIGHT) {
            Future.all(inFlight).await();
            inFlight.clear();
          }
        }
      }
      int tenth = (int) (10 * eventNo / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        LOG.info("Demo sales: {} % ({} of {})", tenth * 10, eventNo, total);
      }
    }
    if (!batch.isEmpty()) {
      inFlight.add(post(batch));
    }
    Future.all(inFlight).await();
    return eventNo;
  }

  /** A product on sale that day, its brand's share of the day weighing the draw. */
  private long[] pick(List<long[]> products, DemoShape shape, int t) {
    while (true) {
      int p = random.nextInt(products.size());
      long[] product = products.get(p);
      if (shape.sells(p, t) && random.nextDouble() * DemoShape.MAX_WEIGHT <= shape.weight((int) product[1], t)) {
        return product;
      }
    }
  }

  private int salesOn(DemoShape shape, LocalDate day, int t) {
    return (int) Math.round(salesPerDay * shape.volume(day, t));
  }

  private Future<Void> post(JsonArray sales) {
    return post(sales, 1);
  }

  /**
   * A 503 means nothing was stored, a 504 that the answer came too late (on a busy machine; the batch may be
   * stored): either way the same batch is sent again after Retry-After (else a second), as clients should.
   * Its eventIds make a resent sale count once.
   */
  private Future<Void> post(JsonArray sales, int attempt) {
    return client.post("/sales").putHeader("Authorization", authorization).sendJsonObject(new JsonObject().put("sales", sales)).compose(response -> {
      if ((response.statusCode() == 503 || response.statusCode() == 504) && attempt < ATTEMPTS) {
        long wait = Long.parseLong(response.getHeader("Retry-After") == null ? "1" : response.getHeader("Retry-After"));
        return vertx.timer(wait * 1000).compose(waited -> post(sales, attempt + 1));
      }
      JsonObject result = ok(response, "/sales");
      if (result.getInteger("rejected") > 0) {
        throw new IllegalStateException("demo sales rejected: " + result.encode());
      }
      return Future.<Void>succeededFuture();
    });
  }

  private String suffix() {
    return seed == 1 ? "" : " " + seed;
  }

  private JsonObject get(String uri) {
    return ok(client.get(uri).putHeader("Authorization", authorization).send().await(), uri);
  }

  private long create(String uri, JsonObject body) {
    return ok(client.post(uri).putHeader("Authorization", authorization).sendJsonObject(body).await(), uri).getLong("id");
  }

  private static JsonObject ok(HttpResponse<Buffer> response, String uri) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }
}
