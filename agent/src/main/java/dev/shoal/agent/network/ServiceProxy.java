package dev.shoal.agent.network;

import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import dev.shoal.overlay.lb.LoadBalancer;
import dev.shoal.overlay.lb.LoadBalancerOptions;
import dev.shoal.overlay.lb.ServiceFrontend;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every node's service load balancer, fed from the store: on each Service or Endpoints change (watched)
 * and every {@code resync}, the complete frontend set ({@link ServiceFrontends}) is rebuilt from the
 * store's listing (this node's local view on Hazelcast: no network hop) and applied. Changes during an
 * apply collapse into one more apply after it; a failed apply (e.g. a ClusterIP the overlay has not put
 * on the service device yet) is retried after 500 ms.
 */
public final class ServiceProxy {

  private final Vertx vertx;
  private final ClusterStore store;
  private final LoadBalancer lb;
  private final Context context;
  private final CoalescingLoop loop;
  private final List<ClusterStore.Watch> watches = new ArrayList<>();

  public ServiceProxy(Vertx vertx, ClusterStore store, LoadBalancer lb, Duration resync) {
    this.vertx = vertx;
    this.store = store;
    this.lb = lb;
    this.context = vertx.getOrCreateContext();
    this.loop = new CoalescingLoop(context, Timer.system(), "service-proxy", this::applyOnce, resync,
        Backoff.fixed(Duration.ofMillis(500)));
  }

  /** The production setup: the overlay-net proxy on {@code threads} loops of its own, full re-apply every 5 s. */
  public static ServiceProxy create(Vertx vertx, ClusterStore store, int threads) {
    return new ServiceProxy(vertx, store,
        LoadBalancer.create(vertx, LoadBalancerOptions.defaults().withTcpEventLoops(threads)), Duration.ofSeconds(5));
  }

  /** Watches services and endpoints, then applies once; a failing first apply does not fail start. */
  public Future<Void> start() {
    return loop.startOnChangesOf(store, watches, Service.KIND, Endpoints.KIND);
  }

  private Future<Void> applyOnce() {
    return store.list(Service.KIND, null).compose(services -> store.list(Endpoints.KIND, null).compose(eps -> {
      List<Service> s = new ArrayList<>();
      for (Resource r : services.items()) {
        s.add((Service) r);
      }
      List<Endpoints> e = new ArrayList<>();
      for (Resource r : eps.items()) {
        e.add((Endpoints) r);
      }
      return vertx.executeBlocking(() -> nodeAddresses(s))
          .compose(addresses -> lb.apply(ServiceFrontends.build(s, e, addresses)));
    }));
  }

  /** This node's IPv4 addresses that are not ClusterIPs (those sit on the service device too). */
  private static List<String> nodeAddresses(List<Service> services) throws java.net.SocketException {
    java.util.Set<String> clusterIps = new java.util.HashSet<>();
    services.forEach(svc -> {
      if (svc.spec() != null && svc.spec().clusterIP() != null) {
        clusterIps.add(svc.spec().clusterIP());
      }
    });
    return LocalAddresses.ipv4().stream().filter(ip -> !clusterIps.contains(ip)).toList();
  }

  /** Asks for an apply now (e.g. after the overlay put new ClusterIPs on the service device). */
  public void refresh() {
    loop.trigger();
  }

  /** Stops watching and closes every listener. */
  public Future<Void> stop() {
    loop.stop();
    return Future.<Void>future(p -> context.runOnContext(v -> {
      watches.forEach(ClusterStore.Watch::cancel);
      watches.clear();
      p.complete();
    })).compose(v -> lb.close());
  }
}
