package dev.shoal.overlay.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The plan on a real kernel. Three throwaway network namespaces: "node" holds the table and routes
 * between "pods" (198.18.1.0/24 on one veth, two server addresses .5 and .6) and "client"
 * (198.18.2.9 on another veth, standing for a pod on another node; the node's end is 198.18.2.1,
 * also its NodePort address). Servers answer each connection or datagram with who answered and whom
 * they saw. Needs root and /usr/bin/python3.
 */
@Tag("netns")
class NftNetnsTest {

  private static final String ID = UUID.randomUUID().toString().substring(0, 6);
  private static final String NODE = "shoaltest-nft-" + ID + "-n";
  private static final String PODS = "shoaltest-nft-" + ID + "-p";
  private static final String CLIENT = "shoaltest-nft-" + ID + "-c";
  private static final CommandRunner HOST = new CommandRunner(List.of(), Duration.ofSeconds(10));
  private static final Target S5 = new Target("198.18.1.5", 8080, true);
  private static final Target S6 = new Target("198.18.1.6", 8080, true);

  private static Nft nft;
  private static Process servers;
  private static Path probe;

  @BeforeAll
  static void buildNamespaces() throws Exception {
    for (String ns : List.of(NODE, PODS, CLIENT)) {
      HOST.check(List.of("ip", "netns", "add", ns));
      ip(ns, "link", "set", "lo", "up");
    }
    HOST.check(
        List.of(
            "ip", "link", "add", "p" + ID, "netns", NODE, "type", "veth", "peer", "name", "eth0",
            "netns", PODS));
    HOST.check(
        List.of(
            "ip", "link", "add", "c" + ID, "netns", NODE, "type", "veth", "peer", "name", "eth0",
            "netns", CLIENT));
    ip(NODE, "addr", "add", "198.18.1.1/24", "dev", "p" + ID);
    ip(NODE, "addr", "add", "198.18.2.1/24", "dev", "c" + ID);
    ip(NODE, "link", "set", "p" + ID, "up");
    ip(NODE, "link", "set", "c" + ID, "up");
    ip(
        NODE,
        "route",
        "add",
        "198.19.0.0/16",
        "dev",
        "c" + ID); // without rules a ClusterIP would leave this way
    in(NODE, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    ip(PODS, "addr", "add", "198.18.1.5/24", "dev", "eth0");
    ip(PODS, "addr", "add", "198.18.1.6/24", "dev", "eth0");
    ip(PODS, "link", "set", "eth0", "up");
    ip(PODS, "route", "add", "default", "via", "198.18.1.1");
    ip(CLIENT, "addr", "add", "198.18.2.9/24", "dev", "eth0");
    ip(CLIENT, "link", "set", "eth0", "up");
    ip(CLIENT, "route", "add", "default", "via", "198.18.2.1");
    probe = Files.createTempFile("nft-probe", ".py");
    try (var in = NftNetnsTest.class.getResourceAsStream("/nft-probe.py")) {
      Files.write(probe, in.readAllBytes());
    }
    servers =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                PODS,
                "/usr/bin/python3",
                probe.toString(),
                "serve",
                "198.18.1.5:8080",
                "198.18.1.6:8080")
            .redirectErrorStream(true)
            .start();
    String ready =
        new BufferedReader(new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    assertEquals("ready", ready);
    nft =
        Nft.shoal(new CommandRunner(List.of("ip", "netns", "exec", NODE), Duration.ofSeconds(20)));
  }

  @AfterAll
  static void removeNamespaces() throws Exception {
    if (servers != null) {
      servers.destroyForcibly().waitFor();
    }
    for (String ns : List.of(NODE, PODS, CLIENT)) {
      HOST.run(List.of("ip", "netns", "del", ns));
    }
    if (probe != null) {
      Files.deleteIfExists(probe);
    }
  }

  static DataplaneSpec spec(ServicePortRule... services) {
    return new DataplaneSpec(
        "198.18.0.0/16", "198.18.1.0/24", List.of("198.18.2.1"), List.of(services));
  }

  static ServicePortRule web(List<Target> targets) {
    return ServicePortRule.clusterIp("t/web/http", Protocol.TCP, "198.19.0.10", 80, targets);
  }

  static ServicePortRule dns(List<Target> targets) {
    return ServicePortRule.clusterIp("t/dns/dns", Protocol.UDP, "198.19.0.11", 53, targets);
  }

  @Test
  void clusterIpsAreDnatedRoundRobinKeepingThePodClientsAddress() throws Exception {
    load(spec(web(List.of(S5, S6)), dns(List.of(S5, S6))));
    List<String> tcp = run(CLIENT, "tcp", "198.19.0.10", "80", "6");
    assertEquals(
        Map.of("198.18.1.5:8080 198.18.2.9", 3, "198.18.1.6:8080 198.18.2.9", 3),
        count(tcp),
        "strict round-robin, the server sees the client pod: " + tcp);
    for (int i = 0; i < tcp.size() - 1; i++) {
      assertTrue(!tcp.get(i).equals(tcp.get(i + 1)), "alternating: " + tcp);
    }
    List<String> udp = run(CLIENT, "udp", "198.19.0.11", "53", "4");
    assertEquals(4, udp.size());
    assertEquals(1, count(udp).size(), "one UDP flow stays on one endpoint: " + udp);
    assertTrue(udp.get(0).endsWith(" 198.18.2.9"), udp.toString());
  }

  @Test
  void withoutEndpointsAConnectionIsRefusedAtOnce() throws Exception {
    load(spec(web(List.of())));
    for (String ns : List.of(CLIENT, NODE)) {
      List<String> out = run(ns, "tcp", "198.19.0.10", "80", "1");
      assertTrue(out.get(0).startsWith("refused "), ns + ": " + out);
      assertTrue(
          Integer.parseInt(out.get(0).substring("refused ".length())) < 1000, out.toString());
    }
    List<String> unknownPort = run(CLIENT, "tcp", "198.19.0.10", "81", "1");
    assertTrue(unknownPort.get(0).startsWith("refused "), unknownPort.toString());
  }

  @Test
  void nodePortsMasqueradeForClusterPolicyAndKeepTheClientForLocal() throws Exception {
    load(
        spec(
            web(List.of(S5)).withNodePort(30080, false),
            ServicePortRule.clusterIp("t/local/http", Protocol.TCP, "198.19.0.12", 80, List.of(S6))
                .withNodePort(30081, true)));
    assertEquals(
        List.of("198.18.1.5:8080 198.18.1.1"), run(CLIENT, "tcp", "198.18.2.1", "30080", "1"));
    assertEquals(
        List.of("198.18.1.6:8080 198.18.2.9"), run(CLIENT, "tcp", "198.18.2.1", "30081", "1"));
  }

  @Test
  void anEndpointReachingItselfThroughItsServiceIsMasqueraded() throws Exception {
    load(spec(web(List.of(S5))));
    assertEquals(
        List.of("198.18.1.5:8080 198.18.1.1"),
        run(PODS, "tcp", "198.19.0.10", "80", "1", "198.18.1.5"));
  }

  @Test
  void deltasKeepTheKernelEqualToThePlanAndReadBackSeesDeletions() throws Exception {
    Random random = new Random(11);
    NftTable applied = load(spec());
    for (int round = 0; round < 15; round++) {
      List<ServicePortRule> services = new ArrayList<>();
      for (int s = 0; s < 1 + random.nextInt(6); s++) {
        List<Target> targets = new ArrayList<>();
        for (int e = 0; e < random.nextInt(4); e++) {
          targets.add(
              new Target(
                  "198.18." + (1 + random.nextInt(3)) + "." + (2 + random.nextInt(50)),
                  8080,
                  random.nextBoolean()));
        }
        ServicePortRule r =
            ServicePortRule.clusterIp(
                "t/s" + s + "/p",
                Protocol.values()[random.nextInt(3)],
                "198.19.1." + (s + 1),
                80,
                targets);
        if (random.nextBoolean()) {
          r = r.withNodePort(30000 + s, random.nextBoolean());
        }
        services.add(random.nextInt(4) == 0 ? r.withAffinity(30) : r);
      }
      NftTable next = DataplanePlanner.plan(spec(services.toArray(ServicePortRule[]::new)));
      nft.apply(NftScript.delta(applied, next).orElseGet(() -> NftScript.full(next)));
      applied = next;
      assertEquals(List.of(), nft.list().driftFrom(applied, null), "round " + round);
    }
    NftTable planned = load(spec(web(List.of(S5, S6)), dns(List.of(S5))));
    in(NODE, "nft", "flush", "chain", "inet", "shoal", "svc-t/web/http/tcp");
    in(
        NODE,
        "nft",
        "delete",
        "element",
        "inet",
        "shoal",
        "service-ips",
        "{ 198.19.0.11 . udp . 53 }");
    assertEquals(
        List.of(
            "chain svc-t/web/http/tcp has 0 rule(s), planned 2",
            "map service-ips has 1 element(s), planned 2"),
        nft.list().driftFrom(planned, null));
    assertEquals(
        List.of("map service-ips has 1 element(s), planned 2"),
        nft.list("map", "service-ips").driftFrom(planned, java.util.Set.of("service-ips")));
    nft.apply(NftScript.full(planned));
    assertEquals(List.of(), nft.list().driftFrom(planned, null));
    nft.delete();
    assertEquals(ObservedTable.ABSENT, nft.list());
    nft.delete(); // twice is fine
  }

  private static NftTable load(DataplaneSpec spec) throws CommandException {
    NftTable t = DataplanePlanner.plan(spec);
    nft.apply(NftScript.full(t));
    assertEquals(List.of(), nft.list().driftFrom(t, null));
    return t;
  }

  private static Map<String, Integer> count(List<String> lines) {
    Map<String, Integer> out = new TreeMap<>();
    lines.forEach(l -> out.merge(l, 1, Integer::sum));
    return out;
  }

  private static List<String> run(String ns, String... args) throws CommandException {
    List<String> argv =
        new ArrayList<>(List.of("ip", "netns", "exec", ns, "/usr/bin/python3", probe.toString()));
    argv.addAll(List.of(args));
    return List.of(HOST.check(argv).strip().split("\n"));
  }

  private static void ip(String ns, String... args) throws CommandException {
    List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
    argv.addAll(List.of(args));
    HOST.check(argv);
  }

  private static void in(String ns, String... args) throws CommandException {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(List.of(args));
    HOST.check(argv);
  }
}
