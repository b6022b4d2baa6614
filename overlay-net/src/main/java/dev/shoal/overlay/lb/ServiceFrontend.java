package dev.shoal.overlay.lb;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing the load balancer listens on and where it sends the traffic: a service port (ClusterIP
 * or NodePort) with its current ready backends. {@code key} names it in logs and errors, for example
 * {@code default/web:http/TCP}. The listener is identified by protocol, ip and port: when only the
 * backends or the affinity change, the running listener is updated in place.
 */
public record ServiceFrontend(String key, String protocol, String ip, int port, List<Backend> backends,
                              Affinity affinity) {

    public static final String TCP = "TCP";
    public static final String UDP = "UDP";

    public ServiceFrontend {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ip, "ip");
        protocol = protocol == null ? TCP : protocol.toUpperCase(Locale.ROOT);
        backends = List.copyOf(backends);
        affinity = affinity == null ? Affinity.NONE : affinity;
    }

    public static ServiceFrontend tcp(String key, String ip, int port, List<Backend> backends) {
        return new ServiceFrontend(key, TCP, ip, port, backends, Affinity.NONE);
    }

    public static ServiceFrontend udp(String key, String ip, int port, List<Backend> backends) {
        return new ServiceFrontend(key, UDP, ip, port, backends, Affinity.NONE);
    }

    public ServiceFrontend withBackends(List<Backend> next) {
        return new ServiceFrontend(key, protocol, ip, port, next, affinity);
    }

    public ServiceFrontend withAffinity(Affinity next) {
        return new ServiceFrontend(key, protocol, ip, port, backends, next);
    }

    public ListenAddress listenAddress() {
        return new ListenAddress(protocol, ip, port);
    }

    /** Why this frontend cannot run, or null when it can. */
    String problem() {
        if (!TCP.equals(protocol) && !UDP.equals(protocol)) {
            return key + ": protocol '" + protocol + "' is not supported (TCP or UDP)";
        }
        if (port < 0 || port > 65535) {
            return key + ": port " + port + " is out of range";
        }
        return null;
    }

    /** What a listener is bound to; two frontends may not share one. */
    public record ListenAddress(String protocol, String ip, int port) {
        @Override
        public String toString() {
            return protocol + " " + ip + ":" + port;
        }
    }
}
