package dev.shoal.agent.firewall;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * One chain Shoal owns in one iptables table, jumped to from a built-in chain ({@code POSTROUTING},
 * {@code FORWARD}) by a commented rule. {@link #ensure} makes the chain hold exactly the given
 * rules (rewritten only when they differ, so it is cheap to repeat) and the jump exist; {@link
 * #remove} takes both away. Blocking: runs {@code iptables -w} through a {@link CommandRunner}.
 */
final class IptablesChain {

  private final CommandRunner runner;
  private final String table;
  private final String chain;
  private final String parent;
  private final boolean jumpFirst;
  private final String comment;

  /**
   * @param jumpFirst insert the jump at the top of {@code parent} (before the engine's rules)
   *     instead of appending
   */
  IptablesChain(
      CommandRunner runner,
      String table,
      String chain,
      String parent,
      boolean jumpFirst,
      String comment) {
    this.runner = runner;
    this.table = table;
    this.chain = chain;
    this.parent = parent;
    this.jumpFirst = jumpFirst;
    this.comment = comment;
  }

  /**
   * Each rule is the arguments after {@code -A CHAIN}. Returns true when something had to change.
   */
  boolean ensure(List<List<String>> rules) throws CommandException {
    boolean changed = false;
    if (!ok("-L", chain, "-n")) {
      runner.check(iptables("-N", chain));
      changed = true;
    }
    if (!ok(jump("-C"))) {
      runner.check(iptables(jumpFirst ? jumpInsert() : jump("-A")));
      changed = true;
    }
    List<String> wanted = new ArrayList<>();
    for (List<String> rule : rules) {
      wanted.add("-A " + chain + " " + String.join(" ", rule));
    }
    if (!rules().equals(wanted)) {
      runner.check(iptables("-F", chain));
      for (List<String> rule : rules) {
        List<String> args = new ArrayList<>(List.of("-A", chain));
        args.addAll(rule);
        runner.check(iptables(args.toArray(String[]::new)));
      }
      changed = true;
    }
    return changed;
  }

  void remove() throws CommandException {
    while (ok(jump("-C"))) {
      runner.check(iptables(jump("-D")));
    }
    if (ok("-L", chain, "-n")) {
      runner.check(iptables("-F", chain));
      runner.check(iptables("-X", chain));
    }
  }

  /** The chain's rules as {@code iptables -S} prints them; empty when the chain does not exist. */
  List<String> rules() throws CommandException {
    CommandRunner.Result r = runner.run(iptables("-S", chain));
    return r.exitCode() != 0
        ? List.of()
        : r.stdout().lines().filter(l -> l.startsWith("-A ")).toList();
  }

  private String[] jump(String op) {
    return new String[] {op, parent, "-m", "comment", "--comment", comment, "-j", chain};
  }

  private String[] jumpInsert() {
    return new String[] {"-I", parent, "1", "-m", "comment", "--comment", comment, "-j", chain};
  }

  private boolean ok(String... args) throws CommandException {
    return runner.run(iptables(args)).exitCode() == 0;
  }

  private List<String> iptables(String... args) {
    List<String> argv = new ArrayList<>(List.of("iptables", "-w", "5", "-t", table));
    argv.addAll(List.of(args));
    return argv;
  }
}
