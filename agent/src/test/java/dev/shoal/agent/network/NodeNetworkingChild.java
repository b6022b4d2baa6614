package dev.shoal.agent.network;

import dev.shoal.agent.controllers.network.NodeIpamController;
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
 * namespace (so the dataplane, the overlay and the engine share it): a node gets its subnet, the
 * pod bridge comes up, two pods serve behind a ClusterIP, a third pod reaches both through it and
 * they see its own address, a service without endpoints refuses at once, a pod reaches itself
 * through its service (hairpin), a map element deleted by hand comes back, and stop with cleanup
 * removes the table. Prints {@code RESULT ...} lines; exits 0 when every step worked.
 */
public final class NodeNetworkingChild {

  private NodeNetworkingChild() {}

  public static void main(String[] args) throws Exception {
    String dockerHost = args[0];
    String image = args[1];
    Vertx vertx = Vertx.vertx();
    InMemoryStore store = new InMemoryStore();
    DockerRuntime runtime =
        await(
            DockerRuntime.connect(
                vertx, new DockerConfig(dockerHost, null, Duration.ofSeconds(60), 2)));
    NodeNetworking network =
        new NodeNetworking(
            vertx, store, "n1", Cidr.of("198.18.0.0/16"), new RuntimePodBridges(runtime), true);
    List<String> containers = new ArrayList<>();
    int code = 1;
    try {
      await(store.create(OverlayDesiredTest.node("n1", "192.0.2.10", null)));
      await(network.start());
      await(
          new NodeIpamController(store, new SubnetAllocator(Cidr.of("198.18.0.0/16"), 24))
              .sync(new ObjectKey(Node.KIND, "", "n1")));
      String bridge = await(network.podNetworkReady());
      System.out.println("RESULT network " + bridge);
      String pause = await(runtime.ensureSandboxImage());
      List<EndpointAddress> backends = new ArrayList<>();
      List<String> apps = new ArrayList<>();
      List<String> ips = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        String sandbox =
            await(
                runtime.runSandbox(
                    new SandboxSpec(
                        "nn-pod" + i,
                        pause,
                        bridge,
                        "pod" + i,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of("dev.shoal.test", "nn"))));
        containers.add(sandbox);
        String ip = await(runtime.inspect(sandbox)).ipAddress();
        System.out.println("RESULT pod" + i + " " + ip);
        List<String> command =
            i < 3 ? List.of("netecho", "serve", "8080") : List.of("sleep", "3600");
        String app =
            await(
                runtime.runContainer(
                    new ContainerSpec(
                        "nn-app" + i,
                        sandbox,
                        NETECHO,
                        command,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of("dev.shoal.test", "nn"))));
        containers.add(app);
        apps.add(app);
        ips.add(ip);
        if (i < 3) {
          backends.add(new EndpointAddress(ip, null, "n1", null));
        }
      }
      String client = apps.get(2);
      await(store.create(OverlayDesiredTest.service("web", "198.19.0.10")));
      await(
          store.create(
              new Endpoints(
                  ObjectMeta.named("default", "web"),
                  List.of(
                      new EndpointSubset(
                          backends, null, List.of(new EndpointPort(null, 8080, "TCP")))))));
      await(store.create(OverlayDesiredTest.service("none", "198.19.0.11")));
      await(store.create(new Endpoints(ObjectMeta.named("default", "none"), List.of())));
      await(store.create(OverlayDesiredTest.service("self", "198.19.0.12")));
      await(
          store.create(
              new Endpoints(
                  ObjectMeta.named("default", "self"),
                  List.of(
                      new EndpointSubset(
                          List.of(backends.get(0)),
                          null,
                          List.of(new EndpointPort(null, 8080, "TCP")))))));
      TreeSet<String> seen = new TreeSet<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < 60 && seen.size() < 2; i++) {
        String out = greeting(runtime, client, "198.19.0.10");
        if (out.startsWith("pod")) {
          seen.add(out.split(":")[0]);
        } else {
          Thread.sleep(250);
        }
      }
      // netecho greets with "<hostname> <peer-ip>:<peer-port>": the backend saw the client pod's
      // own address
      System.out.printf(
          "RESULT through ClusterIP %s after %.1f s%n", seen, (System.nanoTime() - t0) / 1e9);
      System.out.println("RESULT client " + ips.get(2));
      long refusedAt = System.nanoTime();
      ExecResult refused =
          await(
              runtime.exec(
                  client,
                  List.of("sh", "-c", "nc -w 3 198.19.0.11 80 </dev/null 2>&1"),
                  Duration.ofSeconds(10)));
      System.out.printf(
          "RESULT no endpoints: %s in %d ms%n",
          refused.output().trim(), (System.nanoTime() - refusedAt) / 1_000_000);
      System.out.println("RESULT hairpin " + greeting(runtime, apps.get(0), "198.19.0.12"));
      // Checked after each transaction on the table (the deletion, then the agent's repair).
      long deleted;
      boolean back;
      try (TableTransactions table =
          TableTransactions.start("inet shoal", Duration.ofSeconds(10))) {
        run(
            "nft",
            "delete",
            "element",
            "inet",
            "shoal",
            "service-ips",
            "{ 198.19.0.10 . tcp . 80 }");
        deleted = System.nanoTime();
        back =
            table.await(
                () ->
                    run("nft", "list", "map", "inet", "shoal", "service-ips")
                        .contains("198.19.0.10 . tcp . 80"),
                Duration.ofSeconds(5));
      }
      System.out.printf(
          "RESULT element %s after %d ms%n",
          back ? "back" : "still missing", (System.nanoTime() - deleted) / 1_000_000);
      code = seen.size() == 2 ? 0 : 2;
    } finally {
      for (String id : containers) {
        await(runtime.remove(id).recover(e -> Future.succeededFuture()));
      }
      await(
          network
              .stop()
              .recover(
                  e -> {
                    System.out.println("RESULT stop failed " + e);
                    return Future.succeededFuture();
                  }));
      System.out.println("RESULT table after cleanup: " + run("nft", "list", "tables"));
      await(runtime.close());
      await(vertx.close());
    }
    System.exit(code);
  }

  static final String NETECHO = "shoal-test/netecho:1";

  /**
   * The first line a netecho server sends through {@code ip:80}, as the pod's container sees it.
   */
  private static String greeting(DockerRuntime runtime, String container, String ip)
      throws Exception {
    ExecResult r =
        await(
            runtime.exec(
                container,
                List.of("sh", "-c", "nc -w 2 " + ip + " 80 </dev/null 2>&1 | head -n 1"),
                Duration.ofSeconds(5)));
    return r.output().trim();
  }

  private static boolean elementPresent() throws Exception {
    return run("nft", "list", "map", "inet", "shoal", "service-ips")
        .contains("198.19.0.10 . tcp . 80");
  }

  private static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
