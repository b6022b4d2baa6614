package dev.shoal.agent.controllers.network;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shoal.agent.control.ControllerRunner;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.SubnetAllocator;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Node pod subnets: lowest free, existing ones kept, never changed, fenced after the term ends. */
@ExtendWith(VertxExtension.class)
public class NodeIpamControllerTest {

  private final InMemoryStore store = new InMemoryStore();
  private final SubnetAllocator subnets = new SubnetAllocator(Cidr.of("198.18.0.0/16"), 24);

  public static Node node(String name, String podCidr) {
    return new Node(ObjectMeta.named(null, name), new NodeSpec(podCidr, null, null, null), null);
  }

  private String podCidr(String name) throws Exception {
    return ((Node) await(store.get(new ObjectKey(Node.KIND, "", name)))).spec().podCIDR();
  }

  @Test
  void everyNodeGetsTheLowestFreeSubnetAndKeepsIt(Vertx vertx) throws Exception {
    await(store.create(node("b", "198.18.1.0/24")));
    ControllerRunner runner =
        new ControllerRunner(vertx, store, new NodeIpamController(store, subnets));
    await(runner.start());
    try {
      for (String n : List.of("a", "c", "d")) {
        await(store.create(node(n, null)));
      }
      Eventually.check(() -> podCidr("a") != null && podCidr("c") != null && podCidr("d") != null);
      TreeMap<String, String> got = new TreeMap<>();
      for (String n : List.of("a", "b", "c", "d")) {
        got.put(n, podCidr(n));
      }
      assertEquals(4, got.values().stream().distinct().count(), got.toString());
      assertEquals("198.18.1.0/24", got.get("b"));
      assertEquals(
          List.of("198.18.0.0/24", "198.18.1.0/24", "198.18.2.0/24", "198.18.3.0/24"),
          got.values().stream().sorted().toList());
      Node a = (Node) await(store.get(new ObjectKey(Node.KIND, "", "a")));
      assertEquals(List.of(a.spec().podCIDR()), a.spec().podCIDRs());

      await(store.delete(new ObjectKey(Node.KIND, "", "a")));
      await(store.create(node("e", null)));
      Eventually.check(() -> podCidr("e") != null);
      assertEquals(got.get("a"), podCidr("e"), "a deleted node's subnet is free again");
      assertEquals(got.get("c"), podCidr("c"));
    } finally {
      await(runner.stop());
    }
  }

  @Test
  void syncsOfManyNodesAtOnceNeverShareASubnet() throws Exception {
    NodeIpamController controller = new NodeIpamController(store, subnets);
    for (int i = 0; i < 10; i++) {
      await(store.create(node("n" + i, null)));
    }
    var syncs = new java.util.ArrayList<io.vertx.core.Future<Void>>();
    for (int i = 0; i < 10; i++) {
      syncs.add(controller.sync(new ObjectKey(Node.KIND, "", "n" + i)));
    }
    await(io.vertx.core.Future.all(syncs));
    var cidrs = new java.util.HashSet<String>();
    for (int i = 0; i < 10; i++) {
      cidrs.add(podCidr("n" + i));
    }
    assertEquals(10, cidrs.size());
  }

  @Test
  void aDeposedLeadersWriteIsRefused() throws Exception {
    long epoch = await(store.bumpEpoch());
    NodeIpamController old = new NodeIpamController(store.fenced(epoch), subnets);
    await(store.bumpEpoch());
    await(store.create(node("x", null)));
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> await(old.sync(new ObjectKey(Node.KIND, "", "x"))));
    assertEquals(
        StoreException.Reason.FENCED,
        assertInstanceOf(StoreException.class, e.getCause()).reason());
    assertNull(podCidr("x"));
  }
}
