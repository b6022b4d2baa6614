/**
 * The DNS wire format at the edge of the responder: a strict, allocation-light query parser that
 * never throws on hostile input, and writers for header-only, truncated and record answers.
 */
package dev.shoal.dns.wire;
