/**
 * TLS for the API: the cluster's join secret and the keys derived from it, the cluster CA kept in
 * the shared state with its private key sealed by that secret, and the certificate each node issues
 * itself.
 */
package dev.shoal.agent.tls;
