package io.brandstats.stats;

import static io.brandstats.common.testing.ServiceCalls.await;

import io.brandstats.common.Meters;
import io.brandstats.common.testing.FakeUpstream;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.config.ConfigLoader;
import io.brandstats.config.VerticleConfigs;
import io.brandstats.stats.rollups.Dimension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The brand, product and store services stats reads from, faked over real HTTP (one {@link FakeUpstream}
 * each), and the node configuration that points the stats service at them.
 */
public final class FakeOwners {

  public final FakeUpstream brands = new FakeUpstream("brands");
  public final FakeUpstream products = new FakeUpstream("products");
  public final FakeUpstream stores = new FakeUpstream("stores");

  private FakeOwners() {
  }

  public static FakeOwners deploy(Vertx vertx) {
    FakeOwners owners = new FakeOwners();
    for (FakeUpstream fake : new FakeUpstream[] {owners.brands, owners.products, owners.stores}) {
      await(vertx.deployVerticle(fake));
    }
    return owners;
  }

  /** The default configuration (brandstats.yaml) with each upstream's baseUrl at its fake. */
  public JsonObject config() {
    JsonObject config = ConfigLoader.defaults();
    JsonObject upstreams = config.getJsonObject("upstreams");
    upstreams.getJsonObject("brand").put("baseUrl", brands.baseUrl());
    upstreams.getJsonObject("product").put("baseUrl", products.baseUrl());
    upstreams.getJsonObject("store").put("baseUrl", stores.baseUrl());
    return config;
  }

  /** The clients a stats verticle builds for the owners, with these settings. */
  public static Map<Dimension, UpstreamClient> clients(Vertx vertx, JsonObject config) {
    Owners owners = new Owners(vertx, VerticleConfigs.upstreams(config), Meters.NONE, () -> null);
    await(owners.ready());
    return owners.byDimension();
  }

  /** Serves an active product of the brand at this price, in category tents. */
  public FakeOwners product(long id, long brandId, String price, String currency) {
    return product(id, brandId, price, currency, "tents");
  }

  /** Serves an active product of the brand at this price and in this category. */
  public FakeOwners product(long id, long brandId, String price, String currency, String category) {
    products.serve(new JsonObject().put("id", id).put("brandId", brandId).put("name", "Product " + id)
      .put("category", category).put("price", new BigDecimal(price)).put("currency", currency).put("status", "active"));
    return this;
  }

  /** Serves an active retail store in Germany. */
  public FakeOwners store(long id) {
    return store(id, "DE", "retail");
  }

  /** Serves an active store. */
  public FakeOwners store(long id, String country, String channel) {
    stores.serve(new JsonObject().put("id", id).put("name", "Store " + id).put("country", country)
      .put("channel", channel).put("status", "active"));
    return this;
  }

  /** Serves an active brand. */
  public FakeOwners brand(long id, String name) {
    brands.serve(new JsonObject().put("id", id).put("name", name).put("status", "active"));
    return this;
  }
}
