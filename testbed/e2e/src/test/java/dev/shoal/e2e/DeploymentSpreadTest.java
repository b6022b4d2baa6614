package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A Deployment submitted to one host spreads its replicas evenly over the three hosts, and a
 * container finds the Service by name through its own resolver (the node's cluster DNS).
 */
@SharedBed(namespace = Sleepers.NAMESPACE)
class DeploymentSpreadTest extends ThreeHostTestbed {

  private static final Pattern PING_ADDRESS =
      Pattern.compile("^PING \\S+ \\(([0-9.]+)\\)", Pattern.MULTILINE);

  @Test
  void sixReplicasSpreadTwoPerHostAndBecomeReady() {
    List<PodView> pods = deploySleepers(api(2));

    assertEquals(Map.of("h1", 2L, "h2", 2L, "h3", 2L), perNode(pods), "replicas per node");
    for (Host host : hosts) {
      assertEquals(
          2, appContainers(host), "running app containers in " + host.name() + "'s engine");
    }
    for (ShoalApi other : apis) {
      assertEquals(
          pods.stream().map(PodView::uid).sorted().toList(),
          serving(other).stream().map(PodView::uid).sorted().toList(),
          other.host().name() + "'s view of the pods");
    }
  }

  @Test
  void aContainerResolvesTheServiceByShortNamespacedAndFullName() {
    deploySleepers(api(2));
    JsonNode service =
        api(1).get("/api/v1/namespaces/" + Sleepers.NAMESPACE + "/services/sleepers");
    Set<String> expected = expectedAddresses(service);
    String container = Probes.anyAppContainer(host(1), Sleepers.NAMESPACE);
    // ping resolves through the C library, so the search path and ndots:5 of the pod's resolv.conf
    // apply.
    for (String name : List.of("sleepers", "sleepers.e2e", "sleepers.e2e.svc.cluster.local")) {
      long start = System.nanoTime();
      String ping = Probes.inContainer(host(1), container, "ping -c1 -W1 " + name + " 2>&1; true");
      Matcher resolved = PING_ADDRESS.matcher(ping);
      assertTrue(resolved.find(), name + " did not resolve in a container on h1: " + ping);
      assertTrue(
          expected.contains(resolved.group(1)),
          name + " resolved to " + resolved.group(1) + ", not one of " + expected);
      figure("dns %s -> %s in %s", name, resolved.group(1), since(start));
    }
    // nslookup shows the whole answer; it applies no search path to a name with a dot, so ask the
    // full name.
    String full =
        Probes.inContainer(host(1), container, "nslookup sleepers.e2e.svc.cluster.local; true");
    assertEquals(
        expected, resolvedAddresses(full), "every address of sleepers.e2e.svc.cluster.local");
  }

  /** The ClusterIP, or for a service without one (headless) its ready endpoints. */
  private static Set<String> expectedAddresses(JsonNode service) {
    String clusterIp = service.path("spec").path("clusterIP").asText("");
    if (!clusterIp.isEmpty() && !clusterIp.equals("None")) {
      return Set.of(clusterIp);
    }
    return Poll.until(
        "6 ready endpoints",
        SETTLE_LIMIT,
        () -> {
          Set<String> ips = new TreeSet<>();
          api(1)
              .get("/api/v1/namespaces/" + Sleepers.NAMESPACE + "/endpoints/sleepers")
              .path("subsets")
              .forEach(
                  subset -> subset.path("addresses").forEach(a -> ips.add(a.path("ip").asText())));
          return ips;
        },
        ips -> ips.size() == Sleepers.REPLICAS);
  }

  /**
   * The answer addresses in busybox nslookup's output: the "Address" lines after a "Name:" line.
   */
  private static Set<String> resolvedAddresses(String output) {
    Set<String> ips = new TreeSet<>();
    boolean answers = false;
    for (String line : output.lines().toList()) {
      if (line.startsWith("Name:")) {
        answers = true;
      } else if (answers && line.startsWith("Address")) {
        ips.add(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return ips;
  }
}
