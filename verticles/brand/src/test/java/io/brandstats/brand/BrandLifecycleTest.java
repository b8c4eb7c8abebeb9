package io.brandstats.brand;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Pools;
import io.brandstats.common.ServiceRequest;
import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.common.testing.ServiceCalls;
import io.brandstats.common.testing.ServiceCalls.Answer;
import io.brandstats.common.testing.ServiceCalls.Call;
import io.brandstats.config.ConfigLoader;
import io.brandstats.config.VerticleConfigs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a service starts taking work and stops: as a node deploys it (awaiting its open), then drained while an
 * update it took waits on a row lock another connection holds.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A service's start and stop")
class BrandLifecycleTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  @Test
  @DisplayName("takes no work before it is opened, and when drained stops taking work, finishes what it holds, then stops")
  void opensThenDrains(Vertx vertx) throws Exception {
    JsonObject config = VerticleConfigs.service(ConfigLoader.defaults(), "brand", DB.config(), new JsonObject())
      .put("awaitOpen", true).put("drainSeconds", 30);
    BrandVerticle brand = new BrandVerticle();
    String deployment = await(vertx.deployVerticle(brand, new DeploymentOptions().setConfig(config)));
    ServiceCalls brands = new ServiceCalls(vertx, "brand");
    assertThat(failureOf(vertx, "listBrands")).isEqualTo(ReplyFailure.NO_HANDLERS);

    await(brand.open());
    Answer created = brands.call("createBrand", new Call().body(new JsonObject().put("name", "Held").put("country", "IS")));
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().getLong("id");

    // Another connection holds the brand's row, so the service's update waits inside the service.
    Pool locker = Pools.create(vertx, DB.config());
    SqlConnection lock = await(locker.getConnection());
    await(lock.query("START TRANSACTION").execute());
    await(lock.preparedQuery("SELECT id FROM brand WHERE id = ? FOR UPDATE").execute(Tuple.of(id)));
    CompletableFuture<Answer> update = CompletableFuture.supplyAsync(() -> brands.call("updateBrand",
      new Call().path("id", id).body(new JsonObject().put("name", "Renamed while draining").put("country", "IS"))));
    Thread.sleep(300);

    Future<Void> drained = brand.drain();
    Thread.sleep(300);
    assertThat(failureOf(vertx, "listBrands")).as("no new work once draining").isEqualTo(ReplyFailure.NO_HANDLERS);
    assertThat(drained.isComplete()).as("the update it holds is still running").isFalse();

    await(lock.query("ROLLBACK").execute());
    await(lock.close());
    assertThat(update.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    await(drained);
    await(vertx.undeploy(deployment));
    await(locker.close());
  }

  private static ReplyFailure failureOf(Vertx vertx, String operationId) {
    try {
      await(vertx.eventBus().request("brand.service", new JsonObject(),
        new DeliveryOptions().addHeader(ServiceRequest.ACTION_HEADER, operationId).setSendTimeout(2000)));
      return null;
    } catch (ReplyException e) {
      return e.failureType();
    }
  }
}
