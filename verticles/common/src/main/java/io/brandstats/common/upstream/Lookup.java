package io.brandstats.common.upstream;

import io.vertx.core.json.JsonObject;

/** An entity read from its owning service, and how fresh it is. */
public record Lookup(JsonObject entity, Freshness freshness) {
}
