/**
 * The per-node service load balancer, one listener per service frontend, strict round-robin over the
 * ready backends with optional ClientIP affinity, driven level-triggered through
 * {@link dev.shoal.overlay.lb.LoadBalancer#apply(java.util.List)}. Each frontend is a Vert.x verticle;
 * TCP connections are spliced in plain Netty ({@link dev.shoal.overlay.lb.TcpSplice}) on the proxy's own
 * event loops ({@link dev.shoal.overlay.lb.ProxyLoops}, io_uring where the kernel allows it), UDP runs
 * as datagram sessions on Vert.x's loops.
 */
package dev.shoal.overlay.lb;
