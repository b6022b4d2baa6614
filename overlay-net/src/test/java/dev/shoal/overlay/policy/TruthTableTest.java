package dev.shoal.overlay.policy;

import static dev.shoal.overlay.policy.Cluster.all;
import static dev.shoal.overlay.policy.Cluster.block;
import static dev.shoal.overlay.policy.Cluster.both;
import static dev.shoal.overlay.policy.Cluster.from;
import static dev.shoal.overlay.policy.Cluster.in;
import static dev.shoal.overlay.policy.Cluster.labels;
import static dev.shoal.overlay.policy.Cluster.named;
import static dev.shoal.overlay.policy.Cluster.namespaces;
import static dev.shoal.overlay.policy.Cluster.pods;
import static dev.shoal.overlay.policy.Cluster.policy;
import static dev.shoal.overlay.policy.Cluster.port;
import static dev.shoal.overlay.policy.Cluster.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.overlay.nft.Protocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The upstream e2e cases (test/e2e/network/netpol/network_policy.go), each over all 72 ordered
 * pairs of x,y,z × a,b,c, on TCP and UDP 80 and 81: the per-node compiled elements (what the kernel
 * gets) and the evaluator's verdict must both give the expected table.
 */
class TruthTableTest {

  private final Cluster c = new Cluster();

  private void check(Protocol proto, int port, Reachability want) {
    PolicyInputs in = c.inputs();
    Map<String, PolicyTablePart.Compiled> nodes = new HashMap<>();
    for (String n : List.of("h1", "h2", "h3")) {
      nodes.put(n, PolicyTablePart.plan(in, n));
    }
    PolicyEvaluator eval = new PolicyEvaluator(in);
    String kernel =
        want.differences(
            (f, t) -> {
              PolicyPod a = c.pod(f);
              PolicyPod b = c.pod(t);
              return nodes.get(a.node()).allows(a.ip(), b.ip(), proto, port)
                  && nodes.get(b.node()).allows(a.ip(), b.ip(), proto, port);
            });
    assertEquals("", kernel, "compiled, " + proto + "/" + port);
    String verdict =
        want.differences((f, t) -> eval.check(c.pod(f).ip(), c.pod(t).ip(), proto, port).allowed());
    assertEquals("", verdict, "evaluator, " + proto + "/" + port);
  }

  private void checkAll(Reachability want) {
    for (Protocol p : List.of(Protocol.TCP, Protocol.UDP)) {
      check(p, 80, want);
      check(p, 81, want);
    }
  }

  @Test
  void noPoliciesAllowEverything() {
    checkAll(new Reachability());
  }

  @Test
  void defaultDenyIngress() {
    c.policies.add(policy("x", "deny-ingress", all(), null, List.of(), null));
    checkAll(new Reachability().expect("*", "x/*", false));
  }

  @Test
  void defaultDenyAll() {
    c.policies.add(
        policy("x", "deny-all", all(), List.of("Ingress", "Egress"), List.of(), List.of()));
    checkAll(new Reachability().expect("*", "x/*", false).expect("x/*", "*", false));
  }

  @Test
  void ingressAllowAllWithOneEmptyRule() {
    c.policies.add(policy("x", "deny-ingress", all(), null, List.of(), null));
    c.policies.add(policy("x", "allow-all", all(), null, List.of(from(null)), null));
    checkAll(new Reachability());
  }

  @Test
  void podSelectorInTheSameNamespace() {
    c.policies.add(
        policy(
            "x",
            "x-a-from-b",
            labels("pod", "a"),
            null,
            List.of(from(List.of(pods(labels("pod", "b"))))),
            null));
    checkAll(new Reachability().expect("*", "x/a", false).expect("x/b", "x/a", true));
  }

  @Test
  void namespaceSelectorAlone() {
    c.policies.add(
        policy(
            "x",
            "x-a-from-y",
            labels("pod", "a"),
            null,
            List.of(from(List.of(namespaces(in("ns", "y"))))),
            null));
    checkAll(new Reachability().expect("*", "x/a", false).expect("y/*", "x/a", true));
  }

  @Test
  void namespaceByItsNameLabel() {
    c.policies.add(
        policy(
            "x",
            "from-z",
            all(),
            null,
            List.of(from(List.of(namespaces(labels(PolicyInputs.NAMESPACE_NAME_LABEL, "z"))))),
            null));
    checkAll(new Reachability().expect("*", "x/*", false).expect("z/*", "x/*", true));
  }

  @Test
  void podAndNamespaceSelectorInOneElementIsAnd() {
    c.policies.add(
        policy(
            "x",
            "and",
            labels("pod", "a"),
            null,
            List.of(from(List.of(both(labels("pod", "b"), in("ns", "y", "z"))))),
            null));
    checkAll(
        new Reachability()
            .expect("*", "x/a", false)
            .expect("y/b", "x/a", true)
            .expect("z/b", "x/a", true));
  }

  @Test
  void podAndNamespaceSelectorInTwoElementsIsOr() {
    c.policies.add(
        policy(
            "x",
            "or",
            labels("pod", "a"),
            null,
            List.of(from(List.of(pods(labels("pod", "b")), namespaces(in("ns", "y"))))),
            null));
    checkAll(
        new Reachability()
            .expect("*", "x/a", false)
            .expect("x/b", "x/a", true)
            .expect("y/*", "x/a", true));
  }

  @Test
  void numberedPortOpensOnlyThatPort() {
    c.policies.add(
        policy(
            "x",
            "x-81",
            all(),
            null,
            List.of(from(List.of(namespaces(all())), port("TCP", 81))),
            null));
    Reachability denied = new Reachability().expect("*", "x/*", false);
    check(Protocol.TCP, 80, denied);
    check(Protocol.TCP, 81, new Reachability());
    check(Protocol.UDP, 81, denied);
  }

  @Test
  void namedPortResolvedPerDestinationPod() {
    c.policies.add(
        policy(
            "x",
            "named",
            all(),
            null,
            List.of(from(List.of(namespaces(all())), named("TCP", "serve-80-tcp"))),
            null));
    check(Protocol.TCP, 80, new Reachability());
    check(Protocol.TCP, 81, new Reachability().expect("*", "x/*", false));
    check(Protocol.UDP, 80, new Reachability().expect("*", "x/*", false));
  }

  @Test
  void namedPortWithAnotherProtocolOpensNothing() {
    c.policies.add(
        policy(
            "x",
            "named-udp",
            all(),
            null,
            List.of(from(null, named("UDP", "serve-80-tcp"))),
            null));
    checkAll(new Reachability().expect("*", "x/*", false));
  }

  @Test
  void namedPortDiffersPerPod() {
    // x/a calls its port 81 "web"; x/b calls its port 80 "web"
    PolicyPod a = c.pod("x/a");
    c.pods.set(
        c.pods.indexOf(a),
        new PolicyPod(
            "x",
            "a",
            a.labels(),
            a.ip(),
            a.node(),
            false,
            List.of(new PolicyPod.NamedPort("web", Protocol.TCP, 81))));
    PolicyPod b = c.pod("x/b");
    c.pods.set(
        c.pods.indexOf(b),
        new PolicyPod(
            "x",
            "b",
            b.labels(),
            b.ip(),
            b.node(),
            false,
            List.of(new PolicyPod.NamedPort("web", Protocol.TCP, 80))));
    c.policies.add(policy("x", "web", all(), null, List.of(from(null, named("TCP", "web"))), null));
    Reachability on80 = new Reachability().expect("*", "x/a", false).expect("*", "x/c", false);
    Reachability on81 = new Reachability().expect("*", "x/b", false).expect("*", "x/c", false);
    check(Protocol.TCP, 80, on80);
    check(Protocol.TCP, 81, on81);
    // egress resolves against each destination pod
    c.policies.clear();
    c.policies.add(
        policy(
            "y",
            "out-web",
            all(),
            List.of("Egress"),
            null,
            List.of(to(null, named("TCP", "web")))));
    check(
        Protocol.TCP, 80, new Reachability().expect("y/*", "*", false).expect("y/*", "x/b", true));
    check(
        Protocol.TCP, 81, new Reachability().expect("y/*", "*", false).expect("y/*", "x/a", true));
  }

  @Test
  void endPortRange() {
    c.policies.add(
        policy("x", "range", all(), null, List.of(from(null, port("TCP", 81, 85))), null));
    check(Protocol.TCP, 80, new Reachability().expect("*", "x/*", false));
    check(Protocol.TCP, 81, new Reachability());
    c.policies.set(
        0, policy("x", "range", all(), null, List.of(from(null, port("TCP", 70, 80))), null));
    check(Protocol.TCP, 80, new Reachability());
    check(Protocol.TCP, 81, new Reachability().expect("*", "x/*", false));
  }

  @Test
  void protocolWithoutPortOpensAllItsPorts() {
    c.policies.add(
        policy(
            "x",
            "udp",
            all(),
            null,
            List.of(from(null, new dev.shoal.manifests.model.NetworkPolicyPort("UDP", null, null))),
            null));
    check(Protocol.TCP, 80, new Reachability().expect("*", "x/*", false));
    check(Protocol.UDP, 80, new Reachability());
    check(Protocol.UDP, 81, new Reachability());
  }

  @Test
  void udpOnlyAndSctpOnlyRulesDoNotOpenTcp() {
    c.policies.add(
        policy(
            "x",
            "udp-sctp",
            all(),
            null,
            List.of(from(null, port("UDP", 80), port("SCTP", 80), port("SCTP", 81))),
            null));
    Reachability denied = new Reachability().expect("*", "x/*", false);
    check(Protocol.TCP, 80, denied);
    check(Protocol.TCP, 81, denied);
    check(Protocol.UDP, 80, new Reachability());
    check(Protocol.UDP, 81, denied);
    check(Protocol.SCTP, 81, new Reachability());
  }

  @Test
  void egressDeny() {
    c.policies.add(policy("x", "no-egress", all(), List.of("Egress"), null, null));
    checkAll(new Reachability().expect("x/*", "*", false));
  }

  @Test
  void egressRulesWithoutPolicyTypesAlsoIsolateIngress() {
    // defaulting: policyTypes [Ingress, Egress] since egress has rules; no ingress rules
    c.policies.add(
        policy(
            "x",
            "egress-to-y",
            labels("pod", "a"),
            null,
            null,
            List.of(to(List.of(namespaces(in("ns", "y")))))));
    checkAll(
        new Reachability()
            .expect("x/a", "*", false)
            .expect("x/a", "y/*", true)
            .expect("*", "x/a", false));
  }

  @Test
  void egressIpBlockWithExcept() {
    PolicyPod yb = c.pod("y/b");
    c.policies.add(
        policy(
            "x",
            "cidr",
            labels("pod", "a"),
            List.of("Egress"),
            null,
            List.of(to(List.of(block("0.0.0.0/0", yb.ip() + "/32"))))));
    checkAll(new Reachability().expect("x/a", "y/b", false));
  }

  @Test
  void ipBlockMatchesPodAddressesInIngress() {
    PolicyPod zc = c.pod("z/c");
    c.policies.add(
        policy(
            "x", "from-cidr", all(), null, List.of(from(List.of(block(zc.ip() + "/32")))), null));
    checkAll(new Reachability().expect("*", "x/*", false).expect("z/c", "x/*", true));
  }

  @Test
  void ipBlockOverlappingAPodSelectorOnOtherPorts() {
    // overlapping boxes must flatten to the union
    c.policies.add(
        policy(
            "x",
            "mix",
            all(),
            null,
            List.of(
                from(List.of(block("198.18.0.0/16", "198.18.2.0/24")), port("TCP", 80)),
                from(List.of(namespaces(in("ns", "y"))), port("TCP", 81))),
            null));
    Reachability on80 = new Reachability().expect("*", "x/*", false);
    for (PolicyPod p : c.pods) {
      if (!p.ip().startsWith("198.18.2.")) {
        on80.expect(p.key(), "x/*", true);
      }
    }
    check(Protocol.TCP, 80, on80);
    check(
        Protocol.TCP, 81, new Reachability().expect("*", "x/*", false).expect("y/*", "x/*", true));
  }

  @Test
  void clientEgressDenyBeatsServerAllow() {
    c.policies.add(policy("y", "no-egress", all(), List.of("Egress"), null, null));
    c.policies.add(
        policy(
            "x",
            "allow-from-y",
            all(),
            null,
            List.of(from(List.of(namespaces(in("ns", "y"))))),
            null));
    checkAll(
        new Reachability()
            .expect("y/*", "*", false)
            .expect("*", "x/*", false)
            .expect("y/*", "x/*", false));
  }

  @Test
  void unionOfPoliciesSelectingAPod() {
    c.policies.add(
        policy(
            "x", "from-y", all(), null, List.of(from(List.of(namespaces(in("ns", "y"))))), null));
    c.policies.add(
        policy(
            "x",
            "from-z-c",
            labels("pod", "a"),
            null,
            List.of(from(List.of(both(labels("pod", "c"), in("ns", "z"))))),
            null));
    checkAll(
        new Reachability()
            .expect("*", "x/*", false)
            .expect("y/*", "x/*", true)
            .expect("z/c", "x/a", true));
  }

  @Test
  void relabellingAPodChangesWhatItReachesAndIsReachedBy() {
    c.policies.add(
        policy(
            "x",
            "a-from-b",
            labels("pod", "a"),
            null,
            List.of(from(List.of(pods(labels("pod", "b"))))),
            null));
    c.relabel("x/c", Map.of("pod", "b"));
    checkAll(
        new Reachability()
            .expect("*", "x/a", false)
            .expect("x/b", "x/a", true)
            .expect("x/c", "x/a", true));
    c.relabel("x/a", Map.of("pod", "z"));
    checkAll(new Reachability());
  }

  @Test
  void relabellingANamespace() {
    c.policies.add(
        policy(
            "x",
            "from-ns-y",
            all(),
            null,
            List.of(from(List.of(namespaces(in("ns", "y"))))),
            null));
    c.namespaces.put("z", Map.of("ns", "y"));
    checkAll(
        new Reachability()
            .expect("*", "x/*", false)
            .expect("y/*", "x/*", true)
            .expect("z/*", "x/*", true));
  }

  @Test
  void deletingThePolicyRestoresEverything() {
    c.policies.add(policy("x", "deny", all(), null, List.of(), null));
    checkAll(new Reachability().expect("*", "x/*", false));
    c.policies.clear();
    checkAll(new Reachability());
  }

  @Test
  void policyOfAnotherNamespaceDoesNotSelect() {
    c.policies.add(policy("y", "deny", labels("pod", "a"), null, List.of(), null));
    checkAll(new Reachability().expect("*", "y/a", false));
  }

  @Test
  void matchExpressionsNotIn() {
    c.policies.add(
        policy(
            "x",
            "not-c",
            new dev.shoal.manifests.model.LabelSelector(
                null,
                List.of(
                    new dev.shoal.manifests.model.LabelSelectorRequirement(
                        "pod", "NotIn", List.of("c")))),
            null,
            List.of(),
            null));
    checkAll(new Reachability().expect("*", "x/a", false).expect("*", "x/b", false));
  }
}
