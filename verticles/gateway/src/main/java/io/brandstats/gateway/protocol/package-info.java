/**
 * What every answer of the node is, whoever gives it: its {@code X-Request-Id} and {@code X-Content-Type-Options},
 * and, below the routes, the answers to what HTTP decoding refused or the node does not speak (too long a request
 * line, too large a head, bytes that are not HTTP, other HTTP versions, methods it does not implement). Depends on no
 * other gateway package.
 */
package io.brandstats.gateway.protocol;
