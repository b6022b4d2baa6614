package dev.shoal.agent.network;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shoal.agent.controllers.network.NodeIpamControllerTest;
import dev.shoal.agent.firewall.MasqueradeRules;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pod network waits for the node's subnet, then makes the bridge; ready() says when. */
@ExtendWith(VertxExtension.class)
class PodNetworkTest {

  @Test
  void readyOnlyOnceTheNodeHasASubnet(Vertx vertx) throws Exception {
    InMemoryStore store = new InMemoryStore();
    await(store.create(NodeIpamControllerTest.node("n1", null)));
    List<PodBridgeSpec> ensured = new CopyOnWriteArrayList<>();
    PodBridges bridges =
        new PodBridges() {
          @Override
          public Future<Void> ensure(PodBridgeSpec spec) {
            ensured.add(spec);
            return Future.succeededFuture();
          }

          @Override
          public Future<Void> remove(String name) {
            return Future.succeededFuture();
          }
        };
    // iptables is not what this test is about: every command "succeeds".
    MasqueradeRules noIptables =
        new MasqueradeRules(new CommandRunner(List.of("true"), Duration.ofSeconds(5)));
    PodNetwork network =
        new PodNetwork(
            vertx,
            store,
            "n1",
            Cidr.of("198.18.0.0/16"),
            bridges,
            noIptables,
            Duration.ofMinutes(1));
    await(network.start());
    try {
      assertFalse(network.ready().isComplete());
      await(
          store.modify(
              new ObjectKey(Node.KIND, "", "n1"),
              n ->
                  ((Node) n)
                      .withSpec(
                          new NodeSpec("198.18.4.0/24", List.of("198.18.4.0/24"), null, null))));
      assertEquals("shoal", await(network.ready()));
      PodBridgeSpec spec = ensured.get(0);
      assertEquals(
          new PodBridgeSpec("shoal", "shoal0", Cidr.of("198.18.4.0/24"), "198.18.4.1", 1450), spec);
      assertEquals(
          "false", spec.driverOptions().get("com.docker.network.bridge.enable_ip_masquerade"));
    } finally {
      await(network.stop(false));
    }
  }
}
