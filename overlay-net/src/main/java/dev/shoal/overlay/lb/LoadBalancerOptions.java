package dev.shoal.overlay.lb;

import java.time.Duration;

/**
 * Tuning of the proxy. {@code tcpEventLoops}: over how many of Vert.x's event loops the connections
 * accepted by one TCP frontend are spread (each connection and its backend stay on one loop; two were
 * best on a 2-core host, see bench/lb/README.md).
 */
public record LoadBalancerOptions(int tcpEventLoops, Duration connectTimeout, Duration udpIdleTimeout) {

    public LoadBalancerOptions {
        if (tcpEventLoops < 1) {
            throw new IllegalArgumentException("tcpEventLoops must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || udpIdleTimeout.isNegative() || udpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static LoadBalancerOptions defaults() {
        return new LoadBalancerOptions(2, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public LoadBalancerOptions withTcpEventLoops(int n) {
        return new LoadBalancerOptions(n, connectTimeout, udpIdleTimeout);
    }

    public LoadBalancerOptions withUdpIdleTimeout(Duration d) {
        return new LoadBalancerOptions(tcpEventLoops, connectTimeout, d);
    }
}
