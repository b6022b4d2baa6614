package dev.shoal.agent.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.ipam.Cidr;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ChainPlanTest {

  private static final ChainSpec SPEC =
      new ChainSpec(
          "SHOAL-X",
          "INPUT",
          "shoal: x",
          Set.of("SHOAL-Y"),
          List.of("-i lo -j RETURN", "-p tcp -m tcp --dport 5701 -j DROP"));
  private static final String JUMP = "-A INPUT -m comment --comment \"shoal: x\" -j SHOAL-X";
  private static final String OTHER = "-A INPUT -p udp -j ACCEPT";
  private static final List<String> RULES =
      List.of("-A SHOAL-X -i lo -j RETURN", "-A SHOAL-X -p tcp -m tcp --dport 5701 -j DROP");

  @Test
  void aMissingChainIsDeclaredFilledAndJumpedToFromTheTop() {
    ChainPlan plan = ChainPlan.apply(SPEC, ChainState.absent(List.of(OTHER)));
    assertEquals(List.of(":SHOAL-X - [0:0]"), plan.declarations());
    assertEquals(
        List.of(
            RULES.get(0), RULES.get(1), "-I INPUT 1 -m comment --comment \"shoal: x\" -j SHOAL-X"),
        plan.commands());
  }

  @Test
  void aChainInPlaceNeedsNothing() {
    assertTrue(ChainPlan.apply(SPEC, new ChainState(true, RULES, List.of(JUMP, OTHER))).isEmpty());
  }

  @Test
  void ourOtherChainsMayComeFirst() {
    String y = "-A INPUT -m comment --comment \"shoal: y\" -j SHOAL-Y";
    assertTrue(
        ChainPlan.apply(SPEC, new ChainState(true, RULES, List.of(y, JUMP, OTHER))).isEmpty());
  }

  @Test
  void changedRulesAreRewrittenWholeAndTheJumpStays() {
    ChainPlan plan =
        ChainPlan.apply(SPEC, new ChainState(true, List.of(RULES.get(1)), List.of(JUMP)));
    assertEquals(List.of(":SHOAL-X - [0:0]"), plan.declarations());
    assertEquals(RULES, plan.commands());
  }

  @Test
  void aJumpBehindSomeoneElsesRuleMovesToTheTopInOneStep() {
    ChainPlan plan = ChainPlan.apply(SPEC, new ChainState(true, RULES, List.of(OTHER, JUMP)));
    assertEquals(List.of(), plan.declarations());
    assertEquals(
        List.of(
            "-D INPUT -m comment --comment \"shoal: x\" -j SHOAL-X",
            "-I INPUT 1 -m comment --comment \"shoal: x\" -j SHOAL-X"),
        plan.commands());
  }

  @Test
  void duplicateJumpsCollapseIntoOne() {
    ChainPlan plan = ChainPlan.apply(SPEC, new ChainState(true, RULES, List.of(JUMP, JUMP)));
    assertEquals(3, plan.commands().size());
    assertEquals("-I INPUT 1 -m comment --comment \"shoal: x\" -j SHOAL-X", plan.commands().get(2));
  }

  @Test
  void removeDeletesJumpsThenTheChain() {
    ChainPlan plan = ChainPlan.remove(SPEC, new ChainState(true, RULES, List.of(OTHER, JUMP)));
    assertEquals(
        List.of(
            "-D INPUT -m comment --comment \"shoal: x\" -j SHOAL-X", "-F SHOAL-X", "-X SHOAL-X"),
        plan.commands());
    assertTrue(ChainPlan.remove(SPEC, ChainState.absent(List.of(OTHER))).isEmpty());
  }

  @Test
  void oneScriptDeclaresEveryChainBeforeAnyCommand() {
    ChainPlan a = ChainPlan.apply(SPEC, ChainState.absent(List.of()));
    assertEquals(
        List.of("*filter", ":SHOAL-X - [0:0]", ":SHOAL-X - [0:0]", RULES.get(0)),
        ChainPlan.script(List.of(a, a)).subList(0, 4));
    assertEquals(
        "COMMIT", ChainPlan.script(List.of(a)).get(ChainPlan.script(List.of(a)).size() - 1));
  }

  @Test
  void membersAreAdmittedInAddressOrderAndTheDropsComeLast() {
    Chains both =
        MemberRules.chains(
            new PortRange(5701, 3),
            List.of(Cidr.of("10.244.0.0/16")),
            MemberFirewall.parse(Set.of("192.0.2.12", "192.0.2.9", "bogus", "192.0.2.300")));
    List<ChainSpec> chains = both.ipv4();
    assertEquals(
        List.of(
            "-i lo -p tcp -m tcp --dport 5701:5703 -j ACCEPT",
            "-i lo -j RETURN",
            "-s 10.244.0.0/16 -j RETURN",
            "-s 192.0.2.9/32 -p tcp -m tcp --dport 5701:5703 -j ACCEPT",
            "-s 192.0.2.12/32 -p tcp -m tcp --dport 5701:5703 -j ACCEPT",
            "-s 192.0.2.9/32 -j RETURN",
            "-s 192.0.2.12/32 -j RETURN",
            "-p tcp -m tcp --dport 5701:5703 -j DROP",
            "-p tcp -m tcp --sport 5701:5703 -j DROP"),
        chains.get(0).rules());
    assertEquals("OUTPUT", chains.get(1).parent());
    assertEquals(
        "-p tcp -m tcp --sport 5701:5703 -j DROP",
        chains.get(1).rules().get(chains.get(1).rules().size() - 1));
    assertEquals(new TreeSet<>(), MemberFirewall.parse(Set.of("10.0.0.1/24", "")));
    assertEquals(
        List.of(
            "-i lo -p tcp -m tcp --dport 5701:5703 -j ACCEPT",
            "-i lo -j RETURN",
            "-p tcp -m tcp --dport 5701:5703 -j DROP",
            "-p tcp -m tcp --sport 5701:5703 -j DROP"),
        both.ipv6().get(0).rules(),
        "IPv6 admits loopback only");
  }

  @Test
  void podsAreKeptOffEveryGuardedPortButServicesAndPodsStayOpen() {
    Chains both =
        PodRules.chains(
            "shoal0",
            List.of(PortRange.single(7070), PortRange.single(5701)),
            Cidr.of("10.244.0.0/16"),
            Cidr.of("10.96.0.0/12"));
    assertEquals(
        List.of(
            "-d 10.96.0.0/12 -p tcp -m socket -j RETURN",
            "-i shoal0 -p tcp -m tcp --dport 7070 -j DROP",
            "-i shoal0 -p tcp -m tcp --dport 5701 -j DROP",
            "-s 10.244.0.0/16 -p tcp -m tcp --dport 7070 -j DROP",
            "-s 10.244.0.0/16 -p tcp -m tcp --dport 5701 -j DROP"),
        both.ipv4().get(0).rules());
    assertEquals(
        List.of(
            "-o shoal0 -j RETURN",
            "-d 10.244.0.0/16 -j RETURN",
            "-i shoal0 -p tcp -m tcp --dport 7070 -j DROP",
            "-i shoal0 -p tcp -m tcp --dport 5701 -j DROP",
            "-s 10.244.0.0/16 -p tcp -m tcp --dport 7070 -j DROP",
            "-s 10.244.0.0/16 -p tcp -m tcp --dport 5701 -j DROP"),
        both.ipv4().get(1).rules());
    assertEquals(
        List.of(
            "-o shoal0 -j RETURN",
            "-i shoal0 -p tcp -m tcp --dport 7070 -j DROP",
            "-i shoal0 -p tcp -m tcp --dport 5701 -j DROP"),
        both.ipv6().get(1).rules());
  }

  @Test
  void portRangesPrintAsIptablesDoes() {
    assertEquals("5701", PortRange.single(5701).text());
    assertEquals("5701:5703", new PortRange(5701, 3).text());
    assertThrows(IllegalArgumentException.class, () -> new PortRange(65535, 2));
    assertThrows(IllegalArgumentException.class, () -> new PortRange(0, 1));
  }
}
