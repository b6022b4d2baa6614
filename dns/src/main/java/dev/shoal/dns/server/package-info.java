/**
 * The Netty edge: UDP and TCP handlers that hand each message to the {@link
 * dev.shoal.dns.server.QueryProcessor}, which answers from the zone index or hands the query to the
 * forwarder.
 */
package dev.shoal.dns.server;
