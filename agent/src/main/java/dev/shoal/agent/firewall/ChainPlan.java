package dev.shoal.agent.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure: the {@code iptables-restore --noflush} lines that take a chain from what is observed to
 * what is wanted, or none when they agree. Restoring is one transaction (nf_tables) or one table
 * swap (legacy), so the packet path sees the old rules or the new ones, never a half-written chain:
 * declaring the chain ({@code :NAME - [0:0]}) empties it within the same transaction that writes
 * its rules, and a jump that must move is deleted and inserted at the top together.
 */
record ChainPlan(List<String> declarations, List<String> commands) {

  private static final Pattern TARGET = Pattern.compile(" -j (\\S+)$");

  ChainPlan {
    declarations = List.copyOf(declarations);
    commands = List.copyOf(commands);
  }

  boolean isEmpty() {
    return declarations.isEmpty() && commands.isEmpty();
  }

  /** The steps for one chain to hold exactly {@code spec}'s rules, with its jump in place. */
  static ChainPlan apply(ChainSpec spec, ChainState observed) {
    List<String> declarations = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    if (!observed.exists() || !observed.rules().equals(spec.lines())) {
      declarations.add(":" + spec.chain() + " - [0:0]");
      commands.addAll(spec.lines());
    }
    if (!jumpInPlace(spec, observed.parentRules())) {
      for (int i = 0; i < jumpCount(spec, observed.parentRules()); i++) {
        commands.add("-D " + spec.parent() + " " + spec.jump());
      }
      commands.add("-I " + spec.parent() + " 1 " + spec.jump());
    }
    return new ChainPlan(declarations, commands);
  }

  /**
   * The steps that take the chain and every jump of ours to it away; none when nothing is there.
   */
  static ChainPlan remove(ChainSpec spec, ChainState observed) {
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < jumpCount(spec, observed.parentRules()); i++) {
      commands.add("-D " + spec.parent() + " " + spec.jump());
    }
    if (observed.exists()) {
      commands.add("-F " + spec.chain());
      commands.add("-X " + spec.chain());
    }
    return new ChainPlan(List.of(), commands);
  }

  /** One restore input for several plans: all declarations first, then the commands in order. */
  static List<String> script(List<ChainPlan> plans) {
    List<String> lines = new ArrayList<>(List.of("*filter"));
    plans.forEach(p -> lines.addAll(p.declarations()));
    plans.forEach(p -> lines.addAll(p.commands()));
    lines.add("COMMIT");
    return lines;
  }

  /** Exactly one jump of ours, with nothing before it but jumps to chains it may follow. */
  static boolean jumpInPlace(ChainSpec spec, List<String> parentRules) {
    if (jumpCount(spec, parentRules) != 1) {
      return false;
    }
    for (String rule : parentRules) {
      if (rule.equals(spec.jumpLine())) {
        return true;
      }
      Matcher target = TARGET.matcher(rule);
      if (!target.find() || !spec.mayFollow().contains(target.group(1))) {
        return false;
      }
    }
    return false;
  }

  private static int jumpCount(ChainSpec spec, List<String> parentRules) {
    return (int) parentRules.stream().filter(spec.jumpLine()::equals).count();
  }
}
