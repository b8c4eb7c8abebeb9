package io.brandstats.gateway;

import io.brandstats.common.Problem;
import io.brandstats.common.RequestIds;
import io.brandstats.common.ServiceBinding;
import io.brandstats.common.ServiceReply;
import io.brandstats.common.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Function;

/**
 * The brand service as the gateway meets it: its operations bound on {@code brand.service} through the
 * services' own {@link ServiceBinding}, answering with the same envelopes and problems. Each answer echoes
 * the request as it arrived (under {@code received}, with the request id the service saw), so a test sees
 * exactly what the gateway forwarded. A few brand ids misbehave on purpose.
 */
final class FakeBrandService {

  /** GET /brands/404: the service answers its own 404 problem. */
  static final long MISSING = 404;
  /** GET /brands/500: the operation throws; the service answers a bare 500 problem. */
  static final long BROKEN = 500;
  /** GET /brands/504: the service never answers. */
  static final long SILENT = 504;

  private FakeBrandService() {
  }

  static void bind(Vertx vertx) {
    Map<String, Function<ServiceRequest, Future<ServiceReply>>> operations = Map.of(
      "listBrands", request -> Future.succeededFuture(ServiceReply.ok(echo(request))),
      "getBrand", FakeBrandService::getBrand,
      "createBrand", request -> Future.succeededFuture(
        ServiceReply.created(echo(request).put("id", 7).put("version", 1), "/brands/7")),
      "updateBrand", request -> Future.succeededFuture(ServiceReply.entity(echo(request).put("version", 2))),
      "archiveBrand", request -> Future.succeededFuture(ServiceReply.noContent()),
      ServiceBinding.HEALTH_OPERATION, request -> Future.succeededFuture(ServiceReply.ok(new JsonObject().put("db", "UP"))));
    ServiceBinding.bind(vertx, "brand.service", operations).await();
  }

  private static Future<ServiceReply> getBrand(ServiceRequest request) {
    long id = request.pathLong("id");
    if (id == MISSING) {
      return Future.failedFuture(Problem.notFound("There is no brand " + id + ".").toException());
    }
    if (id == BROKEN) {
      throw new IllegalStateException("connection to db-7.internal refused");
    }
    if (id == SILENT) {
      return Promise.<ServiceReply>promise().future();
    }
    return Future.succeededFuture(ServiceReply.entity(echo(request).put("id", id).put("version", 3)));
  }

  private static JsonObject echo(ServiceRequest request) {
    return new JsonObject().put("received", request.json()).put("requestId", RequestIds.current());
  }
}
