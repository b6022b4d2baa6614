package dev.shoal.overlay.lb;

import java.time.Duration;

/**
 * Tuning of the proxy. {@code tcpInstances}: how many server verticle instances bind each TCP
 * frontend (Vert.x spreads accepts over them; two was best on a 2-core host, see DESIGN.md).
 */
public record LoadBalancerOptions(int tcpInstances, Duration connectTimeout, Duration udpIdleTimeout) {

    public LoadBalancerOptions {
        if (tcpInstances < 1) {
            throw new IllegalArgumentException("tcpInstances must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || udpIdleTimeout.isNegative() || udpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static LoadBalancerOptions defaults() {
        return new LoadBalancerOptions(2, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public LoadBalancerOptions withTcpInstances(int n) {
        return new LoadBalancerOptions(n, connectTimeout, udpIdleTimeout);
    }

    public LoadBalancerOptions withUdpIdleTimeout(Duration d) {
        return new LoadBalancerOptions(tcpInstances, connectTimeout, d);
    }
}
