package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertFieldError;
import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.launcher.EventStream.Event;
import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Live statistics: GET /stats/live streams the day's and the last hour's totals as Server-Sent Events")
class LiveStatsTest {

  /** Streams this node holds at most. */
  private static final int MAX_STREAMS = 5;

  @RegisterExtension
  static final BrandstatsExtension BRANDSTATS = BrandstatsExtension.nodePerClass()
    .set("stats.live.heartbeat", 1)
    .set("stats.live.maxSubscribers", MAX_STREAMS);

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Api api;
  private static Catalogue catalogue;
  private static String baseUrl;

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    api = new Api(vertx, node);
    catalogue = new Catalogue(api);
    baseUrl = node.baseUrl();
  }

  /** A brand with one product at this price and a retail store in DE: what a test's sales are of. */
  private record Shop(long brand, long product, long store) {
  }

  private static Shop shop(double price) {
    long brand = catalogue.brand();
    return new Shop(brand, catalogue.product(brand, price), catalogue.store());
  }

  /** Sales of the shop's product sold half a minute ago: today (or, just after midnight, yesterday) and in the last hour. */
  private static JsonArray sales(Shop shop, Instant soldAt, int... quantities) {
    JsonArray sales = new JsonArray();
    for (int quantity : quantities) {
      sales.add(new JsonObject().put("eventId", "live-" + UUID.randomUUID()).put("productId", shop.product())
        .put("storeId", shop.store()).put("quantity", quantity).put("soldAt", soldAt.toString()));
    }
    return sales;
  }

  private static Instant recently() {
    return Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
  }

  /** Posts the batch; answers System.nanoTime() when it was acknowledged. */
  private static long ingest(JsonArray sales) {
    Api.Reply reply = api.post("/sales", new JsonObject().put("sales", sales));
    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(200);
    assertThat(reply.json().getInteger("accepted")).isEqualTo(sales.size());
    return System.nanoTime();
  }

  private static EventStream open(String query) throws Exception {
    return open(query, null);
  }

  /** Opens a stream; a stream a previous test closed may still hold its place for a moment, so a 503 is retried briefly. */
  private static EventStream open(String query, String lastEventId) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      EventStream stream = EventStream.open(baseUrl, query, lastEventId);
      if (stream.status() != 503 || System.nanoTime() > deadline) {
        assertThat(stream.status()).as("GET /stats/live?%s", query).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        return stream;
      }
      stream.close();
      Thread.sleep(200);
    }
  }

  /** Reads events until one whose last hour counts this many units; fails after {@code within}. */
  private static Event awaitHourUnits(EventStream stream, long units, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<JsonObject> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      Event event = stream.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (event == null) {
        break;
      }
      seen.add(event.data());
      if (event.data().getJsonObject("lastHour").getLong("units") == units) {
        return event;
      }
    }
    throw new AssertionError("No event with " + units + " units in the last hour within " + within + "; seen " + seen);
  }

  /** Units, revenue and orders as the test computed them. */
  private record Measures(long units, BigDecimal revenue, long orders) {

    static final Measures ZERO = new Measures(0, BigDecimal.ZERO, 0);

    static Measures of(JsonArray sales, double price) {
      long units = 0;
      for (Object sale : sales) {
        units += ((JsonObject) sale).getInteger("quantity");
      }
      return new Measures(units, BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(units)), sales.size());
    }

    /** These measures if the sales were sold on the event's day, else none. */
    Measures onDay(Event event, Instant soldAt) {
      LocalDate day = LocalDate.ofInstant(soldAt, ZoneId.of(event.data().getString("timeZone")));
      return day.toString().equals(event.data().getString("day")) ? this : ZERO;
    }

    Measures plus(Measures other) {
      return new Measures(units + other.units, revenue.add(other.revenue), orders + other.orders);
    }

    void assertEquals(JsonObject actual, String what) {
      assertThat(actual.getLong("units")).as("%s units in %s", what, actual).isEqualTo(units);
      assertThat(actual.getLong("orders")).as("%s orders in %s", what, actual).isEqualTo(orders);
      assertThat(new BigDecimal(String.valueOf(actual.getValue("revenue")))).as("%s revenue in %s", what, actual)
        .isEqualByComparingTo(revenue);
    }
  }

  @Test
  @DisplayName("the first event comes at once with zeros; a batch accepted later is in an event within 2 s, totals as sent")
  void batchReachesTheStreamWithin2Seconds() throws Exception {
    Shop shop = shop(12.50);
    try (EventStream stream = open("brandId=" + shop.brand())) {
      Event first = stream.next(WAIT);
      assertThat(first).as("the first event").isNotNull();
      assertThat(first.name()).isEqualTo("totals");
      assertThat(first.id()).isPositive();
      assertThat(first.data().getString("currency")).isEqualTo("EUR");
      assertThat(first.data().getString("timeZone")).isEqualTo("UTC");
      assertThat(first.data().getValue("asOf")).isNull();
      Measures.ZERO.assertEquals(first.today(), "first today");
      Measures.ZERO.assertEquals(first.data().getJsonObject("lastHour"), "first lastHour");
      Measures.ZERO.assertEquals(first.data().getJsonObject("changed"), "first changed");

      Instant soldAt = recently();
      JsonArray batch = sales(shop, soldAt, 1, 2, 3);
      long acked = ingest(batch);
      Measures sent = Measures.of(batch, 12.50);
      Event event = awaitHourUnits(stream, sent.units(), WAIT);
      assertThat(Duration.ofNanos(event.arrivedNanos() - acked)).as("delay after the batch was acknowledged")
        .isLessThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(event.id()).isGreaterThan(first.id());
      sent.assertEquals(event.data().getJsonObject("lastHour"), "lastHour");
      sent.onDay(event, soldAt).assertEquals(event.today(), "today");
      sent.onDay(event, soldAt).assertEquals(event.data().getJsonObject("changed"), "changed");
      assertThat(Instant.parse(event.data().getString("asOf"))).isEqualTo(soldAt);
    }
  }

  @Test
  @DisplayName("filters: a sale moves the streams it matches (brand, category) and no other (another brand, another channel)")
  void filtersKeepOtherSalesOut() throws Exception {
    Shop shop = shop(20.00);
    Shop other = shop(20.00);
    try (EventStream brand = open("brandId=" + shop.brand());
         EventStream category = open("brandId=" + shop.brand() + "&category=tents&country=DE");
         EventStream otherBrand = open("brandId=" + other.brand());
         EventStream online = open("brandId=" + shop.brand() + "&channel=online")) {
      for (EventStream stream : List.of(brand, category, otherBrand, online)) {
        assertThat(stream.next(WAIT)).as("first event").isNotNull();
      }
      JsonArray batch = sales(shop, recently(), 4);
      ingest(batch);
      awaitHourUnits(brand, 4, WAIT);
      awaitHourUnits(category, 4, WAIT);
      // Both matching streams were told; the others would have been by now.
      assertThat(otherBrand.next(Duration.ofMillis(1500))).as("an event on another brand's stream").isNull();
      assertThat(online.next(Duration.ofMillis(100))).as("an event on the online channel's stream").isNull();
    }
  }

  @Test
  @DisplayName("units and orders count every currency, revenue only the stream's currency (default EUR, or as asked)")
  void revenuePerCurrency() throws Exception {
    Shop shop = shop(10.00);
    Api.Reply created = api.post("/products", new JsonObject().put("brandId", shop.brand()).put("sku", "CHF-" + UUID.randomUUID())
      .put("name", "Swiss " + UUID.randomUUID()).put("category", "tents").put("price", 30.00).put("currency", "CHF"));
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    Shop swiss = new Shop(shop.brand(), created.json().getLong("id"), shop.store());
    try (EventStream euros = open("brandId=" + shop.brand());
         EventStream francs = open("brandId=" + shop.brand() + "&currency=CHF")) {
      assertThat(euros.next(WAIT)).isNotNull();
      assertThat(francs.next(WAIT)).isNotNull();
      JsonArray batch = sales(shop, recently(), 2);
      batch.addAll(sales(swiss, recently(), 1));
      ingest(batch);
      JsonObject inEuros = awaitHourUnits(euros, 3, WAIT).data().getJsonObject("lastHour");
      new Measures(3, new BigDecimal("20.00"), 2).assertEquals(inEuros, "EUR stream");
      JsonObject inFrancs = awaitHourUnits(francs, 3, WAIT).data();
      assertThat(inFrancs.getString("currency")).isEqualTo("CHF");
      new Measures(3, new BigDecimal("30.00"), 2).assertEquals(inFrancs.getJsonObject("lastHour"), "CHF stream");
    }
  }

  @Test
  @DisplayName("resuming with Last-Event-ID: the first event's changed is what arrived meanwhile, and nothing is counted twice")
  void resumeWithoutDoubleCounting() throws Exception {
    Shop shop = shop(7.25);
    Instant soldAt = recently();
    JsonArray before = sales(shop, soldAt, 2, 5);
    Measures first = Measures.of(before, 7.25);
    Event seen;
    try (EventStream stream = open("brandId=" + shop.brand())) {
      assertThat(stream.next(WAIT)).isNotNull();
      ingest(before);
      seen = awaitHourUnits(stream, first.units(), WAIT);
    }
    JsonArray meanwhile = sales(shop, soldAt, 3);
    Measures missed = Measures.of(meanwhile, 7.25);
    ingest(meanwhile);
    try (EventStream resumed = open("brandId=" + shop.brand(), String.valueOf(seen.id()))) {
      Event event = resumed.next(WAIT);
      assertThat(event).as("the first event after resuming").isNotNull();
      assertThat(event.id()).isGreaterThan(seen.id());
      first.plus(missed).assertEquals(event.data().getJsonObject("lastHour"), "lastHour");
      first.plus(missed).onDay(event, soldAt).assertEquals(event.today(), "today");
      missed.onDay(event, soldAt).assertEquals(event.data().getJsonObject("changed"), "changed");
    }
    try (EventStream unknown = open("brandId=" + shop.brand(), "not-an-id")) {
      Event event = unknown.next(WAIT);
      first.plus(missed).assertEquals(event.data().getJsonObject("lastHour"), "lastHour");
      Measures.ZERO.assertEquals(event.data().getJsonObject("changed"), "changed after an unknown id");
    }
  }

  @Test
  @DisplayName("a heartbeat comment comes every stats.live.heartbeat seconds")
  void heartbeat() throws Exception {
    try (EventStream stream = open("country=DE")) {
      assertThat(stream.nextComment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
    }
  }

  @Test
  @DisplayName("a client whose Accept excludes text/event-stream gets 406 problem+json")
  void notAcceptable() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json");
    Api.Reply reply = api.conforms("getLiveStats", api.send(HttpMethod.GET, "/stats/live", headers, null));
    assertProblem(reply, 406);
  }

  @Test
  @DisplayName("bad filters are 400 naming the parameter, before any stream opens")
  void badFilters() {
    for (String[] bad : new String[][] {{"brandId=0", "brandId"}, {"country=de", "country"}, {"channel=phone", "channel"},
      {"currency=euro", "currency"}}) {
      Api.Reply reply = api.conforms("getLiveStats", api.get("/stats/live?" + bad[0]));
      assertFieldError(assertProblem(reply, 400), "query", bad[1]);
    }
  }

  @Test
  @DisplayName("a node that stops ends its streams, and stops without waiting for them")
  void streamsEndOnShutdown() throws Exception {
    TestNode node = TestNode.start("live-shutdown");
    try (EventStream stream = EventStream.open(node.baseUrl(), "", null)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.next(WAIT)).as("the first event").isNotNull();
      long started = System.nanoTime();
      node.close();
      assertThat(stream.endedWithin(Duration.ofSeconds(5))).as("the stream ended").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to stop")
        .isLessThan(Duration.ofSeconds(node.config().getJsonObject("http").getLong("shutdownTimeout")));
    } finally {
      node.close();
    }
  }

  @Test
  @DisplayName("beyond stats.live.maxSubscribers open streams the node answers 503 with Retry-After; the node shows its open streams")
  void boundedStreams() throws Exception {
    List<EventStream> open = new ArrayList<>();
    try {
      EventStream refused = null;
      for (int i = 0; i <= MAX_STREAMS && refused == null; i++) {
        EventStream stream = EventStream.open(baseUrl, "", null);
        if (stream.status() == 200) {
          open.add(stream);
        } else {
          refused = stream;
        }
      }
      assertThat(refused).as("a refused stream after %d open", open.size()).isNotNull();
      assertThat(open.size()).isLessThanOrEqualTo(MAX_STREAMS);
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("5");
      assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(new JsonObject(refused.body()).getInteger("status")).isEqualTo(503);
      String metrics = api.get("/metrics").bodyText();
      double streams = metrics.lines().filter(line -> line.startsWith("brandstats_live_streams "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(-1);
      assertThat(streams).as("brandstats_live_streams in %s", metrics.length()).isGreaterThanOrEqualTo(open.size());
    } finally {
      for (EventStream stream : open) {
        stream.close();
      }
    }
  }
}
