/**
 * Live statistics ({@code GET /stats/live}, Server-Sent Events), served by each gateway from the sales the stats
 * services publish: subscribers with the same filters share one aggregate, started from a stats service's snapshot.
 */
package io.brandstats.gateway.live;
