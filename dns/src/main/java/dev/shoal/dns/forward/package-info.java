/**
 * Forwarding of names outside the cluster zone: a minimal UDP client on the responder's event loop
 * that relays queries to upstream resolvers (a secure random id and a random source port from a
 * rotated pool per upstream query, answers accepted only from the upstream asked), coalesces
 * identical queries in flight, fails over on timeout, answers SERVFAIL when every upstream is
 * silent, and caches answers for their TTL (negative answers for the SOA minimum).
 */
package dev.shoal.dns.forward;
