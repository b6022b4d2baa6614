package dev.shoal.agent.network;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.firewall.MasqueradeRules;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Service;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.link.IpRouteLinkManager;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node's kernel side for real, inside a fresh network namespace (root needed): the overlay fed
 * from the store (routes to the other node's subnet, ClusterIPs on the service device, ip_forward,
 * drift repair, cleanup) and the masquerade chain.
 */
@Tag("netns")
@ExtendWith(VertxExtension.class)
class NodeNetworkNetnsTest {

  private static final CommandRunner HOST = new CommandRunner(List.of(), Duration.ofSeconds(10));
  private final String ns = "shoaltest-net-" + UUID.randomUUID().toString().substring(0, 6);
  private CommandRunner inNs;

  @BeforeEach
  void namespace() throws Exception {
    HOST.check(List.of("ip", "netns", "add", ns));
    inNs = new CommandRunner(List.of("nsenter", "--net=/run/netns/" + ns), Duration.ofSeconds(10));
    ip("link", "set", "lo", "up");
    ip("link", "add", "ul0", "type", "bridge");
    ip("addr", "add", "192.0.2.1/24", "dev", "ul0");
    ip("link", "set", "ul0", "up");
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    HOST.run(List.of("ip", "netns", "del", ns));
    assertFalse(HOST.check(List.of("ip", "netns", "list")).contains(ns));
  }

  private String ip(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
    cmd.addAll(List.of(args));
    return HOST.check(cmd);
  }

  @Test
  void overlayFollowsNodesAndServicesAndRepairsDrift(Vertx vertx) throws Exception {
    InMemoryStore store = new InMemoryStore();
    await(store.create(OverlayDesiredTest.node("a", "192.0.2.1", "198.18.1.0/24")));
    await(store.create(OverlayDesiredTest.node("b", "192.0.2.2", "198.18.2.0/24")));
    await(store.create(OverlayDesiredTest.service("web", "198.19.0.10")));
    NodeOverlay overlay =
        new NodeOverlay(
            vertx,
            store,
            "a",
            IpRouteLinkManager.inNamespace(ns),
            inNs,
            "bridge",
            Duration.ofSeconds(1));
    await(overlay.start());
    try {
      Eventually.check(() -> ip("route", "show", "198.18.2.0/24").contains("dev shoal-vx0"));
      Eventually.check(
          () -> ip("-4", "addr", "show", "dev", "shoal-svc0").contains("198.19.0.10/32"));
      assertEquals("1", inNs.check(List.of("cat", "/proc/sys/net/ipv4/ip_forward")).strip());
      assertTrue(ip("-d", "link", "show", "shoal-vx0").contains("vxlan id 1"));

      await(store.create(OverlayDesiredTest.service("api", "198.19.0.11")));
      Eventually.check(
          () -> ip("-4", "addr", "show", "dev", "shoal-svc0").contains("198.19.0.11/32"));
      await(store.delete(new ObjectKey(Service.KIND, "default", "web")));
      Eventually.check(
          () -> !ip("-4", "addr", "show", "dev", "shoal-svc0").contains("198.19.0.10/32"));

      ip("route", "del", "198.18.2.0/24");
      Eventually.check(() -> ip("route", "show", "198.18.2.0/24").contains("dev shoal-vx0"));
    } finally {
      await(overlay.stop(true));
    }
    assertFalse(ip("link", "show").contains("shoal-"), "cleanup removes every overlay device");
  }

  @Test
  void masqueradeChainHoldsExactlyOneRuleAndGoesAway() throws Exception {
    MasqueradeRules rules = new MasqueradeRules(inNs);
    assertTrue(rules.ensure("198.18.1.0/24", "198.18.0.0/16"));
    assertEquals(
        List.of("-A SHOAL-POSTROUTING -s 198.18.1.0/24 ! -d 198.18.0.0/16 -j MASQUERADE"),
        rules.rules());
    assertTrue(
        inNs.check(List.of("iptables", "-t", "nat", "-S", "POSTROUTING"))
            .contains("-j SHOAL-POSTROUTING"));
    assertEquals(
        List.of(
            "-A SHOAL-FORWARD -s 198.18.0.0/16 -j ACCEPT",
            "-A SHOAL-FORWARD -d 198.18.0.0/16 -j ACCEPT"),
        rules.forwardRules());
    assertTrue(
        inNs.check(List.of("iptables", "-S", "FORWARD"))
            .lines()
            .filter(l -> l.startsWith("-A"))
            .findFirst()
            .orElseThrow()
            .contains("-j SHOAL-FORWARD"),
        "the forward jump comes first");
    assertFalse(rules.ensure("198.18.1.0/24", "198.18.0.0/16"), "a second ensure changes nothing");
    assertTrue(rules.ensure("198.18.3.0/24", "198.18.0.0/16"));
    assertEquals(
        List.of("-A SHOAL-POSTROUTING -s 198.18.3.0/24 ! -d 198.18.0.0/16 -j MASQUERADE"),
        rules.rules());
    rules.remove();
    assertEquals(List.of(), rules.rules());
    assertFalse(
        inNs.check(List.of("iptables", "-t", "nat", "-S", "POSTROUTING")).contains("SHOAL"));
    assertFalse(inNs.check(List.of("iptables", "-S", "FORWARD")).contains("SHOAL"));
    rules.remove();
  }
}
