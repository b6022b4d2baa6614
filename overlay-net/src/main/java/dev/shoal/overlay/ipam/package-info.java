/**
 * Address management as pure functions over immutable values: CIDR arithmetic, node subnets carved
 * from the cluster pod CIDR, service ClusterIPs and pod IPs inside one node's subnet. No I/O, so
 * the agent can run every decision inside an atomic compare-and-set on the shared store.
 */
package dev.shoal.overlay.ipam;
