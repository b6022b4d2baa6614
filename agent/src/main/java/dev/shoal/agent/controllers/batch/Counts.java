package dev.shoal.agent.controllers.batch;

import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.JobStatus;
import dev.shoal.manifests.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's pods counted: the active ones, succeeded and failed (never fewer than the status already
 * says, so a deleted finished pod is not forgotten), completed and running indexes, pods that
 * double an index, and the failures since the last success that the back-off waits on.
 */
record Counts(
    List<Pod> active,
    int terminating,
    int succeeded,
    int failed,
    BitSet completed,
    BitSet runningIndexes,
    List<Pod> duplicates,
    Map<Integer, Integer> nextAttempt,
    int failuresSinceSuccess,
    Instant lastFailure,
    boolean successReached) {

  static Counts of(JobSpec spec, JobStatus old, List<Pod> pods) {
    boolean indexed = spec.isIndexed();
    int completions = spec.completions() == null ? 0 : spec.completions();
    List<Pod> active = new ArrayList<>();
    int terminating = 0;
    int succeededPods = 0;
    int failedPods = 0;
    BitSet completed =
        indexed ? CompletedIndexes.parse(old.completedIndexes(), completions) : new BitSet();
    Instant lastSuccess = null;
    Map<Integer, Integer> nextAttempt = new HashMap<>();
    for (Pod pod : pods) {
      int index = indexed ? JobPods.index(pod, completions) : -1;
      if (index >= 0) {
        nextAttempt.merge(index, attemptAfter(spec, pod, index), Math::max);
      }
      if (JobPods.succeeded(pod)) {
        succeededPods++;
        if (index >= 0) {
          completed.set(index);
        }
        lastSuccess = later(lastSuccess, JobPods.finishedAt(pod));
      } else if (JobPods.failed(pod)) {
        failedPods++;
      } else if (JobPods.terminating(pod)) {
        terminating++;
      } else if (JobPods.active(pod)) {
        active.add(pod);
      }
    }
    int failuresSinceSuccess = 0;
    Instant lastFailure = null;
    for (Pod pod : pods) {
      if (JobPods.failed(pod)) {
        Instant at = JobPods.finishedAt(pod);
        lastFailure = later(lastFailure, at);
        if (lastSuccess == null || at.isAfter(lastSuccess)) {
          failuresSinceSuccess++;
        }
      }
    }
    BitSet running = new BitSet();
    List<Pod> duplicates = new ArrayList<>();
    if (indexed) {
      // The oldest pod of an index keeps it; a pod for a completed index or without a valid one
      // goes.
      List<Pod> oldestFirst = new ArrayList<>(active);
      oldestFirst.sort(
          Comparator.comparing(
                  (Pod p) ->
                      p.metadata().creationTimestamp() == null
                          ? Instant.EPOCH
                          : p.metadata().creationTimestamp())
              .thenComparing(p -> p.metadata().name()));
      for (Pod pod : oldestFirst) {
        int index = JobPods.index(pod, completions);
        if (index < 0 || completed.get(index) || running.get(index)) {
          duplicates.add(pod);
        } else {
          running.set(index);
        }
      }
    }
    int succeeded =
        indexed ? completed.cardinality() : Math.max(orZero(old.succeeded()), succeededPods);
    int failed = Math.max(orZero(old.failed()), failedPods);
    boolean reached =
        indexed
            ? completed.cardinality() >= completions
            : spec.completions() == null
                ? succeeded > 0 && active.isEmpty()
                : succeeded >= spec.completions();
    return new Counts(
        List.copyOf(active),
        terminating,
        succeeded,
        failed,
        completed,
        running,
        List.copyOf(duplicates),
        nextAttempt,
        failuresSinceSuccess,
        lastFailure,
        reached);
  }

  /**
   * The attempt number the next pod of this index gets: one past this pod's (read off its name).
   */
  private static int attemptAfter(JobSpec spec, Pod pod, int index) {
    String name = pod.metadata().name() == null ? "" : pod.metadata().name();
    int dash = name.lastIndexOf('-');
    String suffix = dash < 0 ? "" : name.substring(dash + 1);
    if (!suffix.isEmpty()
        && suffix.length() < 9
        && suffix.chars().allMatch(Character::isDigit)
        && name.substring(0, dash).endsWith("-" + index)) {
      return Integer.parseInt(suffix) + 1;
    }
    return 1;
  }

  int attempts(int index) {
    return nextAttempt.getOrDefault(index, 0);
  }

  /** Ready pods among the active ones that are not about to be deleted. */
  int ready(List<Pod> deleting) {
    return (int)
        active.stream()
            .filter(p -> !deleting.contains(p))
            .filter(p -> p.status() != null && p.status().isReady())
            .count();
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
