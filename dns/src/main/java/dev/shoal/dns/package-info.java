/**
 * Shoal's cluster DNS responder: {@link dev.shoal.dns.DnsResponder} answers the cluster zone from a
 * {@link dev.shoal.dns.ClusterRecords} view and forwards every other name upstream.
 */
package dev.shoal.dns;
