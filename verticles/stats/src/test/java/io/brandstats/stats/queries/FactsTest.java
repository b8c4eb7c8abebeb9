package io.brandstats.stats.queries;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.brandstats.common.ProblemException;
import io.brandstats.common.upstream.Freshness;
import io.brandstats.common.upstream.Lookup;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.stats.FakeOwners;
import io.brandstats.stats.rollups.Dimension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** What a statistics answer says about the facts it took from other services, read from a fake brand service. */
@ExtendWith(VertxExtension.class)
@DisplayName("The facts of a statistics answer")
class FactsTest {

  private static FakeOwners owners;
  private static UpstreamClient brands;

  private final Logger log = (Logger) LoggerFactory.getLogger(Facts.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeAll
  static void fakeBrandService(Vertx vertx) {
    owners = FakeOwners.deploy(vertx);
    JsonObject config = owners.config();
    config.getJsonObject("upstreams").put("retries", 0);
    brands = FakeOwners.clients(vertx, config).get(Dimension.BRANDS);
  }

  /** What Facts logs goes to this list only: the bug a test provokes on purpose stays out of the build's output. */
  @BeforeEach
  void captureLog() {
    logged.start();
    log.addAppender(logged);
    log.setAdditive(false);
  }

  @AfterEach
  void release() {
    log.setAdditive(true);
    log.detachAppender(logged);
    owners.brands.answerOk();
  }

  private static Future<Lookup> lookup(long id, Freshness freshness) {
    return Future.succeededFuture(new Lookup(new JsonObject().put("id", id).put("name", "Brand " + id), freshness));
  }

  @Test
  @DisplayName("Per owner, the least fresh fact used is what the answer says: live and stale make stale")
  void leastFreshWins() {
    Facts facts = new Facts();

    JsonObject entity = await(facts.entity("brand", lookup(1, Freshness.LIVE), 1));
    await(facts.entity("brand", lookup(2, Freshness.STALE), 2));
    await(facts.entity("brand", lookup(3, Freshness.CACHED), 3));
    await(facts.entity("store", lookup(4, Freshness.CACHED), 4));

    assertThat(entity.getString("name")).isEqualTo("Brand 1");
    assertThat(facts.toJson()).isEqualTo(new JsonObject().put("brand", "stale").put("store", "cached"));
  }

  @Test
  @DisplayName("An entity its owner does not know is left out (the owner answered: live), but the subject of the request is a 404")
  void unknownEntity() {
    owners.brands.unknown(77);
    Facts facts = new Facts();

    JsonObject mentioned = await(facts.entity("brand", brands.get(77), 77));
    Future<JsonObject> subject = facts.subject("brand", brands.get(77), 77);

    assertThat(mentioned).isNull();
    assertThat(facts.toJson()).isEqualTo(new JsonObject().put("brand", "live"));
    await(subject.otherwiseEmpty());
    assertThat(subject.cause()).isInstanceOfSatisfying(ProblemException.class, e -> {
      assertThat(e.problem().status()).isEqualTo(404);
      assertThat(e.problem().toJson().getString("detail")).isEqualTo("There is no brand 77.");
    });
  }

  @Test
  @DisplayName("An owner that cannot be asked leaves the entity out as unavailable, without an error in the log")
  void unavailableOwner() {
    owners.brands.answerError();
    Facts facts = new Facts();

    JsonObject subject = await(facts.subject("brand", brands.get(78), 78));

    assertThat(subject).isNull();
    assertThat(facts.toJson()).isEqualTo(new JsonObject().put("brand", "unavailable"));
    assertThat(logged.list).noneMatch(event -> event.getLevel() == Level.ERROR);
  }

  @Test
  @DisplayName("A failure that is not the owner's (a bug) is still answered as unavailable, and logged at error with its cause")
  void bugsAreLogged() {
    IllegalStateException bug = new IllegalStateException("a bug in reading the brand");
    Facts facts = new Facts();

    JsonObject entity = await(facts.entity("brand", Future.failedFuture(bug), 79));

    assertThat(entity).isNull();
    assertThat(facts.toJson()).isEqualTo(new JsonObject().put("brand", "unavailable"));
    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.ERROR);
      assertThat(event.getFormattedMessage()).contains("brand 79");
      assertThat(event.getThrowableProxy().getMessage()).isEqualTo(bug.getMessage());
    });
  }
}
