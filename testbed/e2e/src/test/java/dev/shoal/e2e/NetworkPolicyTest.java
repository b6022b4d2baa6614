package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
@SharedBed(namespace = NetworkPolicyTest.X)
class NetworkPolicyTest extends ThreeHostTestbed {

  static final String X = "netpol-x";
  static final List<String> NS = List.of("x", "y", "z");
  static final List<String> PODS = List.of("a", "b", "c");

  /** {@code x/a} to pod IP. */
  static final Map<String, String> ips = new LinkedHashMap<>();

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
            ---
            """
                .formatted(p, ns, p, host));
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

  /** Probes every ordered pair on {@code port}: {@code from>to} to reachable. */
  private static Map<String, Boolean> probe(int port) {
    Map<String, CompletableFuture<String>> runs = new LinkedHashMap<>();
    for (String from : hosts.keySet()) {
      StringBuilder script = new StringBuilder();
      for (String to : hosts.keySet()) {
        if (!to.equals(from)) {
          script.append(
              "(nc -w 1 %s %d </dev/null >/dev/null 2>&1 && echo '%s ok' || echo '%s no') & "
                  .formatted(ips.get(to), port, to, to));
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
    long start = System.nanoTime();
    Map<String, Boolean> got =
        Poll.until(
            what + " on TCP " + port,
            java.time.Duration.ofSeconds(30),
            () -> probe(port),
            want::equals);
    assertEquals(want, got);
    List<String> denied = new ArrayList<>();
    want.forEach(
        (k, v) -> {
          if (!v) denied.add(k);
        });
    figure(
        "netpol %s TCP %d: 72 pairs as expected (%d denied) in %s",
        what, port, denied.size(), since(start));
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
}
