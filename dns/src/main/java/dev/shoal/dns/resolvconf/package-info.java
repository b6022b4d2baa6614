/**
 * resolv.conf as data: reading the host's (for upstream resolvers and the "Default" DNS policy) and
 * rendering a pod's per Kubernetes dnsPolicy and dnsConfig. Pure functions over strings.
 */
package dev.shoal.dns.resolvconf;
