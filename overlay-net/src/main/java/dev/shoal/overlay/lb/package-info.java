/**
 * The per-node service load balancer: a TCP and a UDP proxy on Vert.x, one listener per service
 * frontend, strict round-robin over the ready backends with optional ClientIP affinity, driven
 * level-triggered through {@link dev.shoal.overlay.lb.LoadBalancer#apply(java.util.List)}.
 */
package dev.shoal.overlay.lb;
