package dev.shoal.agent.firewall;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link PodIsolation} in a real kernel (root and {@code ip netns} needed; fails without them). The
 * node namespace has the pod bridge {@code br0} (198.18.5.1/24), a ClusterIP 198.19.0.10 on
 * loopback and a link to another node (198.51.100.1 - 198.51.100.2); two pod namespaces
 * (198.18.5.2, .3) hang off the bridge. The node serves the API port 7070, the cluster port 5701,
 * DNS (TCP and UDP 53) and 8080 on every address, and a "service" on 198.19.0.10:5701 (bound to the
 * ClusterIP, as the load balancer binds); the other node serves 7070, 5701 and 8080; the second pod
 * serves 7070.
 */
@Tag("netns")
@ExtendWith(VertxExtension.class)
class PodIsolationNetnsTest {

  private static final String GATEWAY = "198.18.5.1";
  private static final String NODE_LINK = "198.51.100.1";
  private static final String OTHER_NODE = "198.51.100.2";
  private static final String CLUSTER_IP = "198.19.0.10";
  private static final String POD2 = "198.18.5.3";

  @Test
  void podsKeepOffNodePortsButKeepDnsServicesPodsAndOtherPorts(Vertx vertx) throws Exception {
    try (Namespaces spaces = new Namespaces()) {
      String node = spaces.add("node");
      String other = spaces.add("other");
      String pod = spaces.add("pod");
      String pod2 = spaces.add("pod2");
      Namespaces.ip(node, "link", "add", "br0", "type", "bridge");
      Namespaces.ip(node, "addr", "add", GATEWAY + "/24", "dev", "br0");
      Namespaces.ip(node, "link", "set", "br0", "up");
      Namespaces.ip(node, "addr", "add", CLUSTER_IP + "/32", "dev", "lo");
      CommandRunner inNode = Namespaces.inside(node);
      inNode.check(List.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=1"));
      Namespaces.veth(node, "no0", NODE_LINK + "/30", other, "on0", OTHER_NODE + "/30");
      Namespaces.ip(other, "route", "add", "198.18.0.0/16", "via", NODE_LINK);
      int n = 0;
      for (String p : List.of(pod, pod2)) {
        n++;
        Namespaces.veth(node, "vp" + n, null, p, "eth0", "198.18.5." + (n + 1) + "/24");
        Namespaces.ip(node, "link", "set", "vp" + n, "master", "br0");
        Namespaces.ip(p, "route", "add", "default", "via", GATEWAY);
      }
      spaces.probe(
          node,
          "tcp:7070",
          "tcp:5701",
          "tcp:53",
          "udp:53",
          "tcp:8080",
          "tcp:" + CLUSTER_IP + ":5701");
      Namespaces.Probe otherNode = spaces.probe(other, "tcp:7070", "tcp:5701", "tcp:8080");
      spaces.probe(pod2, "tcp:7070");
      Namespaces.Probe client = spaces.probe(pod);
      assertTrue(
          client.connects(GATEWAY, 7070) && client.connects(OTHER_NODE, 5701),
          "before isolation pods reach all");

      PodIsolation isolation =
          new PodIsolation(
              vertx,
              inNode,
              Iptables.DEFAULT,
              "br0",
              List.of(PortRange.single(7070), PortRange.single(5701)),
              Cidr.of("198.18.0.0/16"),
              Cidr.of("198.19.0.0/16"));
      assertTrue(await(isolation.apply()));
      assertFalse(await(isolation.apply()), "a second apply changes nothing");

      assertFalse(client.connects(GATEWAY, 7070), "own node's API port");
      assertFalse(client.connects(GATEWAY, 5701), "own node's cluster port");
      assertFalse(client.connects(NODE_LINK, 7070), "own node's API port on its other address");
      assertFalse(client.connects(OTHER_NODE, 7070), "another node's API port");
      assertFalse(client.connects(OTHER_NODE, 5701), "another node's cluster port");
      assertTrue(client.connects(GATEWAY, 53), "DNS over TCP on the bridge address");
      assertEquals(
          "OK", client.ask("udp " + GATEWAY + " 53 800"), "DNS over UDP on the bridge address");
      assertTrue(client.connects(GATEWAY, 8080), "another port of the node");
      assertTrue(client.connects(OTHER_NODE, 8080), "another port of another node");
      assertTrue(
          client.connects(CLUSTER_IP, 5701), "a service bound to its ClusterIP, whatever its port");
      assertFalse(
          client.connects(CLUSTER_IP, 7070),
          "but not the API, listening on every address, through a ClusterIP");
      assertTrue(client.connects(POD2, 7070), "another pod, whatever its port");
      assertTrue(
          otherNode.connects(NODE_LINK, 7070), "the node's ports stay open to the other node");

      for (String dropRule :
          List.of(
              "-i br0 -p tcp -m tcp --dport 7070 -j DROP",
              "-s 198.18.0.0/16 -p tcp -m tcp --dport 7070 -j DROP")) {
        List<String> argv =
            new ArrayList<>(List.of("iptables", "-w", "5", "-D", PodIsolation.FORWARD_CHAIN));
        argv.addAll(List.of(dropRule.split(" ")));
        inNode.check(argv);
      }
      assertTrue(client.connects(OTHER_NODE, 7070), "without its rules the pod gets through");
      assertTrue(await(isolation.apply()), "the deleted rules come back");
      assertFalse(client.connects(OTHER_NODE, 7070));

      await(isolation.remove());
      assertFalse(
          inNode.check(List.of("iptables-save")).contains("SHOAL"),
          "cleanup leaves no SHOAL chain or jump");
      assertFalse(inNode.check(List.of("ip6tables-save")).contains("SHOAL"), "nor in IPv6");
      assertTrue(client.connects(GATEWAY, 7070), "after cleanup pods reach the port again");
    }
  }

  @Test
  void cleanupWithoutConfigurationRemovesEveryChainOfThePackage(Vertx vertx) throws Exception {
    try (Namespaces spaces = new Namespaces()) {
      String node = spaces.add("node");
      CommandRunner inNode = Namespaces.inside(node);
      await(
          new PodIsolation(
                  vertx,
                  inNode,
                  Iptables.DEFAULT,
                  "shoal0",
                  List.of(PortRange.single(7070)),
                  Cidr.of("10.244.0.0/16"),
                  Cidr.of("10.96.0.0/12"))
              .apply());
      await(
          new MemberFirewall(vertx, inNode, Iptables.DEFAULT, PortRange.single(5701), List.of())
              .apply(java.util.Set.of("192.0.2.11")));
      List<String> jumps =
          inNode
              .check(List.of("iptables", "-S", "INPUT"))
              .lines()
              .filter(l -> l.contains("-j SHOAL-"))
              .toList();
      assertEquals(2, jumps.size(), "both chains hook INPUT, side by side: " + jumps);
      assertFalse(
          await(
              new PodIsolation(
                      vertx,
                      inNode,
                      Iptables.DEFAULT,
                      "shoal0",
                      List.of(PortRange.single(7070)),
                      Cidr.of("10.244.0.0/16"),
                      Cidr.of("10.96.0.0/12"))
                  .apply()),
          "the member chain above it is no reason to move");
      assertTrue(FirewallCleanup.removeAll(inNode, Iptables.DEFAULT));
      assertFalse(inNode.check(List.of("iptables-save")).contains("SHOAL"));
      assertFalse(inNode.check(List.of("ip6tables-save")).contains("SHOAL"));
      assertFalse(FirewallCleanup.removeAll(inNode, Iptables.DEFAULT));
    }
  }
}
