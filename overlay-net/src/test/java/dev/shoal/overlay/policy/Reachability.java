package dev.shoal.overlay.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Expected connectivity between every ordered pair of the 9 pods (as upstream's Reachability): all
 * allowed until told otherwise; self pairs are not probed (a pod reaches itself on loopback).
 */
final class Reachability {

  final List<String> keys = new ArrayList<>();
  private final Map<String, Boolean> expected = new LinkedHashMap<>();

  Reachability() {
    for (String ns : Cluster.NAMESPACES) {
      for (String p : Cluster.PODS) {
        keys.add(ns + "/" + p);
      }
    }
    for (String f : keys) {
      for (String t : keys) {
        expected.put(f + ">" + t, true);
      }
    }
  }

  Reachability expect(String from, String to, boolean ok) {
    for (String f : keys) {
      for (String t : keys) {
        if (matches(from, f) && matches(to, t)) {
          expected.put(f + ">" + t, ok);
        }
      }
    }
    return this;
  }

  /** {@code x/a}, {@code x/*}, or {@code *}. */
  private static boolean matches(String pattern, String key) {
    return pattern.equals("*")
        || pattern.equals(key)
        || (pattern.endsWith("/*") && key.startsWith(pattern.substring(0, pattern.length() - 1)));
  }

  /** The pairs where {@code actual} differs, as a truth table; empty when it agrees. */
  String differences(BiPredicate<String, String> actual) {
    StringBuilder table = new StringBuilder("\t");
    keys.forEach(k -> table.append(k).append('\t'));
    table.append('\n');
    int wrong = 0;
    for (String f : keys) {
      table.append(f).append('\t');
      for (String t : keys) {
        if (f.equals(t)) {
          table.append("-\t");
          continue;
        }
        boolean want = expected.get(f + ">" + t);
        boolean got = actual.test(f, t);
        if (want != got) {
          wrong++;
        }
        table.append(want == got ? "." : got ? "X(allowed)" : "X(denied)").append('\t');
      }
      table.append('\n');
    }
    return wrong == 0 ? "" : wrong + " of 72 pairs differ:\n" + table;
  }
}
