/** How a failure becomes an answer: RFC 9457 problem+json, never a stack trace. Depends on no other gateway package. */
package io.brandstats.gateway.problem;
