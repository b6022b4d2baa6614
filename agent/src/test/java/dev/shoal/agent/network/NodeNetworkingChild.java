package dev.shoal.agent.network;

import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.agent.runtime.ExecResult;
import dev.shoal.agent.runtime.SandboxSpec;
import dev.shoal.agent.runtime.docker.DockerConfig;
import dev.shoal.agent.runtime.docker.DockerRuntime;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.SubnetAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The node side of {@link NodeNetworkingNetnsTest}, run as a separate JVM inside the test's network
 * namespace (so the proxy, the overlay and the engine share it): a node gets its subnet, the pod bridge
 * comes up, two pods serve behind a ClusterIP, and a third pod reaches both through it. Prints
 * {@code RESULT ...} lines; exits 0 when every step worked.
 */
public final class NodeNetworkingChild {

  private NodeNetworkingChild() {}

  public static void main(String[] args) throws Exception {
    String dockerHost = args[0];
    String image = args[1];
    Vertx vertx = Vertx.vertx();
    InMemoryStore store = new InMemoryStore();
    DockerRuntime runtime = await(DockerRuntime.connect(vertx, new DockerConfig(dockerHost, null,
        Duration.ofSeconds(60), 2)));
    NodeNetworking network = new NodeNetworking(vertx, store, "n1", Cidr.of("198.18.0.0/16"),
        new RuntimePodBridges(runtime), true, 1);
    List<String> containers = new ArrayList<>();
    int code = 1;
    try {
      await(store.create(OverlayDesiredTest.node("n1", "192.0.2.10", null)));
      await(network.start());
      await(new NodeIpamController(store, new SubnetAllocator(Cidr.of("198.18.0.0/16"), 24))
          .sync(new ObjectKey(Node.KIND, "", "n1")));
      String bridge = await(network.podNetworkReady());
      System.out.println("RESULT network " + bridge);
      String pause = await(runtime.ensureSandboxImage());
      List<EndpointAddress> backends = new ArrayList<>();
      String client = null;
      for (int i = 1; i <= 3; i++) {
        String sandbox = await(runtime.runSandbox(new SandboxSpec("nn-pod" + i, pause, bridge, "pod" + i, List.of(),
            List.of(), List.of(), List.of(), Map.of("dev.shoal.test", "nn"))));
        containers.add(sandbox);
        String ip = await(runtime.inspect(sandbox)).ipAddress();
        System.out.println("RESULT pod" + i + " " + ip);
        String app = await(runtime.runContainer(new ContainerSpec("nn-app" + i, sandbox, image, List.of("sh", "-c",
            "while true; do echo hello-pod" + i + " | nc -l -p 8080; done"), null, null, null, null, null, null,
            Map.of("dev.shoal.test", "nn"))));
        containers.add(app);
        if (i < 3) {
          backends.add(new EndpointAddress(ip, null, null, null));
        } else {
          client = app;
        }
      }
      await(store.create(OverlayDesiredTest.service("web", "198.19.0.10")));
      await(store.create(new Endpoints(ObjectMeta.named("default", "web"), List.of(new EndpointSubset(backends, null,
          List.of(new EndpointPort(null, 8080, "TCP")))))));
      TreeSet<String> seen = new TreeSet<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < 60 && seen.size() < 2; i++) {
        ExecResult r = await(runtime.exec(client, List.of("sh", "-c", "nc -w 2 198.19.0.10 80 </dev/null"),
            Duration.ofSeconds(5)));
        String out = r.output().trim();
        if (out.startsWith("hello-")) {
          seen.add(out);
        } else {
          Thread.sleep(250);
        }
      }
      System.out.printf("RESULT through ClusterIP %s after %.1f s%n", seen, (System.nanoTime() - t0) / 1e9);
      code = seen.size() == 2 ? 0 : 2;
    } finally {
      for (String id : containers) {
        await(runtime.remove(id).recover(e -> Future.succeededFuture()));
      }
      await(network.stop().recover(e -> {
        System.out.println("RESULT stop failed " + e);
        return Future.succeededFuture();
      }));
      await(runtime.close());
      await(vertx.close());
    }
    System.exit(code);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
