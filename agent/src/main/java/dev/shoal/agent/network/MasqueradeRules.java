package dev.shoal.agent.network;

import dev.shoal.overlay.link.CommandRunner;
import dev.shoal.overlay.link.LinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * Source NAT for pod traffic leaving the cluster: in the nat table, POSTROUTING jumps to the chain
 * {@value #CHAIN}, which holds exactly {@code -s <node subnet> ! -d <cluster pod CIDR> -j MASQUERADE}, so
 * pod-to-pod traffic (across the overlay too) keeps its source address. {@link #ensure} is idempotent
 * and replaces a rule for another subnet; {@link #remove} takes the jump and the chain away. Blocking:
 * runs {@code iptables} through a {@link CommandRunner} (whose prefix may enter a network namespace).
 */
public final class MasqueradeRules {

  public static final String CHAIN = "SHOAL-POSTROUTING";
  private static final String COMMENT = "shoal: masquerade pod traffic leaving the cluster";

  private final CommandRunner runner;

  public MasqueradeRules(CommandRunner runner) {
    this.runner = runner;
  }

  /** Makes the kernel hold the jump and exactly this rule; returns true when something had to change. */
  public boolean ensure(String podSubnet, String clusterPodCidr) throws LinkException {
    boolean changed = false;
    if (!ok(List.of("-t", "nat", "-L", CHAIN, "-n"))) {
      runner.check(iptables("-t", "nat", "-N", CHAIN));
      changed = true;
    }
    List<String> jump = List.of("POSTROUTING", "-m", "comment", "--comment", COMMENT, "-j", CHAIN);
    if (!ok(with("-C", jump))) {
      runner.check(iptables(with("-A", jump)));
      changed = true;
    }
    List<String> rule = rule(podSubnet, clusterPodCidr);
    if (!ok(with("-C", rule)) || ruleCount() != 1) {
      runner.check(iptables("-t", "nat", "-F", CHAIN));
      runner.check(iptables(with("-A", rule)));
      changed = true;
    }
    return changed;
  }

  /** Removes the jump (every copy) and the chain; absent ones are fine. */
  public void remove() throws LinkException {
    List<String> jump = List.of("POSTROUTING", "-m", "comment", "--comment", COMMENT, "-j", CHAIN);
    while (ok(with("-C", jump))) {
      runner.check(iptables(with("-D", jump)));
    }
    if (ok(List.of("-t", "nat", "-L", CHAIN, "-n"))) {
      runner.check(iptables("-t", "nat", "-F", CHAIN));
      runner.check(iptables("-t", "nat", "-X", CHAIN));
    }
  }

  /** The chain's rules as iptables prints them ({@code -S}), or empty when it does not exist. */
  public List<String> rules() throws LinkException {
    CommandRunner.Result r = runner.run(iptables("-t", "nat", "-S", CHAIN));
    if (r.exitCode() != 0) {
      return List.of();
    }
    return r.stdout().lines().filter(l -> l.startsWith("-A ")).toList();
  }

  private int ruleCount() throws LinkException {
    return rules().size();
  }

  private static List<String> rule(String podSubnet, String clusterPodCidr) {
    return List.of(CHAIN, "-s", podSubnet, "!", "-d", clusterPodCidr, "-j", "MASQUERADE");
  }

  private boolean ok(List<String> args) throws LinkException {
    List<String> full = new ArrayList<>(args);
    if (!full.get(0).equals("-t")) {
      full.addAll(0, List.of("-t", "nat"));
    }
    return runner.run(iptables(full.toArray(String[]::new))).exitCode() == 0;
  }

  private static List<String> with(String op, List<String> spec) {
    List<String> out = new ArrayList<>(List.of("-t", "nat", op));
    out.addAll(spec);
    return out;
  }

  private static List<String> iptables(List<String> args) {
    return iptables(args.toArray(String[]::new));
  }

  private static List<String> iptables(String... args) {
    List<String> argv = new ArrayList<>(List.of("iptables", "-w", "5"));
    argv.addAll(List.of(args));
    return argv;
  }
}
