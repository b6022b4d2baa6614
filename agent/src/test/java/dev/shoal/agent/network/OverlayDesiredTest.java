package dev.shoal.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeAddress;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.NodeStatus;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.vxlan.DesiredOverlay;
import dev.shoal.overlay.vxlan.OverlayNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The overlay's desired state from Nodes and Services, and the underlay device lookup. */
class OverlayDesiredTest {

  static Node node(String name, String ip, String podCidr) {
    NodeStatus status =
        new NodeStatus(
            null,
            null,
            null,
            ip == null
                ? null
                : List.of(new NodeAddress("Hostname", name), new NodeAddress("InternalIP", ip)),
            null);
    return new Node(ObjectMeta.named(null, name), new NodeSpec(podCidr, null, null, null), status);
  }

  static Service service(String name, String ip) {
    return new Service(
        ObjectMeta.named("default", name),
        new ServiceSpec(
            null, null, List.of(new ServicePort(null, null, 80, null, null)), ip, null, null, null),
        null);
  }

  @Test
  void nodesWithSubnetAndAddressAndEveryClusterIp() {
    Optional<DesiredOverlay> d =
        OverlayDesired.build(
            "a",
            List.of(
                node("a", "192.0.2.1", "198.18.0.0/24"), node("b", "192.0.2.2", "198.18.1.0/24"),
                node("c", "192.0.2.3", null), node("d", null, "198.18.3.0/24")),
            List.of(service("web", "198.19.0.10"), service("h", "None"), service("p", null)));
    OverlayNode a = new OverlayNode("a", "192.0.2.1", Cidr.of("198.18.0.0/24"));
    assertEquals(
        new DesiredOverlay(
            a,
            List.of(a, new OverlayNode("b", "192.0.2.2", Cidr.of("198.18.1.0/24"))),
            Set.of("198.19.0.10")),
        d.orElseThrow());
  }

  static Node withReady(Node node, String status) {
    return node.withStatus(
        node.status()
            .withConditions(List.of(new NodeCondition("Ready", status, null, null, null, null))));
  }

  @Test
  void aNodeThatLeftHasNoEntriesUntilItHeartbeatsAgain() {
    Node a = node("a", "192.0.2.1", "198.18.0.0/24");
    Node b = node("b", "192.0.2.2", "198.18.1.0/24");
    OverlayNode oa = new OverlayNode("a", "192.0.2.1", Cidr.of("198.18.0.0/24"));
    OverlayNode ob = new OverlayNode("b", "192.0.2.2", Cidr.of("198.18.1.0/24"));

    assertEquals(
        List.of(oa),
        OverlayDesired.build("a", List.of(withReady(a, "True"), withReady(b, "Unknown")), List.of())
            .orElseThrow()
            .nodes(),
        "b left");
    assertEquals(
        List.of(oa, ob),
        OverlayDesired.build("a", List.of(withReady(a, "True"), withReady(b, "True")), List.of())
            .orElseThrow()
            .nodes(),
        "b is back");
    assertEquals(
        List.of(oa, ob),
        OverlayDesired.build("a", List.of(withReady(a, "True"), withReady(b, "False")), List.of())
            .orElseThrow()
            .nodes(),
        "a NotReady node is still reachable");
    assertEquals(
        Optional.of(oa),
        OverlayDesired.build(
                "a", List.of(withReady(a, "Unknown"), withReady(b, "Unknown")), List.of())
            .map(DesiredOverlay::local),
        "the local node keeps its own overlay whatever others think of it");
  }

  @Test
  void nothingUntilTheLocalNodeHasASubnet() {
    assertTrue(
        OverlayDesired.build("a", List.of(node("a", "192.0.2.1", null)), List.of()).isEmpty());
  }

  @Test
  void underlayDeviceIsTheOneHoldingTheAddress() {
    String json =
        "[{\"ifindex\":1,\"ifname\":\"lo\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"127.0.0.1\"}]},"
            + "{\"ifindex\":2,\"ifname\":\"eth0\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"192.0.2.7\","
            + "\"prefixlen\":24}]},{\"ifindex\":3,\"ifname\":\"docker0\",\"addr_info\":[]}]";
    assertEquals(Optional.of("eth0"), UnderlayDevice.fromJson(json, "192.0.2.7"));
    assertEquals(Optional.empty(), UnderlayDevice.fromJson(json, "192.0.2.8"));
  }
}
