package dev.shoal.overlay.lb;

import java.time.Duration;

/**
 * Tuning of the proxy. {@code tcpEventLoops}: how many event loops of its own ({@link ProxyLoops}) the
 * proxy spreads TCP connections over (each connection and its backend stay on one loop);
 * {@code preferIoUring}: make them io_uring loops where the kernel allows it (see bench/lb/README.md for
 * the measurements behind both defaults).
 */
public record LoadBalancerOptions(int tcpEventLoops, Duration connectTimeout, Duration udpIdleTimeout,
                                  boolean preferIoUring) {

    public LoadBalancerOptions {
        if (tcpEventLoops < 1) {
            throw new IllegalArgumentException("tcpEventLoops must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || udpIdleTimeout.isNegative() || udpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /**
     * One TCP loop: the proxy's threads compete with the pods for the node's cores, and on a 2-core host a
     * second one added scheduling delay (tail latency) rather than throughput.
     */
    public static LoadBalancerOptions defaults() {
        return new LoadBalancerOptions(1, Duration.ofSeconds(2), Duration.ofSeconds(30), true);
    }

    public LoadBalancerOptions withTcpEventLoops(int n) {
        return new LoadBalancerOptions(n, connectTimeout, udpIdleTimeout, preferIoUring);
    }

    public LoadBalancerOptions withUdpIdleTimeout(Duration d) {
        return new LoadBalancerOptions(tcpEventLoops, connectTimeout, d, preferIoUring);
    }
}
