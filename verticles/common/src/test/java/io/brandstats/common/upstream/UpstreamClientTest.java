package io.brandstats.common.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Meters;
import io.brandstats.common.testing.FakeUpstream;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The upstream client against a real HTTP server that answers, fails, hangs and flaps on request. Every
 * number the client promises (timeout, retries and their backoff, breaker threshold and reset, cache and
 * negative-cache TTLs, stale window) is checked against what the fake upstream actually received.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The upstream client")
class UpstreamClientTest {

  private static final long BRAND = 42;
  /** Slack for timer and scheduling jitter when checking lower bounds. */
  private static final long SLACK_MS = 20;
  /** How late a timer-driven change (TTL, reset timeout) may be seen by a 10 ms polling loop on a loaded machine. */
  private static final long LATE_MS = 200;

  private Vertx vertx;
  private FakeUpstream upstream;
  private String deployment;
  private final List<UpstreamClient> clients = new ArrayList<>();

  /**
   * The first HTTP call of a JVM loads the Web Client, Netty and the breaker: up to 2 s on a loaded machine.
   * Pay that once here, through every path the tests take, so their timings measure the client, not class loading.
   */
  @BeforeAll
  static void warmUp() {
    Vertx vertx = Vertx.vertx();
    try {
      FakeUpstream fake = new FakeUpstream("brands");
      await(vertx.deployVerticle(fake));
      UpstreamClient client = new UpstreamClient(vertx, "warm-up", "/brands/",
        new Settings().baseUrl(fake.baseUrl()).maxFailures(1).build(), Meters.NONE, "test", () -> null);
      await(client.ready());
      lookup(client, 1);
      fake.answerNotFound();
      lookup(client, 2);
      fake.answerError();
      lookup(client, 3);
      lookup(client, 4);
      await(client.close());
    } finally {
      await(vertx.close());
    }
  }

  @BeforeEach
  void startFakeUpstream(Vertx vertx) {
    this.vertx = vertx;
    upstream = new FakeUpstream("brands");
    deployment = await(vertx.deployVerticle(upstream));
  }

  @AfterEach
  void closeEverything() {
    for (UpstreamClient client : clients) {
      await(client.close());
    }
    clients.clear();
    await(vertx.undeploy(deployment));
  }

  // --- cache ----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("The first lookup asks the upstream and is live; a second one within the cache TTL is answered from cache without asking")
  void firstLookupIsLiveThenCached() {
    UpstreamClient client = client(settings().cacheTtl(60_000));

    Outcome first = lookup(client, BRAND);

    assertThat(first.answer().freshness()).isEqualTo(Freshness.LIVE);
    assertThat(first.answer().entity()).isEqualTo(upstream.entity(BRAND));
    assertThat(upstream.requests()).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo(HttpMethod.GET);
      assertThat(request.path()).isEqualTo("/brands/42");
      assertThat(request.accept()).isEqualTo("application/json");
    });

    Outcome second = lookup(client, BRAND);

    assertThat(second.answer().freshness()).isEqualTo(Freshness.CACHED);
    assertThat(second.answer().entity()).isEqualTo(upstream.entity(BRAND));
    assertThat(upstream.requestCount()).as("upstream calls").isEqualTo(1);
    JsonObject stats = client.stats();
    assertThat(stats.getLong("misses")).isEqualTo(1);
    assertThat(stats.getLong("hits")).isEqualTo(1);
    assertThat(stats.getLong("upstreamCalls")).isEqualTo(1);
    assertThat(stats.getLong("failures")).isZero();
    assertThat(stats.getLong("staleServed")).isZero();
    assertThat(stats.getLong("cached")).isEqualTo(1);
    assertThat(stats.getString("state")).isEqualTo("CLOSED");
  }

  @Test
  @DisplayName("100 concurrent lookups of one uncached id make a single upstream call and all get the same brand")
  void concurrentMissesShareOneCall() {
    UpstreamClient client = client(settings().timeout(2_000));
    upstream.answerAfter(200);

    List<Future<Lookup>> lookups = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lookups.add(client.get(BRAND));
    }
    await(Future.all(lookups));

    assertThat(upstream.requestCount()).as("upstream calls").isEqualTo(1);
    assertThat(lookups).allSatisfy(lookup -> {
      assertThat(lookup.succeeded()).isTrue();
      assertThat(lookup.result().entity()).isEqualTo(upstream.entity(BRAND));
      assertThat(lookup.result().freshness()).isIn(Freshness.LIVE, Freshness.CACHED);
    });
    JsonObject stats = client.stats();
    assertThat(stats.getLong("upstreamCalls")).isEqualTo(1);
    assertThat(stats.getLong("hits") + stats.getLong("misses")).isEqualTo(100);
    assertThat(stats.getLong("failures")).isZero();
  }

  @Test
  @DisplayName("A change event for the id evicts it: the next lookup asks the upstream again and answers live with the new data")
  void changeEventEvicts() {
    UpstreamClient client = client(settings().cacheTtl(60_000));
    assertThat(lookup(client, BRAND).answer().freshness()).isEqualTo(Freshness.LIVE);
    assertThat(lookup(client, BRAND).answer().freshness()).isEqualTo(Freshness.CACHED);
    upstream.rename("Acme Renamed");

    vertx.eventBus().publish("brand.changed", new JsonObject().put("id", BRAND));

    Lookup next = pollUntil(() -> lookup(client, BRAND).answer(), l -> l.freshness() != Freshness.CACHED,
      "a lookup after the change event that is not answered from cache");
    assertThat(next.freshness()).isEqualTo(Freshness.LIVE);
    assertThat(next.entity().getString("name")).isEqualTo("Acme Renamed");
    assertThat(upstream.requestCount()).as("upstream calls").isEqualTo(2);
    assertThat(client.stats().getLong("evictions")).isEqualTo(1);
  }

  @Test
  @DisplayName("A change event for another id leaves the cached entry alone")
  void changeEventForAnotherIdKeepsEntry() {
    UpstreamClient client = client(settings().cacheTtl(60_000));
    assertThat(lookup(client, BRAND).answer().freshness()).isEqualTo(Freshness.LIVE);

    vertx.eventBus().publish("brand.changed", new JsonObject().put("id", BRAND + 1));
    waitFor(() -> client.stats().getLong("evictions") == 1, "the change event to be handled");

    assertThat(lookup(client, BRAND).answer().freshness()).isEqualTo(Freshness.CACHED);
    assertThat(upstream.requestCount()).as("upstream calls").isEqualTo(1);
  }

  @Test
  @DisplayName("A change event that arrives while a lookup is in flight is not lost: the answer read before the change is not cached")
  void changeEventDuringFetchIsNotLost() {
    UpstreamClient client = client(settings().cacheTtl(60_000));
    upstream.answerAfter(300);
    Future<Lookup> inFlight = client.get(BRAND);
    waitFor(() -> upstream.requestCount() == 1, "the upstream to read the brand");

    upstream.rename("Acme Renamed");
    vertx.eventBus().publish("brand.changed", new JsonObject().put("id", BRAND));
    waitFor(() -> client.stats().getLong("evictions") == 1, "the change event to be handled");

    assertThat(await(inFlight).entity().getString("name")).as("what the upstream said when asked").isEqualTo("Acme");
    upstream.answerOk();
    Lookup next = lookup(client, BRAND).answer();

    assertThat(next.entity().getString("name")).as("the name after the change event").isEqualTo("Acme Renamed");
    assertThat(next.freshness()).isEqualTo(Freshness.LIVE);
    assertThat(upstream.requestCount()).as("upstream calls").isEqualTo(2);
  }

  // --- timeout and retries --------------------------------------------------------------------------------

  @Test
  @DisplayName("An upstream that never answers fails the lookup as unavailable once the configured timeout has passed")
  void timeoutFiresAtConfiguredValue() {
    UpstreamClient client = client(settings().timeout(300).retries(0));
    upstream.answer(FakeUpstream.Mode.HANG);

    Outcome outcome = lookup(client, BRAND);

    assertThat(outcome.problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    // The upper bound is well short of 3 × the timeout, so a timeout applied more than once would show.
    assertThat(outcome.millis()).as("time to give up").isBetween(300 - 50L, 750L);
    assertThat(upstream.requestCount()).as("upstream calls").isEqualTo(1);
    assertThat(client.stats().getLong("failures")).isEqualTo(1);
  }

  @Test
  @DisplayName("A slow answer within the timeout is accepted and answered live")
  void slowAnswerWithinTimeoutIsAccepted() {
    UpstreamClient client = client(settings().timeout(1_500).retries(0));
    upstream.answerAfter(150);

    Outcome outcome = lookup(client, BRAND);

    assertThat(outcome.answer().freshness()).isEqualTo(Freshness.LIVE);
    assertThat(outcome.millis()).isGreaterThanOrEqualTo(150 - SLACK_MS);
    assertThat(upstream.requestCount()).as("upstream calls").isEqualTo(1);
  }

  @Test
  @DisplayName("A failing upstream is retried the configured number of times, with growing delays, before the lookup fails")
  void retriesWithGrowingBackoff() {
    UpstreamClient client = client(settings().retries(3).backoff(100, 1_000).maxFailures(3));
    upstream.answerError();

    Outcome outcome = lookup(client, BRAND);

    assertThat(outcome.problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    List<FakeUpstream.Request> requests = upstream.requests();
    assertThat(requests).as("first call and 3 retries").hasSize(4);
    long[] gaps = new long[3];
    for (int n = 1; n <= 3; n++) {
      gaps[n - 1] = TimeUnit.NANOSECONDS.toMillis(requests.get(n).arrivedNanos() - requests.get(n - 1).arrivedNanos());
      long ceiling = Math.min(1_000, 100L << (n - 1));
      assertThat(gaps[n - 1]).as("gap before retry %d (ceiling %d ms), gaps %s", n, ceiling, java.util.Arrays.toString(gaps))
        .isGreaterThanOrEqualTo(ceiling / 2 - SLACK_MS)
        .isLessThan(ceiling + 1_000);
    }
    for (int n = 1; n < 3; n++) {
      assertThat(gaps[n]).as("gap %d after gap %d, gaps %s", n + 1, n, java.util.Arrays.toString(gaps))
        .isGreaterThanOrEqualTo(gaps[n - 1] - SLACK_MS);
    }
    assertThat(gaps[2]).as("last gap against first").isGreaterThan(gaps[0]);
    JsonObject stats = client.stats();
    assertThat(stats.getLong("upstreamCalls")).isEqualTo(4);
    assertThat(stats.getLong("failures")).as("a retried lookup is one failure").isEqualTo(1);
    assertThat(client.state()).as("one failed lookup is below maxFailures 3").isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  @DisplayName("A retry hides a single upstream failure: a flapping upstream still gives a live answer")
  void retryHidesSingleFailure() {
    UpstreamClient client = client(settings().retries(1).backoff(10, 20).maxFailures(1));
    upstream.flap();

    Outcome outcome = lookup(client, BRAND);

    assertThat(outcome.answer().freshness()).isEqualTo(Freshness.LIVE);
    assertThat(outcome.answer().entity()).isEqualTo(upstream.entity(BRAND));
    assertThat(upstream.requestCount()).as("a 500 then a 200").isEqualTo(2);
    assertThat(client.stats().getLong("failures")).isZero();
    assertThat(client.state()).isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  @DisplayName("A refused connection fails the lookup as unavailable and is counted as a failure")
  void refusedConnectionIsUnavailable() throws IOException {
    UpstreamClient client = client(settings().baseUrl("http://127.0.0.1:" + deadPort()).retries(1).backoff(10, 20));

    Outcome outcome = lookup(client, BRAND);

    assertThat(outcome.problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(outcome.problem().upstream()).isEqualTo("brand");
    assertThat(outcome.millis()).as("a refusal needs no timeout").isLessThan(1_500);
    JsonObject stats = client.stats();
    assertThat(stats.getLong("misses")).isEqualTo(1);
    assertThat(stats.getLong("hits")).isZero();
    assertThat(stats.getLong("upstreamCalls")).as("first call and 1 retry").isEqualTo(2);
    assertThat(stats.getLong("failures")).isEqualTo(1);
    assertThat(stats.getLong("staleServed")).isZero();
  }

  // --- circuit breaker ------------------------------------------------------------------------------------

  @Test
  @DisplayName("The circuit opens after maxFailures failed lookups, and then a lookup fails fast without asking the upstream")
  void breakerOpensAfterMaxFailures() {
    UpstreamClient client = client(settings().retries(0).maxFailures(3).resetTimeout(10_000));
    upstream.answerError();

    for (int i = 1; i <= 2; i++) {
      assertThat(lookup(client, BRAND).problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
      assertThat(client.state()).as("after %d failed lookups", i).isEqualTo(CircuitBreakerState.CLOSED);
    }
    assertThat(lookup(client, BRAND).problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(client.state()).as("after 3 failed lookups").isEqualTo(CircuitBreakerState.OPEN);
    assertThat(upstream.requestCount()).isEqualTo(3);

    Outcome fast = lookup(client, BRAND);

    assertThat(fast.problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(fast.problem().retryAfterSeconds()).isEqualTo(10);
    assertThat(fast.millis()).as("an open circuit answers at once").isLessThan(50);
    assertThat(upstream.requestCount()).as("no call through an open circuit").isEqualTo(3);
    JsonObject stats = client.stats();
    assertThat(stats.getString("state")).isEqualTo("OPEN");
    assertThat(stats.getLong("upstreamCalls")).isEqualTo(3);
    assertThat(stats.getLong("failures")).isEqualTo(4);
    assertThat(stats.getLong("breakerTransitions")).isEqualTo(1);
  }

  @Test
  @DisplayName("After the reset timeout one trial call goes through; when it succeeds the lookup is live and the circuit closes")
  void halfOpenTrialClosesCircuit() {
    UpstreamClient client = client(settings().retries(0).maxFailures(2).resetTimeout(500));
    upstream.answerError();
    lookup(client, BRAND);
    long beforeOpening = System.nanoTime();
    lookup(client, BRAND);
    assertThat(client.state()).isEqualTo(CircuitBreakerState.OPEN);
    upstream.answerOk();

    assertThat(lookup(client, BRAND).problem().kind()).as("still open").isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(upstream.requestCount()).isEqualTo(2);

    waitFor(() -> client.state() == CircuitBreakerState.HALF_OPEN, "the circuit to become half-open");
    assertThat(millisSince(beforeOpening)).as("open for the reset timeout").isBetween(500 - SLACK_MS, 500 + LATE_MS);

    Outcome trial = lookup(client, BRAND);

    assertThat(trial.answer().freshness()).isEqualTo(Freshness.LIVE);
    assertThat(trial.answer().entity()).isEqualTo(upstream.entity(BRAND));
    assertThat(upstream.requestCount()).as("one trial call").isEqualTo(3);
    assertThat(client.state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(client.stats().getLong("breakerTransitions")).as("open, half-open, closed").isEqualTo(3);
  }

  @Test
  @DisplayName("When the trial call fails the circuit opens again and fails fast")
  void failedTrialReopensCircuit() {
    UpstreamClient client = client(settings().retries(0).maxFailures(2).resetTimeout(400));
    upstream.answerError();
    lookup(client, BRAND);
    lookup(client, BRAND);
    assertThat(client.state()).isEqualTo(CircuitBreakerState.OPEN);
    waitFor(() -> client.state() == CircuitBreakerState.HALF_OPEN, "the circuit to become half-open");

    assertThat(lookup(client, BRAND).problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(upstream.requestCount()).as("one trial call").isEqualTo(3);
    assertThat(client.state()).isEqualTo(CircuitBreakerState.OPEN);

    Outcome fast = lookup(client, BRAND);
    assertThat(fast.problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(fast.millis()).isLessThan(50);
    assertThat(upstream.requestCount()).as("no call through the reopened circuit").isEqualTo(3);
  }

  // --- stale and unavailable ------------------------------------------------------------------------------

  @Test
  @DisplayName("Past its TTL an entry is answered stale while the upstream fails, and live again with new data once it answers")
  void staleWhileDownThenRefreshed() {
    UpstreamClient client = client(settings().retries(0).cacheTtl(200).staleFor(60_000));
    long beforeFirst = System.nanoTime();
    Lookup first = lookup(client, BRAND).answer();
    assertThat(first.freshness()).isEqualTo(Freshness.LIVE);
    JsonObject original = first.entity();
    upstream.answerError();

    Lookup stale = pollUntil(() -> lookup(client, BRAND).answer(), l -> l.freshness() != Freshness.CACHED,
      "a lookup past the cache TTL");

    assertThat(millisSince(beforeFirst)).as("cached for the TTL").isBetween(200L, 200 + LATE_MS);
    assertThat(stale.freshness()).isEqualTo(Freshness.STALE);
    assertThat(stale.entity()).isEqualTo(original);
    assertThat(upstream.requestCount()).as("the first call and the failed refresh").isEqualTo(2);
    JsonObject stats = client.stats();
    assertThat(stats.getLong("staleServed")).isEqualTo(1);
    assertThat(stats.getLong("failures")).isEqualTo(1);
    assertThat(stats.getLong("upstreamCalls")).isEqualTo(2);

    upstream.answerOk().rename("Acme Renamed");
    Lookup refreshed = lookup(client, BRAND).answer();

    assertThat(refreshed.freshness()).isEqualTo(Freshness.LIVE);
    assertThat(refreshed.entity().getString("name")).isEqualTo("Acme Renamed");
    assertThat(upstream.requestCount()).isEqualTo(3);
  }

  @Test
  @DisplayName("An uncached id while the upstream fails is unavailable, with a Retry-After of at least a second")
  void uncachedWhileDownIsUnavailable() {
    UpstreamClient client = client(settings().retries(0).resetTimeout(1_500));
    upstream.answerError();

    Outcome outcome = lookup(client, 7);

    UpstreamException problem = outcome.problem();
    assertThat(problem.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(problem.upstream()).isEqualTo("brand");
    assertThat(problem.retryAfterSeconds()).isGreaterThanOrEqualTo(1).isEqualTo(2);
    assertThat(problem.getMessage()).contains("brand");
    JsonObject stats = client.stats();
    assertThat(stats.getLong("misses")).isEqualTo(1);
    assertThat(stats.getLong("failures")).isEqualTo(1);
    assertThat(stats.getLong("staleServed")).isZero();
    assertThat(stats.getLong("cached")).isZero();
  }

  // --- not found ------------------------------------------------------------------------------------------

  @Test
  @DisplayName("A 404 is not found, remembered for notFoundTtl without asking again, and asked again after it")
  void notFoundIsRemembered() {
    UpstreamClient client = client(settings().cacheTtl(60_000).notFoundTtl(300));
    upstream.answerNotFound();
    long beforeFirst = System.nanoTime();

    UpstreamException first = lookup(client, BRAND).problem();
    assertThat(first.kind()).isEqualTo(UpstreamException.Kind.NOT_FOUND);
    assertThat(first.upstream()).isEqualTo("brand");
    assertThat(upstream.requestCount()).isEqualTo(1);

    assertThat(lookup(client, BRAND).problem().kind()).isEqualTo(UpstreamException.Kind.NOT_FOUND);
    assertThat(upstream.requestCount()).as("the 404 is remembered").isEqualTo(1);
    JsonObject stats = client.stats();
    assertThat(stats.getLong("hits")).isEqualTo(1);
    assertThat(stats.getLong("failures")).as("a 404 is an answer, not a failure").isZero();

    pollUntil(() -> {
      assertThat(lookup(client, BRAND).problem().kind()).isEqualTo(UpstreamException.Kind.NOT_FOUND);
      return upstream.requestCount();
    }, count -> count > 1, "a lookup that asks the upstream again");

    assertThat(millisSince(beforeFirst)).as("remembered for notFoundTtl").isBetween(300L, 300 + LATE_MS);
    assertThat(upstream.requestCount()).isEqualTo(2);
    assertThat(client.stats().getLong("failures")).isZero();
  }

  @Test
  @DisplayName("404 answers do not count against the circuit")
  void notFoundKeepsCircuitClosed() {
    UpstreamClient client = client(settings().retries(0).maxFailures(2));
    upstream.answerNotFound();

    for (long id = 1; id <= 5; id++) {
      assertThat(lookup(client, id).problem().kind()).isEqualTo(UpstreamException.Kind.NOT_FOUND);
    }

    assertThat(upstream.requestCount()).isEqualTo(5);
    assertThat(client.state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(client.stats().getLong("failures")).isZero();
  }

  // --- unusable answers ----------------------------------------------------------------------------------

  @Test
  @DisplayName("A 200 whose body is not JSON is a failure of the upstream: unavailable, not cached")
  void garbageBodyIsUnavailable() {
    UpstreamClient client = client(settings().retries(0));
    upstream.answer(FakeUpstream.Mode.GARBAGE);

    assertThat(lookup(client, BRAND).problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(client.stats().getLong("failures")).isEqualTo(1);

    upstream.answerOk();
    assertThat(lookup(client, BRAND).answer().freshness()).as("nothing was cached").isEqualTo(Freshness.LIVE);
  }

  @Test
  @DisplayName("A 200 with an empty body is a failure of the upstream, not a 404: unavailable, and nothing is remembered")
  void emptyBodyIsUnavailableNotNotFound() {
    UpstreamClient client = client(settings().retries(0).notFoundTtl(60_000));
    upstream.answer(FakeUpstream.Mode.EMPTY);

    UpstreamException problem = lookup(client, BRAND).problem();
    assertThat(problem.kind()).as("an empty 200 says nothing about whether the brand exists")
      .isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(client.stats().getLong("failures")).isEqualTo(1);

    upstream.answerOk();
    assertThat(lookup(client, BRAND).answer().freshness()).as("no 404 was remembered").isEqualTo(Freshness.LIVE);
  }

  // --- untrusted answers ----------------------------------------------------------------------------------

  @Test
  @DisplayName("An answer over 64 KiB is not read into memory: the lookup is unavailable and nothing is cached")
  void oversizeAnswerRefused() {
    UpstreamClient client = client(settings().retries(0));
    upstream.answer(FakeUpstream.Mode.HUGE);

    assertThat(lookup(client, BRAND).problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    assertThat(client.stats().getLong("cached")).isZero();
  }

  @Test
  @DisplayName("A 200 carrying another entity than the one asked for, or its id as a string, is a failure, not an answer")
  void foreignOrMistypedIdRefused() {
    UpstreamClient client = client(settings().retries(0));
    upstream.answer(FakeUpstream.Mode.WRONG_ID);
    assertThat(lookup(client, BRAND).problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);

    upstream.answer(FakeUpstream.Mode.STRING_ID);
    assertThat(lookup(client, BRAND).problem().kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);

    upstream.answerOk();
    assertThat(lookup(client, BRAND).answer().freshness()).as("nothing was cached").isEqualTo(Freshness.LIVE);
  }

  @Test
  @DisplayName("Each call carries the caller's bearer token, as the token supplier gives it at that moment")
  void sendsServiceToken() {
    UpstreamClient client = new UpstreamClient(vertx, "brand", "/brands/", settings().build(), Meters.NONE, "test",
      () -> "service-token-1");
    clients.add(client);
    await(client.ready());

    lookup(client, BRAND);

    assertThat(upstream.requests()).singleElement()
      .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer service-token-1"));
  }

  // --- helpers --------------------------------------------------------------------------------------------

  private UpstreamClient client(Settings settings) {
    UpstreamClient client = new UpstreamClient(vertx, "brand", "/brands/", settings.build(), Meters.NONE, "test", () -> null);
    clients.add(client);
    await(client.ready());
    return client;
  }

  private Settings settings() {
    return new Settings().baseUrl(upstream.baseUrl());
  }

  /** How one lookup ended, and how long it took as seen by its caller. */
  private record Outcome(Lookup lookup, Throwable failure, long millis) {

    Lookup answer() {
      if (failure != null) {
        throw new AssertionError("Expected an answer, the lookup failed with " + failure, failure);
      }
      return lookup;
    }

    UpstreamException problem() {
      assertThat(failure).as("the lookup's failure (it answered %s)", lookup).isInstanceOf(UpstreamException.class);
      return (UpstreamException) failure;
    }
  }

  private static Outcome lookup(UpstreamClient client, long id) {
    long start = System.nanoTime();
    AsyncResult<Lookup> result = await(client.get(id).transform(Future::succeededFuture));
    long millis = millisSince(start);
    return result.succeeded() ? new Outcome(result.result(), null, millis) : new Outcome(null, result.cause(), millis);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("No outcome within 10 s", e);
    }
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  /** Repeats the attempt every 10 ms until its result is done, for at most 5 s. */
  private static <T> T pollUntil(Supplier<T> attempt, Predicate<T> done, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      T result = attempt.get();
      if (done.test(result)) {
        return result;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Gave up after 5 s waiting for " + what + "; last: " + result);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void waitFor(BooleanSupplier condition, String what) {
    pollUntil(condition::getAsBoolean, Boolean::booleanValue, what);
  }

  /** A port nothing listens on: opened, read and closed again. */
  private static int deadPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The client's configuration with small, test-friendly defaults; each test sets what it is about. */
  private static final class Settings {
    private String baseUrl;
    private long timeoutMs = 2_000;
    private int retries;
    private long backoffInitialMs = 10;
    private long backoffMaxMs = 50;
    private int maxFailures = 50;
    private long resetTimeoutMs = 5_000;
    private long cacheTtlMs = 60_000;
    private long notFoundTtlMs = 60_000;
    private long staleForMs = 600_000;
    private long cacheMaxSize = 1_000;

    Settings baseUrl(String value) {
      baseUrl = value;
      return this;
    }

    Settings timeout(long ms) {
      timeoutMs = ms;
      return this;
    }

    Settings retries(int value) {
      retries = value;
      return this;
    }

    Settings backoff(long initialMs, long maxMs) {
      backoffInitialMs = initialMs;
      backoffMaxMs = maxMs;
      return this;
    }

    Settings maxFailures(int value) {
      maxFailures = value;
      return this;
    }

    Settings resetTimeout(long ms) {
      resetTimeoutMs = ms;
      return this;
    }

    Settings cacheTtl(long ms) {
      cacheTtlMs = ms;
      return this;
    }

    Settings notFoundTtl(long ms) {
      notFoundTtlMs = ms;
      return this;
    }

    Settings staleFor(long ms) {
      staleForMs = ms;
      return this;
    }

    UpstreamConfig build() {
      return new UpstreamConfig(baseUrl, timeoutMs, retries, backoffInitialMs, backoffMaxMs, maxFailures, 60_000, resetTimeoutMs,
        cacheTtlMs, notFoundTtlMs, staleForMs, cacheMaxSize);
    }
  }
}
