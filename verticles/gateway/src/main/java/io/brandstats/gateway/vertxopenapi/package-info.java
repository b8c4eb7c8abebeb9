/**
 * Where the gateway builds on vertx-openapi internals ({@code io.vertx.openapi.*.impl}) or works around its
 * behaviour. Each class names what it works around and the release from which it is no longer needed, so the
 * package shrinks as the library is upgraded. Depends on no other gateway package.
 */
package io.brandstats.gateway.vertxopenapi;
