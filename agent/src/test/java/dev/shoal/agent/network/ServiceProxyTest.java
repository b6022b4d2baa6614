package dev.shoal.agent.network;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.overlay.lb.Backend;
import dev.shoal.overlay.lb.LoadBalancer;
import dev.shoal.overlay.lb.ServiceFrontend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node's proxy follows services and endpoints in the store (a recording load balancer stands in). */
@ExtendWith(VertxExtension.class)
class ServiceProxyTest {

  /** Records every apply; the frontends of the last one are "running". */
  static final class RecordingLb implements LoadBalancer {
    final List<List<ServiceFrontend>> applies = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public Future<Void> apply(List<ServiceFrontend> desired) {
      applies.add(List.copyOf(desired));
      return Future.succeededFuture();
    }

    @Override
    public List<ServiceFrontend> running() {
      return applies.isEmpty() ? List.of() : applies.get(applies.size() - 1);
    }

    @Override
    public Future<Void> close() {
      closed = true;
      return Future.succeededFuture();
    }
  }

  static Endpoints endpoints(String... ips) {
    List<EndpointAddress> addresses = java.util.Arrays.stream(ips).map(ip -> new EndpointAddress(ip, null, null, null))
        .toList();
    return new Endpoints(ObjectMeta.named("default", "web"), List.of(new EndpointSubset(addresses, null,
        List.of(new EndpointPort("http", 8080, "TCP")))));
  }

  private static List<Backend> backends(RecordingLb lb) {
    return lb.running().isEmpty() ? List.of() : lb.running().get(0).backends();
  }

  @Test
  void endpointChangesReachTheLoadBalancerWithinASecond(Vertx vertx) throws Exception {
    InMemoryStore store = new InMemoryStore();
    RecordingLb lb = new RecordingLb();
    ServiceProxy proxy = new ServiceProxy(vertx, store, lb, Duration.ofMinutes(5));
    await(proxy.start());
    try {
      assertEquals(List.of(), lb.running());
      await(store.create(new Service(ObjectMeta.named("default", "web"), new ServiceSpec(null, null,
          List.of(new ServicePort("http", "TCP", 80, null, null)), "10.96.0.20", null, null, null), null)));
      await(store.create(endpoints("10.244.1.5")));
      Eventually.check(() -> backends(lb).equals(List.of(new Backend("10.244.1.5", 8080))), Duration.ofSeconds(1),
          "first endpoint applied");

      long t0 = System.nanoTime();
      await(store.modify(new ObjectKey(Endpoints.KIND, "default", "web"),
          old -> endpoints("10.244.1.5", "10.244.2.7").withMetadata(old.metadata())));
      Eventually.check(() -> backends(lb).size() == 2, Duration.ofSeconds(1), "endpoint change applied");
      System.out.printf("endpoint change to LB apply: %.1f ms%n", (System.nanoTime() - t0) / 1e6);

      await(store.delete(new ObjectKey(Service.KIND, "default", "web")));
      Eventually.check(() -> lb.running().isEmpty(), Duration.ofSeconds(1), "service removal applied");
    } finally {
      await(proxy.stop());
    }
    assertEquals(true, lb.closed);
  }
}
