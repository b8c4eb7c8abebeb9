package io.brandstats.stats.sales;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A sale whose product and store were confirmed by their services, ready to store; index is its place in the request. */
public record ResolvedSale(int index, String eventId, long productId, long storeId, long brandId, int quantity,
                    BigDecimal unitPrice, boolean priceGiven, BigDecimal amount, String currency,
                    LocalDateTime soldAt, Facets facets) {
}
