/**
 * From a validated operation to its answer: which handler serves each contract operation (a service over the
 * event bus, or the gateway itself), forwarding and its failures (503, 504), the 405 Allow header, and URLs that
 * cannot be decoded. Uses {@code problem}.
 */
package io.brandstats.gateway.routing;
