package dev.shoal.agent.firewall;

import java.util.List;
import java.util.Set;

/**
 * One chain of Shoal's own in the filter table, as it should be: its rules (each the arguments
 * after {@code -A CHAIN}, written exactly as {@code iptables -S} prints them, so observed and
 * desired compare as text) and one commented jump to it from {@code parent}, placed before every
 * other rule of the parent except jumps to the chains named in {@code mayFollow} (Shoal's other
 * chains there, so two chains that both want the top do not keep swapping).
 */
record ChainSpec(
    String chain, String parent, String comment, Set<String> mayFollow, List<String> rules) {

  ChainSpec {
    if (!chain.matches("[A-Z][A-Z0-9-]{0,28}")) {
      throw new IllegalArgumentException("bad chain name " + chain);
    }
    if (!comment.matches("[A-Za-z0-9 :,./-]{1,200}")) {
      // iptables -S escapes quotes and other punctuation, which would make the text compare unequal
      throw new IllegalArgumentException(
          "a comment of letters, digits, spaces and :,./- is needed: " + comment);
    }
    mayFollow = Set.copyOf(mayFollow);
    rules = List.copyOf(rules);
  }

  /** The jump's arguments after {@code -A PARENT}. */
  String jump() {
    return "-m comment --comment \"" + comment + "\" -j " + chain;
  }

  /** The jump as {@code iptables -S PARENT} prints it. */
  String jumpLine() {
    return "-A " + parent + " " + jump();
  }

  /** The rules as {@code iptables -S CHAIN} prints them (without the {@code -N} line). */
  List<String> lines() {
    return rules.stream().map(r -> "-A " + chain + " " + r).toList();
  }
}
