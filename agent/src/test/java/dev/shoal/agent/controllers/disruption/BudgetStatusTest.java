package dev.shoal.agent.controllers.disruption;

import static dev.shoal.agent.controllers.disruption.BudgetPods.maxUnavailable;
import static dev.shoal.agent.controllers.disruption.BudgetPods.minAvailable;
import static dev.shoal.agent.controllers.disruption.BudgetPods.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.Condition;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.PodDisruptionBudgetSpec;
import dev.shoal.manifests.model.PodDisruptionBudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The budget arithmetic, with the cases of upstream's disruption_test.go: integer and percentage
 * minAvailable, maxUnavailable against the owners' scale, unready and deleting pods, the
 * disruptedPods map and its two-minute timeout, and the DisruptionAllowed condition.
 */
class BudgetStatusTest {

  private static final Instant NOW = Instant.parse("2026-12-03T14:00:00Z");

  /** {@code ready} ready pods and {@code unready} others. */
  private static List<Pod> pods(int ready, int unready) {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < ready; i++) {
      pods.add(pod("ready-" + i, true));
    }
    for (int i = 0; i < unready; i++) {
      pods.add(pod("unready-" + i, false));
    }
    return pods;
  }

  private static PodDisruptionBudgetStatus status(
      PodDisruptionBudget pdb, List<Pod> pods, int scale) {
    return BudgetStatus.compute(pdb, pods, scale, NOW).status();
  }

  /** expected, desired, current, allowed. */
  private static void assertCounts(
      PodDisruptionBudgetStatus s, int expected, int desired, int current, int allowed) {
    assertEquals(
        List.of(expected, desired, current, allowed),
        List.of(s.expectedPods(), s.desiredHealthy(), s.currentHealthy(), s.disruptionsAllowed()),
        "expected, desired, current, allowed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # limit                   | ready | unready | scale | expected | desired | current | allowed
      minAvailable 3, 4 ready   | 3  | 4 | 0 | 0  | 4  | 3 | 4 | 1
      minAvailable 3, 3 ready   | 3  | 3 | 1 | 0  | 4  | 3 | 3 | 0
      minAvailable 3, 2 ready   | 3  | 2 | 0 | 0  | 2  | 3 | 2 | 0
      minAvailable 0, 2 ready   | 0  | 2 | 0 | 0  | 2  | 0 | 2 | 2
      minAvailable 28%, of 10   | 28% | 3 | 0 | 10 | 10 | 3 | 3 | 0
      minAvailable 28%, 4 of 10 | 28% | 4 | 0 | 10 | 10 | 3 | 4 | 1
      minAvailable 100%, of 3   | 100% | 3 | 0 | 3 | 3  | 3 | 3 | 0
      minAvailable 50%, of 3    | 50% | 3 | 0 | 3  | 3  | 2 | 3 | 1
      """)
  void byMinAvailable(
      String what,
      String limit,
      int ready,
      int unready,
      int scale,
      int expected,
      int desired,
      int current,
      int allowed) {
    IntOrString value =
        limit.endsWith("%") ? IntOrString.of(limit) : IntOrString.of(Integer.parseInt(limit));
    assertCounts(
        status(minAvailable(value), pods(ready, unready), scale),
        expected,
        desired,
        current,
        allowed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # limit                     | ready | scale | expected | desired | current | allowed
      maxUnavailable 1 of 3       | 1   | 3 | 3 | 3 | 2 | 3 | 1
      maxUnavailable 1, one down  | 1   | 2 | 3 | 3 | 2 | 2 | 0
      maxUnavailable 0            | 0   | 3 | 3 | 3 | 3 | 3 | 0
      maxUnavailable 30% of 10    | 30% | 10 | 10 | 10 | 7 | 10 | 3
      maxUnavailable 100% of 3    | 100% | 3 | 3 | 3 | 0 | 3 | 3
      maxUnavailable 5 of 3       | 5   | 3 | 3 | 3 | 0 | 3 | 3
      maxUnavailable, no owner    | 1   | 2 | 0 | 0 | 0 | 2 | 0
      """)
  void byMaxUnavailable(
      String what,
      String limit,
      int ready,
      int scale,
      int expected,
      int desired,
      int current,
      int allowed) {
    IntOrString value =
        limit.endsWith("%") ? IntOrString.of(limit) : IntOrString.of(Integer.parseInt(limit));
    assertCounts(
        status(maxUnavailable(value), pods(ready, 0), scale), expected, desired, current, allowed);
  }

  @Test
  void aPodBeingDeletedIsNotHealthy() {
    List<Pod> pods = new ArrayList<>(pods(3, 0));
    Pod going = pods.get(0);
    pods.set(0, (Pod) going.withMetadata(going.metadata().withDeletion(NOW.plusSeconds(30), 30L)));
    assertCounts(status(minAvailable(IntOrString.of(2)), pods, 0), 3, 2, 2, 0);
  }

  @Test
  void anEvictedPodInDisruptedPodsIsNotHealthyUntilTwoMinutesPass() {
    PodDisruptionBudget pdb =
        minAvailable(IntOrString.of(2))
            .withStatus(
                new PodDisruptionBudgetStatus(
                    1L, Map.of("ready-0", NOW.minusSeconds(30)), 0, 2, 2, 3, null));
    BudgetStatus.Result fresh = BudgetStatus.compute(pdb, pods(3, 0), 0, NOW);
    assertCounts(fresh.status(), 3, 2, 2, 0);
    assertEquals(Map.of("ready-0", NOW.minusSeconds(30)), fresh.status().disruptedPods());
    assertEquals(Optional.of(NOW.minusSeconds(30).plus(Duration.ofMinutes(2))), fresh.recheckAt());

    BudgetStatus.Result late =
        BudgetStatus.compute(pdb, pods(3, 0), 0, NOW.plus(Duration.ofMinutes(2)));
    assertCounts(late.status(), 3, 2, 3, 1);
    assertEquals(null, late.status().disruptedPods(), "the entry timed out");
    assertEquals(Optional.empty(), late.recheckAt());
  }

  @Test
  void aDisruptedPodSeenDeletedOrGoneLeavesTheMap() {
    PodDisruptionBudget pdb =
        minAvailable(IntOrString.of(1))
            .withStatus(
                new PodDisruptionBudgetStatus(
                    1L,
                    Map.of("ready-0", NOW.minusSeconds(5), "gone", NOW.minusSeconds(5)),
                    0,
                    2,
                    1,
                    2,
                    null));
    List<Pod> pods = new ArrayList<>(pods(2, 0));
    Pod going = pods.get(0);
    pods.set(0, (Pod) going.withMetadata(going.metadata().withDeletion(NOW.plusSeconds(30), 30L)));
    PodDisruptionBudgetStatus s = status(pdb, pods, 0);
    assertEquals(null, s.disruptedPods());
    assertCounts(s, 2, 1, 1, 0);
  }

  @Test
  void noSelectorSelectsNoPodAndAllowsNothing() {
    PodDisruptionBudget pdb =
        BudgetPods.budget(new PodDisruptionBudgetSpec(IntOrString.of(0), null, null, null));
    assertTrue(pods(2, 0).stream().noneMatch(p -> Budgets.selects(pdb, p)));
    assertCounts(status(pdb, List.of(), 0), 0, 0, 0, 0);
  }

  @Test
  void anEmptySelectorSelectsTheWholeNamespace() {
    PodDisruptionBudget pdb =
        BudgetPods.budget(
            new PodDisruptionBudgetSpec(
                IntOrString.of(0),
                new dev.shoal.manifests.model.LabelSelector(null, null),
                null,
                null));
    assertTrue(pods(2, 0).stream().allMatch(p -> Budgets.selects(pdb, p)));
    Pod elsewhere =
        (Pod) pod("x", true).withMetadata(pod("x", true).metadata().withNamespace("other"));
    assertTrue(!Budgets.selects(pdb, elsewhere));
  }

  @Test
  void theConditionSaysSufficientOrInsufficientAndKeepsItsTransitionTime() {
    PodDisruptionBudget pdb = minAvailable(IntOrString.of(2));
    PodDisruptionBudgetStatus first = status(pdb, pods(3, 0), 0);
    Condition c = first.conditions().get(0);
    assertEquals(
        List.of("DisruptionAllowed", "True", "SufficientPods", "", NOW),
        List.of(c.type(), c.status(), c.reason(), c.message(), c.lastTransitionTime()));
    assertEquals(1L, first.observedGeneration());

    PodDisruptionBudget seen = pdb.withStatus(first);
    BudgetStatus.Result again = BudgetStatus.compute(seen, pods(3, 0), 0, NOW.plusSeconds(60));
    assertEquals(first, again.status(), "nothing changed: the same status, nothing to write");

    PodDisruptionBudgetStatus short_ =
        BudgetStatus.compute(seen, pods(2, 1), 0, NOW.plusSeconds(60)).status();
    Condition d = short_.conditions().get(0);
    assertEquals(
        List.of("False", "InsufficientPods", NOW.plusSeconds(60)),
        List.of(d.status(), d.reason(), d.lastTransitionTime()));
  }

  @Test
  void aFailedSyncAllowsNothingAndSaysWhy() {
    PodDisruptionBudget pdb = minAvailable(IntOrString.of("50%"));
    PodDisruptionBudgetStatus failed =
        BudgetStatus.failed(
            pdb.withStatus(status(pdb, pods(4, 0), 4)),
            "found no controllers for pod \"ready-0\"",
            NOW);
    assertEquals(0, failed.disruptionsAllowed());
    Condition c = failed.conditions().get(0);
    assertEquals(
        List.of("False", "SyncFailed", "found no controllers for pod \"ready-0\""),
        List.of(c.status(), c.reason(), c.message()));
  }

  @Test
  void percentagesRoundUp() {
    assertEquals(2, BudgetStatus.scaled(IntOrString.of("34%"), 5));
    assertEquals(1, BudgetStatus.scaled(IntOrString.of("1%"), 3));
    assertEquals(0, BudgetStatus.scaled(IntOrString.of("0%"), 3));
    assertEquals(0, BudgetStatus.scaled(IntOrString.of("50%"), 0));
  }
}
