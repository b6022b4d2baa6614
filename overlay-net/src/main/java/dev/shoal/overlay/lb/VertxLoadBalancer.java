package dev.shoal.overlay.lb;

import dev.shoal.overlay.lb.ServiceFrontend.ListenAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LoadBalancer} on Vert.x: one verticle per frontend ({@link TcpProxyVerticle} or
 * {@link UdpProxyVerticle}) with its {@link BackendPicker}; TCP connections run on the balancer's own
 * {@link ProxyLoops}. Applies run one after another.
 */
final class VertxLoadBalancer implements LoadBalancer {

    private static final Logger LOG = LoggerFactory.getLogger(VertxLoadBalancer.class);
    private static final long SWEEP_MILLIS = 10_000;

    private record Running(ServiceFrontend frontend, BackendPicker picker, String deploymentId, int boundPort) {
    }

    private final Vertx vertx;
    private final LoadBalancerOptions options;
    private final ProxyLoops tcpLoops;
    private final Map<ListenAddress, Running> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private final long sweepTimer;
    private Future<Void> tail = Future.succeededFuture();

    VertxLoadBalancer(Vertx vertx, LoadBalancerOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.tcpLoops = ProxyLoops.create(vertx, options.tcpEventLoops(), options.preferIoUring());
        this.sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> snapshot().forEach(r -> r.picker().sweep()));
    }

    @Override
    public synchronized Future<Void> apply(List<ServiceFrontend> desired) {
        List<ServiceFrontend> copy = List.copyOf(desired);
        tail = tail.transform(ignored -> reconcile(copy));
        return tail;
    }

    @Override
    public List<ServiceFrontend> running() {
        return snapshot().stream().map(Running::frontend).toList();
    }

    @Override
    public int boundPort(ListenAddress address) {
        Running r = running.get(address);
        return r == null ? -1 : r.boundPort();
    }

    @Override
    public Future<Void> close() {
        vertx.cancelTimer(sweepTimer);
        return apply(List.of()).recover(e -> Future.succeededFuture())
                .compose(v -> Future.<Void>future(done -> tcpLoops.close().addListener(f -> done.complete())));
    }

    private List<Running> snapshot() {
        synchronized (running) {
            return new ArrayList<>(running.values());
        }
    }

    private Future<Void> reconcile(List<ServiceFrontend> desired) {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Map<ListenAddress, ServiceFrontend> wanted = new HashMap<>();
        for (ServiceFrontend f : desired) {
            String problem = f.problem();
            if (problem != null) {
                problems.add(problem);
            } else if (wanted.putIfAbsent(f.listenAddress(), f) != null) {
                problems.add(f.key() + ": " + f.listenAddress() + " is already used by " + wanted.get(f.listenAddress()).key());
            }
        }
        List<Future<?>> work = new ArrayList<>();
        for (Running r : snapshot()) {
            ListenAddress address = r.frontend().listenAddress();
            ServiceFrontend next = wanted.get(address);
            if (next == null) {
                running.remove(address);
                work.add(vertx.undeploy(r.deploymentId())
                        .onFailure(e -> LOG.warn("{}: stopping failed: {}", r.frontend().key(), e.getMessage())));
            } else {
                r.picker().update(next.backends(), next.affinity());
                running.put(address, new Running(next, r.picker(), r.deploymentId(), r.boundPort()));
            }
        }
        for (ServiceFrontend f : wanted.values()) {
            if (!running.containsKey(f.listenAddress())) {
                work.add(start(f).onFailure(e -> problems.add(f.key() + ": cannot listen on "
                        + f.listenAddress() + ": " + e.getMessage())));
            }
        }
        return Future.join(work).transform(ignored -> problems.isEmpty()
                ? Future.succeededFuture()
                : Future.failedFuture(new ApplyException(problems)));
    }

    private Future<String> start(ServiceFrontend f) {
        BackendPicker picker = new BackendPicker(f.backends(), f.affinity());
        if (ServiceFrontend.TCP.equals(f.protocol())) {
            TcpProxyVerticle verticle = new TcpProxyVerticle(f.key(), f.ip(), f.port(), picker, options, tcpLoops);
            return vertx.deployVerticle(verticle).onSuccess(id -> started(f, picker, id, verticle.boundPort()));
        }
        UdpProxyVerticle verticle = new UdpProxyVerticle(f.key(), f.ip(), f.port(), picker, options);
        return vertx.deployVerticle(verticle).onSuccess(id -> started(f, picker, id, verticle.boundPort()));
    }

    private void started(ServiceFrontend f, BackendPicker picker, String deploymentId, int boundPort) {
        running.put(f.listenAddress(), new Running(f, picker, deploymentId, boundPort));
        LOG.info("{}: listening on {}{} with {} backends", f.key(), f.listenAddress(),
                f.port() == 0 ? " (bound port " + boundPort + ")" : "", f.backends().size());
    }
}
