/**
 * What a request may be and how often a client may send one: head size, URI length and the head deadline
 * (enforced while HTTP is decoded), and per-client rate limits. Uses {@code auth} (whose token a limit keys on)
 * and {@code problem}.
 */
package io.brandstats.gateway.limits;
