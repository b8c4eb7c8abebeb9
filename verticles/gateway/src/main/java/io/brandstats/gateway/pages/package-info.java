/**
 * What the gateway serves itself: the docs and dashboard pages, health, metrics and the contract file.
 * Uses {@code problem}.
 */
package io.brandstats.gateway.pages;
