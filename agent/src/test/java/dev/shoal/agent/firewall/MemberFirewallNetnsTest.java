package dev.shoal.agent.firewall;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MemberFirewall} in a real kernel (root and {@code ip netns} needed; fails without them):
 * node A runs the firewall and a TCP echo server on the cluster port, peers B and C reach it over
 * veths (A 198.51.100.1 - B .2, A 198.51.100.5 - C .6, and fd00:5f::1 - fd00:5f::2 between A and
 * C). B also serves the cluster port, for A's own connections. A holds a ClusterIP (198.19.0.10)
 * that C routes through A.
 */
@Tag("netns")
@ExtendWith(VertxExtension.class)
class MemberFirewallNetnsTest {

  private static final int PORT = 5701;
  private static final String A_FOR_B = "198.51.100.1";
  private static final String A_FOR_C = "198.51.100.5";
  private static final String B = "198.51.100.2";
  private static final String C = "198.51.100.6";
  private static final String CLUSTER_IP = "198.19.0.10";
  private static final String A6 = "fd00:5f::1";
  private static final String C6 = "fd00:5f::2";

  private Namespaces spaces;
  private String a;
  private CommandRunner inA;
  private Namespaces.Probe server;
  private Namespaces.Probe peerB;
  private Namespaces.Probe peerC;

  @BeforeEach
  void network() throws Exception {
    spaces = new Namespaces();
    a = spaces.add("a");
    String b = spaces.add("b");
    String c = spaces.add("c");
    Namespaces.veth(a, "ab0", A_FOR_B + "/30", b, "ba0", B + "/30");
    Namespaces.veth(a, "ac0", A_FOR_C + "/30", c, "ca0", C + "/30");
    Namespaces.ip(a, "addr", "add", A6 + "/64", "dev", "ac0", "nodad");
    Namespaces.ip(c, "addr", "add", C6 + "/64", "dev", "ca0", "nodad");
    Namespaces.ip(a, "addr", "add", CLUSTER_IP + "/32", "dev", "lo");
    Namespaces.ip(c, "route", "add", "198.19.0.0/16", "via", A_FOR_C);
    inA = Namespaces.inside(a);
    server = spaces.probe(a, "tcp:" + PORT, "tcp:8080");
    peerB = spaces.probe(b, "tcp:" + PORT);
    peerC = spaces.probe(c);
  }

  @AfterEach
  void tearDown() throws Exception {
    spaces.close();
  }

  private MemberFirewall firewall(Vertx vertx, Iptables iptables) {
    return new MemberFirewall(
        vertx,
        inA,
        iptables,
        PortRange.single(PORT),
        List.of(Cidr.of("198.18.0.0/16"), Cidr.of("198.19.0.0/16")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nft", "legacy"})
  void onlyAdmittedPeersKeepTheClusterPortAndARemovedOneIsCutOff(String flavour, Vertx vertx)
      throws Exception {
    Iptables iptables = flavour.equals("nft") ? Iptables.DEFAULT : Iptables.LEGACY;
    MemberFirewall firewall = firewall(vertx, iptables);
    assertTrue(peerC.connects(A_FOR_C, PORT), "before the firewall everyone connects");
    assertTrue(peerC.connects(A6, PORT), "over IPv6 too");
    assertTrue(peerC.connects(CLUSTER_IP, PORT), "and through the ClusterIP");

    assertTrue(await(firewall.apply(Set.of(B))));
    assertTrue(peerB.connects(A_FOR_B, PORT), "an admitted peer connects");
    assertFalse(peerC.connects(A_FOR_C, PORT), "a peer not admitted times out");
    assertFalse(peerC.connects(A6, PORT), "and cannot go round over IPv6");
    assertFalse(peerC.connects(CLUSTER_IP, PORT), "nor through a ClusterIP of the node");
    assertTrue(server.connects("::1", PORT), "IPv6 loopback is admitted");
    assertTrue(server.connects("127.0.0.1", PORT), "loopback is always admitted");
    assertTrue(peerC.connects(A_FOR_C, 8080), "other ports are left alone");
    assertFalse(await(firewall.apply(Set.of(B))), "a second apply of the same set changes nothing");

    assertEquals(
        "OK", peerB.ask("open in " + A_FOR_B + " " + PORT + " 800"), "B's connection to A");
    assertEquals("OK", server.ask("open out " + B + " " + PORT + " 800"), "A's connection to B");
    assertTrue(await(firewall.apply(Set.of(C))));
    assertTrue(
        peerB.ask("echo in 800").startsWith("FAIL"),
        "B's established connection gets nothing through");
    assertTrue(server.ask("echo out 800").startsWith("FAIL"), "A's own connection to B is cut too");
    assertFalse(peerB.connects(A_FOR_B, PORT), "B's next connection fails");
    assertTrue(peerC.connects(A_FOR_C, PORT), "C, admitted now, connects");

    assertTrue(await(firewall.apply(Set.of(B, C))));
    assertTrue(peerB.connects(A_FOR_B, PORT), "B admitted again");
    assertTrue(peerC.connects(A_FOR_C, PORT));

    await(firewall.remove());
    assertFalse(inA.check(List.of(iptables.iptables() + "-save")).contains("SHOAL"));
    assertFalse(inA.check(List.of(iptables.ip6tables() + "-save")).contains("SHOAL"));
    assertTrue(peerC.connects(A6, PORT), "IPv6 open again after cleanup");
  }

  @Test
  void aDeletedRuleOrAJumpPushedDownComesBackAndCleanupLeavesNothing(Vertx vertx) throws Exception {
    MemberFirewall firewall = firewall(vertx, Iptables.DEFAULT);
    assertFalse(await(firewall.reapply()), "nothing to repair before the first apply");
    await(firewall.apply(Set.of(B)));
    List<String> inputRules = iptables("-S", MemberFirewall.INPUT_CHAIN);
    List<String> outputRules = iptables("-S", MemberFirewall.OUTPUT_CHAIN);

    iptables(
        "-D",
        MemberFirewall.INPUT_CHAIN,
        "-s",
        B + "/32",
        "-p",
        "tcp",
        "-m",
        "tcp",
        "--dport",
        "" + PORT,
        "-j",
        "ACCEPT");
    iptables("-D", MemberFirewall.INPUT_CHAIN, "-s", B + "/32", "-j", "RETURN");
    iptables("-D", "OUTPUT", "1");
    assertFalse(peerB.connects(A_FOR_B, PORT), "without its rules B is dropped");
    assertTrue(await(firewall.reapply()));
    assertTrue(peerB.connects(A_FOR_B, PORT), "the rules are back");
    assertEquals(inputRules, iptables("-S", MemberFirewall.INPUT_CHAIN));
    assertEquals(outputRules, iptables("-S", MemberFirewall.OUTPUT_CHAIN));
    assertTrue(iptables("-S", "OUTPUT").get(1).endsWith("-j " + MemberFirewall.OUTPUT_CHAIN));

    iptables("-I", "INPUT", "1", "-p", "tcp", "--dport", "" + PORT, "-j", "ACCEPT");
    iptables("-I", "OUTPUT", "1", "-p", "tcp", "--sport", "" + PORT, "-j", "ACCEPT");
    assertTrue(peerC.connects(A_FOR_C, PORT), "accepts put above our jumps let C in");
    assertTrue(await(firewall.reapply()));
    assertTrue(
        iptables("-S", "INPUT").get(1).endsWith("-j " + MemberFirewall.INPUT_CHAIN),
        "our jump is first again");
    assertTrue(iptables("-S", "OUTPUT").get(1).endsWith("-j " + MemberFirewall.OUTPUT_CHAIN));
    assertFalse(peerC.connects(A_FOR_C, PORT), "and C is out again");
    assertEquals(
        1,
        iptables("-S", "INPUT").stream()
            .filter(l -> l.endsWith("-j " + MemberFirewall.INPUT_CHAIN))
            .count());

    iptables("-D", "INPUT", "2");
    iptables("-D", "OUTPUT", "2");
    await(firewall.remove());
    assertFalse(
        inA.check(List.of("iptables-save")).contains("SHOAL"),
        "cleanup leaves no SHOAL chain or jump");
    assertFalse(inA.check(List.of("ip6tables-save")).contains("SHOAL"), "nor in IPv6");
    assertTrue(peerC.connects(A_FOR_C, PORT), "and nobody is kept out any more");
    await(firewall.remove());
    assertFalse(await(firewall.reapply()), "a removed firewall stays removed");
  }

  @Test
  void anAdmittedPeerKeepsItsConnectionWhileOthersComeAndGo(Vertx vertx) throws Exception {
    MemberFirewall firewall = firewall(vertx, Iptables.DEFAULT);
    await(firewall.apply(Set.of(B)));
    assertEquals("OK", peerB.ask("open kept " + A_FOR_B + " " + PORT + " 800"));
    for (int i = 0; i < 20; i++) {
      Future<Boolean> change = firewall.apply(i % 2 == 0 ? Set.of(B, C) : Set.of(B));
      assertTrue(peerB.connects(A_FOR_B, PORT), "new connection during change " + i);
      assertEquals("OK", peerB.ask("echo kept 800"), "established connection during change " + i);
      assertTrue(await(change));
    }
    await(firewall.remove());
  }

  private List<String> iptables(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("iptables", "-w", "5"));
    argv.addAll(List.of(args));
    return inA.check(argv).lines().toList();
  }
}
