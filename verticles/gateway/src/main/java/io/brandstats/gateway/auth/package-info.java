/**
 * Who is asking and whether they may: the bearer token read once per request, and each operation's security
 * requirement from the contract, checked first on the operation's route (before its validation) and answered
 * with RFC 6750 challenges. Uses {@code problem}.
 */
package io.brandstats.gateway.auth;
