/** What browsers may do with the answers: CORS for the configured origins, and the pages' security headers. */
package io.brandstats.gateway.browser;
