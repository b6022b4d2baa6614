package dev.shoal.overlay.lb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The node's service proxy. {@link #apply(List)} is level-triggered: it takes the complete desired
 * set of frontends, starts the missing listeners, updates backends and affinity of running ones in
 * place (new connections see the change, established ones are left alone) and stops listeners no
 * longer wanted. A frontend that cannot start (bad protocol, port in use) does not stop the others:
 * the returned future fails with {@link ApplyException} naming each, and the next apply retries them.
 */
public interface LoadBalancer {

    static LoadBalancer create(Vertx vertx, LoadBalancerOptions options) {
        return new VertxLoadBalancer(vertx, options);
    }

    Future<Void> apply(List<ServiceFrontend> desired);

    /** The frontends currently running, as last applied. */
    List<ServiceFrontend> running();

    /**
     * The port the running listener for {@code address} is bound to: its own port, or the one the kernel
     * picked when the frontend asked for port 0 (tests do, so that no port is probed first and bound
     * later); -1 when no such listener runs. A port-0 frontend stays on its port across applies.
     */
    default int boundPort(ServiceFrontend.ListenAddress address) {
        return running().stream().anyMatch(f -> f.listenAddress().equals(address)) ? address.port() : -1;
    }

    /** Stops every listener. */
    Future<Void> close();

    /** Some frontends could not be applied; {@link #problems()} says which and why. */
    final class ApplyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        public ApplyException(List<String> problems) {
            super(String.join("; ", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
