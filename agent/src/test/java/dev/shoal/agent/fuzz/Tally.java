package dev.shoal.agent.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the run saw: answers by status code and by case label, and every case that broke a rule. */
final class Tally {

  final Map<Integer, Integer> byStatus = new TreeMap<>();
  final Map<String, Map<Integer, Integer>> byLabel = new TreeMap<>();
  final Map<String, Long> millisByLabel = new TreeMap<>();
  final List<String> failures = new ArrayList<>();

  /** Messages of 400/422 answers that named no field, with how often each came (numbers masked). */
  final Map<String, Integer> withoutField = new TreeMap<>();

  int cases;
  int withFieldPath;
  int invalidAnswers;

  void count(FuzzCase c, int status, long millis) {
    cases++;
    byStatus.merge(status, 1, Integer::sum);
    String label = group(c.label());
    byLabel.computeIfAbsent(label, l -> new TreeMap<>()).merge(status, 1, Integer::sum);
    millisByLabel.merge(label, millis, Long::sum);
  }

  /** "create-HUGE_STRING+DELETE[Pod]" counts as "create-mutated". */
  private static String group(String label) {
    String plain = label.replaceAll("\\[.*", "");
    return plain.matches("(create|replace|patch|apply)-[A-Z_+]+")
        ? plain.replaceAll("-.*", "-mutated")
        : plain;
  }

  void fail(FuzzCase c, String why) {
    if (failures.size() < 50) {
      failures.add(why + " <- " + c.describe());
    } else if (failures.size() == 50) {
      failures.add("... (more failures left out)");
    }
  }

  /** {@code fuzz: 6000 cases, 2xx=..., 400=..., ...} */
  String summary() {
    int ok =
        byStatus.entrySet().stream()
            .filter(e -> e.getKey() / 100 == 2)
            .mapToInt(Map.Entry::getValue)
            .sum();
    String others =
        byStatus.entrySet().stream()
            .filter(e -> e.getKey() / 100 != 2)
            .map(e -> (e.getKey() < 0 ? "no-answer" : e.getKey()) + "=" + e.getValue())
            .collect(Collectors.joining(", "));
    return "fuzz: " + cases + " cases, 2xx=" + ok + (others.isEmpty() ? "" : ", " + others);
  }

  String perLabel() {
    return byLabel.entrySet().stream()
        .map(
            e ->
                "  "
                    + e.getKey()
                    + " "
                    + e.getValue()
                    + " "
                    + millisByLabel.get(e.getKey())
                    + " ms")
        .collect(Collectors.joining("\n"));
  }
}
