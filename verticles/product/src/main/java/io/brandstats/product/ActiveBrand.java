package io.brandstats.product;

import io.brandstats.common.Problem;
import io.brandstats.common.upstream.Lookup;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.common.upstream.UpstreamException;
import io.vertx.core.Future;

/** A product may only reference a brand that exists and is active, as the brand service says. */
final class ActiveBrand {

  private ActiveBrand() {
  }

  static Future<Lookup> check(UpstreamClient brands, long brandId) {
    return brands.get(brandId)
      .recover(failure -> Future.failedFuture(problemFor(failure, brandId)))
      .map(brand -> {
        if (!"active".equals(brand.entity().getString("status"))) {
          throw unusable(brandId, "Brand " + brandId + " is archived; products cannot reference it.").toException();
        }
        return brand;
      });
  }

  /** An unknown brand is the client's mistake (422); an unreachable brand service is the common 503. */
  private static Throwable problemFor(Throwable failure, long brandId) {
    if (failure instanceof UpstreamException upstream) {
      return upstream.kind() == UpstreamException.Kind.NOT_FOUND
        ? unusable(brandId, "There is no brand " + brandId + ".").toException()
        : upstream.toProblem("the product was not written").toException();
    }
    return failure;
  }

  private static Problem unusable(long brandId, String detail) {
    return Problem.of(422, detail).withFieldError("body", "/brandId", "must name an existing, active brand");
  }
}
