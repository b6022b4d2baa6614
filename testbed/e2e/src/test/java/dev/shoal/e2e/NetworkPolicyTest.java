package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * NetworkPolicies enforced by the kernel, in the manner of the upstream suite
 * (test/e2e/network/netpol): namespaces x, y, z (here {@code netpol-x}, {@code netpol-y}, {@code
 * netpol-z}, labelled {@code ns=x} etc.) with pods a, b, c labelled {@code pod=<name>}, placed
 * round-robin on h1..h3 so same-host and cross-host pairs both occur, each serving TCP on 80 and 81
 * (netecho). Each case writes its policies, then probes all 72 ordered pairs by pod IP in parallel
 * (1 s connect timeout) until the table matches, and prints the table when it does not. The class
 * creates y and z beside its own namespace x and deletes them after.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Disabled(
    "enforcement is off by default (--network-policies) and this class needs it on: on the shared"
        + " bed, right after it, SingleNodeServiceTest found h1's service map empty while the"
        + " dataplane retried 'nft -f' ('No such file or directory'): the policy part and the"
        + " service deltas race; runs again once that is fixed")
@SharedBed(namespace = NetworkPolicyTest.X)
class NetworkPolicyTest extends ThreeHostTestbed {

  static final String X = "netpol-x";
  static final List<String> NS = List.of("x", "y", "z");
  static final List<String> PODS = List.of("a", "b", "c");

  /** {@code x/a} to pod IP. */
  static final Map<String, String> ips = new LinkedHashMap<>();

  /** {@code x/a} to the ClusterIP of its Service {@code s-a}. */
  static final Map<String, String> clusterIps = new LinkedHashMap<>();

  /** {@code x/a} to host number. */
  static final Map<String, Integer> hosts = new LinkedHashMap<>();

  @BeforeAll
  static void deploy() {
    long start = System.nanoTime();
    StringBuilder yaml = new StringBuilder();
    int i = 0;
    for (String ns : NS) {
      yaml.append(
          """
          apiVersion: v1
          kind: Namespace
          metadata: {name: netpol-%s, labels: {ns: %s}}
          ---
          """
              .formatted(ns, ns));
      for (String p : PODS) {
        int host = i++ % 3 + 1;
        hosts.put(ns + "/" + p, host);
        yaml.append(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: %s, namespace: netpol-%s, labels: {pod: %s}}
            spec:
              nodeName: h%d
              terminationGracePeriodSeconds: 1
              containers:
              - name: serve
                image: shoal-test/netecho:1
                command: ["sh", "-c", "netecho serve 81 & exec netecho serve 80"]
                ports:
                - {name: serve-80-tcp, containerPort: 80}
                - {name: serve-81-tcp, containerPort: 81}
                - {name: serve-80-udp, containerPort: 80, protocol: UDP}
                - {name: serve-81-udp, containerPort: 81, protocol: UDP}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: s-%s, namespace: netpol-%s}
            spec:
              selector: {pod: %s}
              ports:
              - {name: t80, port: 80}
              - {name: t81, port: 81}
              - {name: u80, port: 80, protocol: UDP}
              - {name: u81, port: 81, protocol: UDP}
            ---
            """
                .formatted(p, ns, p, host, p, ns, p));
      }
    }
    Poll.until(
        "the netpol world applied", SETTLE_LIMIT, () -> api(1).apply(yaml.toString()), r -> true);
    for (String key : hosts.keySet()) {
      String[] parts = key.split("/");
      com.fasterxml.jackson.databind.JsonNode pod =
          Poll.until(
              key + " running",
              SETTLE_LIMIT,
              () -> api(1).get("/api/v1/namespaces/netpol-" + parts[0] + "/pods/" + parts[1]),
              p -> PodView.of(p).serving());
      ips.put(key, pod.path("status").path("podIP").asText());
      clusterIps.put(
          key,
          api(1)
              .get("/api/v1/namespaces/netpol-" + parts[0] + "/services/s-" + parts[1])
              .path("spec")
              .path("clusterIP")
              .asText());
    }
    for (String key : hosts.keySet()) {
      String[] parts = key.split("/");
      Poll.until(
          "an endpoint of s-" + key,
          SETTLE_LIMIT,
          () -> Probes.readyAddresses(api(1), "netpol-" + parts[0], "s-" + parts[1]),
          n -> n == 1);
    }
    figure("netpol-ready 9 pods in %s", since(start));
  }

  @AfterAll
  static void cleanup() {
    for (String ns : List.of("y", "z")) {
      api(1).delete("/api/v1/namespaces/netpol-" + ns);
    }
  }

  private static void policies(String yaml) {
    for (String ns : NS) {
      String base = "/apis/networking.k8s.io/v1/namespaces/netpol-" + ns + "/networkpolicies";
      api(1)
          .get(base)
          .path("items")
          .forEach(np -> api(1).delete(base + "/" + np.path("metadata").path("name").asText()));
    }
    if (!yaml.isBlank()) {
      Poll.until("the policies applied", SETTLE_LIMIT, () -> api(1).apply(yaml), r -> true);
    }
  }

  /** How a probe reaches its target. */
  enum Via {
    POD_IP,
    SERVICE
  }

  /** Probes every ordered pair on TCP {@code port} by pod IP. */
  private static Map<String, Boolean> probe(int port) {
    return probe(port, false, Via.POD_IP);
  }

  /**
   * Probes every ordered pair on {@code port} (TCP, or UDP: one datagram answered within 2 s) by
   * pod IP or through the target's Service: {@code from>to} to reachable.
   */
  private static Map<String, Boolean> probe(int port, boolean udp, Via via) {
    Map<String, CompletableFuture<String>> runs = new LinkedHashMap<>();
    for (String from : hosts.keySet()) {
      StringBuilder script = new StringBuilder();
      for (String to : hosts.keySet()) {
        if (!to.equals(from)) {
          String ip = via == Via.POD_IP ? ips.get(to) : clusterIps.get(to);
          String check =
              udp
                  ? "netecho udp %s %d 1".formatted(ip, port)
                  : "nc -w 1 %s %d </dev/null".formatted(ip, port);
          script.append(
              "(%s >/dev/null 2>&1 && echo '%s ok' || echo '%s no') & ".formatted(check, to, to));
        }
      }
      script.append("wait");
      String[] parts = from.split("/");
      runs.put(
          from,
          CompletableFuture.supplyAsync(
              () ->
                  Probes.inPod(
                      host(hosts.get(from)), "netpol-" + parts[0], parts[1], script.toString())));
    }
    Map<String, Boolean> out = new TreeMap<>();
    runs.forEach(
        (from, run) -> {
          for (String line : run.join().split("\n")) {
            String[] w = line.trim().split(" ");
            if (w.length == 2) {
              out.put(from + ">" + w[0], w[1].equals("ok"));
            }
          }
        });
    return out;
  }

  /** All pairs reachable except those {@code denied} says (patterns {@code x/a}, {@code x/*}). */
  private static Map<String, Boolean> expect(String... rules) {
    Map<String, Boolean> want = new TreeMap<>();
    for (String f : hosts.keySet()) {
      for (String t : hosts.keySet()) {
        if (!f.equals(t)) {
          want.put(f + ">" + t, true);
        }
      }
    }
    for (String rule : rules) {
      // "from>to=ok|no"
      String[] kv = rule.split("=");
      String[] ft = kv[0].split(">");
      for (String f : hosts.keySet()) {
        for (String t : hosts.keySet()) {
          if (!f.equals(t) && match(ft[0], f) && match(ft[1], t)) {
            want.put(f + ">" + t, kv[1].equals("ok"));
          }
        }
      }
    }
    return want;
  }

  private static boolean match(String pattern, String key) {
    return pattern.equals("*")
        || pattern.equals(key)
        || (pattern.endsWith("/*") && key.startsWith(pattern.substring(0, pattern.length() - 1)));
  }

  private static void reach(String what, int port, Map<String, Boolean> want) {
    reach(what, port, false, Via.POD_IP, want);
  }

  private static void reach(
      String what, int port, boolean udp, Via via, Map<String, Boolean> want) {
    long start = System.nanoTime();
    Map<String, Boolean> got =
        Poll.until(
            what + " on " + (udp ? "UDP " : "TCP ") + port + " by " + via,
            java.time.Duration.ofSeconds(30),
            () -> probe(port, udp, via),
            want::equals);
    assertEquals(want, got);
    long denied = want.values().stream().filter(v -> !v).count();
    figure(
        "netpol %s %s %d by %s: 72 pairs as expected (%d denied) in %s",
        what, udp ? "UDP" : "TCP", port, via, denied, since(start));
  }

  @Test
  @Order(1)
  void withoutPoliciesEveryPairConnects() {
    policies("");
    reach("no policies", 80, expect());
  }

  @Test
  @Order(2)
  void defaultDenyIngress() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-ingress, namespace: netpol-x}
        spec: {podSelector: {}, ingress: []}
        """);
    reach("default deny ingress in x", 80, expect("*>x/*=no"));
    reach("default deny ingress in x", 80, true, Via.POD_IP, expect("*>x/*=no"));
    reach("default deny ingress in x", 81, false, Via.SERVICE, expect("*>x/*=no"));
    reach("default deny ingress in x", 81, true, Via.SERVICE, expect("*>x/*=no"));
  }

  @Test
  @Order(3)
  void podSelectorOrNamespaceSelectorOnANamedPort() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: a-from-b-or-y, namespace: netpol-x}
        spec:
          podSelector: {matchLabels: {pod: a}}
          ingress:
          - from: [{podSelector: {matchLabels: {pod: b}}}, {namespaceSelector: {matchLabels: {ns: y}}}]
            ports: [{port: serve-81-tcp}]
        """);
    reach("x/a from x/b or y on 81", 80, expect("*>x/a=no"));
    reach("x/a from x/b or y on 81", 81, expect("*>x/a=no", "x/b>x/a=ok", "y/*>x/a=ok"));
    reach(
        "x/a from x/b or y on 81",
        81,
        false,
        Via.SERVICE,
        expect("*>x/a=no", "x/b>x/a=ok", "y/*>x/a=ok"));
  }

  @Test
  @Order(4)
  void andOfPodAndNamespaceSelectorByTheNameLabel() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: a-from-z-c, namespace: netpol-x}
        spec:
          podSelector: {matchLabels: {pod: a}}
          ingress:
          - from:
            - podSelector: {matchLabels: {pod: c}}
              namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: netpol-z}}
        """);
    reach("x/a from z/c only", 80, expect("*>x/a=no", "z/c>x/a=ok"));
  }

  @Test
  @Order(5)
  void egressDenyBeatsAServerThatAllows() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: no-egress, namespace: netpol-y}
        spec: {podSelector: {}, policyTypes: [Egress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-all, namespace: netpol-x}
        spec: {podSelector: {}, ingress: [{}]}
        """);
    reach("y denies egress", 80, expect("y/*>*=no"));
    reach("y denies egress", 80, false, Via.SERVICE, expect("y/*>*=no"));
  }

  @Test
  @Order(6)
  void egressIpBlockWithExcept() {
    String yb = ips.get("y/b");
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: cidr, namespace: netpol-x}
        spec:
          podSelector: {matchLabels: {pod: a}}
          policyTypes: [Egress]
          egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [%s/32]}}]}]
        """
            .formatted(yb));
    reach("x/a egress all but y/b", 80, expect("x/a>y/b=no"));
  }

  @Test
  @Order(7)
  void relabellingAPodMovesItOutOfThePolicy() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-b, namespace: netpol-z}
        spec: {podSelector: {matchLabels: {pod: b}}, ingress: []}
        """);
    reach("z/b isolated", 80, expect("*>z/b=no"));
    api(1)
        .mergePatch(
            "/api/v1/namespaces/netpol-z/pods/b", "{\"metadata\":{\"labels\":{\"pod\":\"bb\"}}}");
    reach("z/b relabelled", 80, expect());
  }

  @Test
  @Order(8)
  void deletingThePoliciesRestoresEveryPair() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-ingress, namespace: netpol-y}
        spec: {podSelector: {}, ingress: []}
        """);
    reach("y denies ingress", 80, expect("*>y/*=no"));
    policies("");
    reach("policies deleted", 80, expect());
  }

  @Test
  @Order(9)
  void udpOnlyAndSctpOnlyRulesDoNotOpenTcp() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: udp-sctp, namespace: netpol-x}
        spec:
          podSelector: {}
          ingress: [{ports: [{protocol: UDP, port: 80}, {protocol: SCTP, port: 80, endPort: 81}]}]
        """);
    reach("x open on UDP 80 and SCTP only", 80, expect("*>x/*=no"));
    reach("x open on UDP 80 and SCTP only", 80, true, Via.POD_IP, expect());
    reach("x open on UDP 80 and SCTP only", 81, true, Via.POD_IP, expect("*>x/*=no"));
  }

  @Test
  @Order(10)
  void anEstablishedConnectionThePolicyNoLongerAllowsIsStopped() {
    policies("");
    // y/a keeps a connection to x/a that sends a line every 0.1 s; netecho echoes each into a file
    String client = Probes.appContainer(host(hosts.get("y/a")), "netpol-y", "a");
    testbed.docker(
        host(hosts.get("y/a")),
        "exec",
        "-d",
        client,
        "sh",
        "-c",
        "(while :; do echo p; sleep 0.1; done) | nc %s 80 > /tmp/held.out"
            .formatted(ips.get("x/a")));
    java.util.function.Supplier<Integer> lines =
        () ->
            Integer.parseInt(
                Probes.inContainer(
                        host(hosts.get("y/a")),
                        client,
                        "wc -l < /tmp/held.out 2>/dev/null || echo 0")
                    .trim());
    int before = Poll.until("the held connection echoing", SETTLE_LIMIT, lines, n -> n > 3);
    long start = System.nanoTime();
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: a-from-x-only, namespace: netpol-x}
        spec: {podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {}}]}]}
        """);
    // stopped: the count stays the same for a whole second (10 echoes' worth)
    int[] last = {-1};
    Poll.stable(
        "the held connection stopped",
        java.time.Duration.ofSeconds(20),
        java.time.Duration.ofSeconds(1),
        () -> {
          int n = lines.get();
          boolean same = n == last[0];
          last[0] = n;
          return same;
        },
        same -> same);
    figure(
        "netpol a held connection y/a -> x/a stopped within %s of the policy write (%d echoes before)",
        since(start), before);
    Probes.inContainer(host(hosts.get("y/a")), client, "pkill nc; true");
    reach("x/a from x only", 80, expect("y/*>x/a=no", "z/*>x/a=no"));
  }

  @Test
  @Order(11)
  void aNewPodSelectedByAnEgressPolicyIsIsolatedBeforeItsContainersStart() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: fresh-no-egress, namespace: netpol-x}
        spec: {podSelector: {matchLabels: {pod: fresh}}, policyTypes: [Egress]}
        """);
    String target = ips.get("y/a");
    api(1)
        .apply(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: fresh, namespace: netpol-x, labels: {pod: fresh}}
            spec:
              nodeName: h2
              terminationGracePeriodSeconds: 1
              containers:
              - name: c
                image: shoal-test/netecho:1
                command: ["sh", "-c", "if nc -w 1 %s 80 </dev/null >/dev/null 2>&1; then echo first-open; else echo first-denied; fi; exec sleep 3600"]
            """
                .formatted(target));
    String log =
        Poll.until(
            "the fresh pod's first connection attempt",
            SETTLE_LIMIT,
            () -> {
              try {
                return testbed.docker(
                    host(2), "logs", Probes.appContainer(host(2), "netpol-x", "fresh"));
              } catch (RuntimeException | AssertionError e) {
                return "";
              }
            },
            l -> l.contains("first-"));
    assertEquals("first-denied", log.trim(), "the pod's very first connection");
    api(1).delete("/api/v1/namespaces/netpol-x/pods/fresh");
  }

  @Test
  @Order(12)
  void explainSaysWhichPoliciesDecide() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: b-from-c, namespace: netpol-x}
        spec:
          podSelector: {matchLabels: {pod: b}}
          ingress: [{from: [{podSelector: {matchLabels: {pod: c}}}], ports: [{port: serve-80-tcp}]}]
        """);
    var allowed =
        api(2).get("/explain/networkpolicy?from=netpol-x/c&to=netpol-x/b&port=serve-80-tcp");
    assertEquals(true, allowed.path("allowed").asBoolean(), allowed.toString());
    assertEquals("netpol-x/b-from-c", allowed.path("ingress").path("allowing").path(0).asText());
    var denied = api(2).get("/explain/networkpolicy?from=netpol-y/c&to=netpol-x/b&port=80");
    assertEquals(false, denied.path("allowed").asBoolean(), denied.toString());
    reach("x/b from x/c", 80, expect("*>x/b=no", "x/c>x/b=ok"));
  }

  @Test
  @Order(13)
  void aPolicyElementDeletedByHandIsBack() {
    policies(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-ingress, namespace: netpol-x}
        spec: {podSelector: {}, ingress: []}
        """);
    reach("default deny ingress in x", 80, expect("*>x/*=no"));
    int h = hosts.get("x/a");
    String ip = ips.get("x/a");
    testbed.exec(
        host(h), "nft", "delete", "element", "inet", "shoal", "np-ingress-pods", "{ " + ip + " }");
    long deleted = System.nanoTime();
    Poll.until(
        "x/a back in np-ingress-pods",
        java.time.Duration.ofSeconds(10),
        () -> testbed.exec(host(h), "nft", "list", "set", "inet", "shoal", "np-ingress-pods"),
        l -> l.contains(ip));
    figure("netpol a deleted policy element back in %s", since(deleted));
    String denials =
        testbed.exec(host(h), "nft", "list", "set", "inet", "shoal", "np-denied-ingress");
    figure("netpol denied connections recorded on h%d: %s", h, denials.replaceAll("\\s+", " "));
    policies("");
  }
}
