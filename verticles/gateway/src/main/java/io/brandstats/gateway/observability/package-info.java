/** What an operator sees of each request: its X-Request-Id and access-log line, and the HTTP meters by route. */
package io.brandstats.gateway.observability;
