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
import dev.shoal.overlay.lb.LoadBalancer;
import dev.shoal.overlay.lb.LoadBalancerOptions;
import dev.shoal.overlay.lb.ServiceFrontend.ListenAddress;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real proxy behind {@link ServiceProxy}, on loopback: a "ClusterIP" of 127.0.0.2 (a local address
 * without any setup), two greeting backends, a real TCP client; endpoint changes move new connections.
 */
class ServiceProxyLoopbackTest {

  private static NetServer greeter(Vertx vertx, String id) throws Exception {
    return await(vertx.createNetServer().connectHandler(s -> s.end(Buffer.buffer(id + "\n"))).listen(0, "127.0.0.1"));
  }

  private static String greeting(int port) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.2", port), 2000);
      s.setSoTimeout(2000);
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
  }

  private static Endpoints endpoints(int port) {
    return new Endpoints(ObjectMeta.named("default", "web"), List.of(new EndpointSubset(
        List.of(new EndpointAddress("127.0.0.1", null, null, null)), null, List.of(new EndpointPort(null, port, null)))));
  }

  @Test
  void connectionsFollowTheEndpoints() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      NetServer a = greeter(vertx, "a");
      NetServer b = greeter(vertx, "b");
      InMemoryStore store = new InMemoryStore();
      LoadBalancer lb = LoadBalancer.create(vertx, LoadBalancerOptions.defaults());
      ServiceProxy proxy = new ServiceProxy(vertx, store, lb, Duration.ofSeconds(5));
      await(proxy.start());
      // port 0: the proxy binds whatever the kernel gives and the test reads it back (no probed port to lose)
      await(store.create(new Service(ObjectMeta.named("default", "web"), new ServiceSpec(null, null,
          List.of(new ServicePort(null, "TCP", 0, null, null)), "127.0.0.2", null, null, null), null)));
      await(store.create(endpoints(a.actualPort())));
      ListenAddress frontend = new ListenAddress("TCP", "127.0.0.2", 0);
      Eventually.check(() -> lb.boundPort(frontend) > 0);
      int servicePort = lb.boundPort(frontend);
      Eventually.check(() -> "a".equals(greetingOrNull(servicePort)));

      await(store.modify(new ObjectKey(Endpoints.KIND, "default", "web"),
          old -> endpoints(b.actualPort()).withMetadata(old.metadata())));
      Eventually.check(() -> "b".equals(greetingOrNull(servicePort)), Duration.ofSeconds(1), "moved to b");
      assertEquals("b", greeting(servicePort));
      await(proxy.stop());
    } finally {
      await(vertx.close());
    }
  }

  private static String greetingOrNull(int port) {
    try {
      return greeting(port);
    } catch (Exception e) {
      return null;
    }
  }
}
