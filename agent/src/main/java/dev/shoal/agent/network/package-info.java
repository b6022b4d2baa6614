/**
 * The cluster network in the agent: node pod subnets (leader), ClusterIP and NodePort claims (API side,
 * with a leader sweeper), each node's pod bridge, masquerading, VXLAN overlay and service load balancer,
 * and the service environment variables pods get. Builds on the {@code overlay-net} module.
 */
package dev.shoal.agent.network;
