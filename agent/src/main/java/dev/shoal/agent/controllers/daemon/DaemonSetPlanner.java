package dev.shoal.agent.controllers.daemon;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.DaemonSetStatus;
import dev.shoal.manifests.model.DaemonSetUpdateStrategy;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.RollingUpdateDaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daemon set reconcile as a pure function (upstream's daemon_controller.go and update.go):
 * every node that should run the daemon and has none gets one; pods on nodes that must not keep
 * them, on nodes that are gone, failed pods and duplicates are deleted; then pods of an old
 * template are replaced: with RollingUpdate, at most {@code maxUnavailable} nodes without an
 * available daemon at a time (old pods that are not available go first, freely), or with {@code
 * maxSurge} a new pod starts beside the old one on at most that many nodes and the old one goes
 * once the new one is available; with OnDelete, only a pod the user deleted is replaced.
 */
public final class DaemonSetPlanner {

  private DaemonSetPlanner() {}

  /**
   * @param nodes every node of the cluster
   * @param pods the pods the set owns (controller reference to its uid)
   * @param mayCreate false while earlier creations have not come back through the watch
   */
  public static DaemonSetPlan plan(
      DaemonSet ds, List<Node> nodes, List<Pod> pods, Instant now, boolean mayCreate) {
    String revision = DaemonPods.revision(ds);
    int minReady = ds.spec().minReadySecondsOrDefault();
    Map<String, List<Pod>> byNode = new HashMap<>();
    List<Pod> delete = new ArrayList<>();
    for (Pod pod : pods) {
      if (PodFacts.isDeleting(pod)) {
        continue;
      }
      if (PodFacts.isTerminal(pod) || !PodFacts.isBound(pod)) {
        // A failed daemon pod is replaced; an unbound one was not made by this controller.
        delete.add(pod);
        continue;
      }
      byNode.computeIfAbsent(pod.spec().nodeName(), n -> new ArrayList<>()).add(pod);
    }
    Map<String, NodeEligibility> eligible = new TreeMap<>();
    for (Node node : nodes) {
      eligible.put(node.metadata().name(), NodeEligibility.of(ds.spec().template().spec(), node));
    }
    byNode.forEach(
        (node, onNode) -> {
          NodeEligibility e = eligible.get(node);
          if (e == null || !e.shouldContinueRunning()) {
            delete.addAll(onNode);
          }
        });

    List<String> createOn = new ArrayList<>();
    Counts counts = new Counts();
    Map<String, NodeDaemons> running = new TreeMap<>();
    for (Map.Entry<String, NodeEligibility> entry : eligible.entrySet()) {
      String node = entry.getKey();
      List<Pod> onNode = byNode.getOrDefault(node, List.of());
      NodeEligibility e = entry.getValue();
      if (!e.shouldContinueRunning()) {
        continue;
      }
      if (!e.shouldRun()) {
        if (!onNode.isEmpty()) {
          counts.misscheduled++;
        }
        continue;
      }
      counts.desired++;
      if (onNode.isEmpty()) {
        createOn.add(node);
        continue;
      }
      NodeDaemons daemons = NodeDaemons.of(onNode, revision, minReady, now);
      delete.addAll(daemons.duplicates());
      running.put(node, daemons);
      counts.count(daemons, minReady, now);
    }

    if (isRollingUpdate(ds)) {
      rollingUpdate(ds, counts.desired, running, createOn, delete);
    }
    if (!mayCreate) {
      createOn = List.of();
    }
    DaemonSetStatus status =
        new DaemonSetStatus(
            counts.current,
            counts.misscheduled,
            counts.desired,
            counts.ready,
            ds.metadata().generation(),
            counts.updated,
            counts.available,
            counts.desired - counts.available);
    return new DaemonSetPlan(List.copyOf(createOn), List.copyOf(delete), status, counts.recheck);
  }

  private static void rollingUpdate(
      DaemonSet ds,
      int desired,
      Map<String, NodeDaemons> running,
      List<String> createOn,
      List<Pod> delete) {
    RollingUpdateDaemonSet limits =
        ds.spec().updateStrategy() == null ? null : ds.spec().updateStrategy().rollingUpdate();
    int maxSurge = scaled(limits == null ? null : limits.maxSurge(), 0, desired);
    int maxUnavailable = scaled(limits == null ? null : limits.maxUnavailable(), 1, desired);
    if (maxSurge == 0 && maxUnavailable == 0) {
      maxUnavailable = 1;
    }
    for (NodeDaemons d : running.values()) {
      // Old and new side by side (a surge, or a strategy changed mid-update): the old one goes
      // once the new one is available.
      if (d.newest() != null && d.oldest() != null && d.newestAvailable()) {
        delete.add(d.oldest());
      }
    }
    if (maxSurge == 0) {
      // Nodes without an available daemon now: the missing ones and the unavailable ones.
      int unavailable = createOn.size();
      List<Pod> oldAvailable = new ArrayList<>();
      for (NodeDaemons d : running.values()) {
        if (!d.anyAvailable()) {
          unavailable++;
        }
        if (d.newest() == null && d.oldest() != null) {
          if (d.anyAvailable()) {
            oldAvailable.add(d.oldest());
          } else {
            delete.add(d.oldest());
          }
        }
      }
      oldAvailable.sort(Comparator.comparing(p -> p.spec().nodeName()));
      int budget = Math.max(0, maxUnavailable - unavailable);
      delete.addAll(oldAvailable.subList(0, Math.min(budget, oldAvailable.size())));
      return;
    }
    int surging = 0;
    List<String> wantSurge = new ArrayList<>();
    for (Map.Entry<String, NodeDaemons> entry : running.entrySet()) {
      NodeDaemons d = entry.getValue();
      if (d.oldest() == null) {
        continue;
      }
      if (d.newest() != null) {
        if (!d.newestAvailable()) {
          surging++;
        }
      } else if (!d.anyAvailable()) {
        // An old pod that is not available anyway: replace it at once, beyond the surge.
        createOn.add(entry.getKey());
      } else {
        wantSurge.add(entry.getKey());
      }
    }
    int budget = Math.max(0, maxSurge - surging);
    createOn.addAll(wantSurge.subList(0, Math.min(budget, wantSurge.size())));
  }

  private static boolean isRollingUpdate(DaemonSet ds) {
    DaemonSetUpdateStrategy s = ds.spec().updateStrategy();
    return s == null || s.type() == null || DaemonSetUpdateStrategy.ROLLING_UPDATE.equals(s.type());
  }

  /** Upstream scales both limits with the number of desired nodes and rounds up. */
  static int scaled(IntOrString value, int fallback, int desired) {
    if (value == null) {
      return fallback;
    }
    if (value.isInt()) {
      return Math.max(0, value.intValue());
    }
    String text = value.stringValue().trim();
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    return (int) (((long) percent * desired + 99) / 100);
  }

  /** Per-node status counts. */
  private static final class Counts {
    int desired;
    int current;
    int misscheduled;
    int ready;
    int available;
    int updated;
    long recheck;

    void count(NodeDaemons d, int minReady, Instant now) {
      current++;
      if (d.anyReady()) {
        ready++;
      }
      if (d.anyAvailable()) {
        available++;
      }
      if (d.newest() != null) {
        updated++;
      }
      Long wait = d.millisUntilAvailable(minReady, now);
      if (wait != null && (recheck == 0 || wait < recheck)) {
        recheck = wait;
      }
    }
  }

  /**
   * The set's live pods on one node: the oldest of the current revision ({@code newest}), the
   * oldest of an older one ({@code oldest}), and the rest as duplicates.
   */
  record NodeDaemons(
      Pod newest,
      Pod oldest,
      List<Pod> duplicates,
      boolean anyReady,
      boolean anyAvailable,
      boolean newestAvailable,
      List<Pod> kept) {

    static NodeDaemons of(List<Pod> onNode, String revision, int minReady, Instant now) {
      List<Pod> sorted = new ArrayList<>(onNode);
      sorted.sort(
          Comparator.comparing(
                  (Pod p) ->
                      p.metadata().creationTimestamp() == null
                          ? Instant.EPOCH
                          : p.metadata().creationTimestamp())
              .thenComparing(p -> String.valueOf(p.metadata().name())));
      Pod current = null;
      Pod old = null;
      List<Pod> duplicates = new ArrayList<>();
      for (Pod p : sorted) {
        boolean isCurrent =
            revision.equals(p.metadata().labelsOrEmpty().get(DaemonPods.REVISION_LABEL));
        if (isCurrent && current == null) {
          current = p;
        } else if (!isCurrent && old == null) {
          old = p;
        } else {
          duplicates.add(p);
        }
      }
      List<Pod> kept = new ArrayList<>();
      if (current != null) {
        kept.add(current);
      }
      if (old != null) {
        kept.add(old);
      }
      boolean ready = kept.stream().anyMatch(PodFacts::isReady);
      boolean available = kept.stream().anyMatch(p -> PodFacts.isAvailable(p, minReady, now));
      boolean newestAvailable = current != null && PodFacts.isAvailable(current, minReady, now);
      return new NodeDaemons(
          current, old, List.copyOf(duplicates), ready, available, newestAvailable, kept);
    }

    /** Milliseconds until a ready pod here becomes available, or null when none is waiting. */
    Long millisUntilAvailable(int minReady, Instant now) {
      Long best = null;
      for (Pod p : kept) {
        var since = PodFacts.readySince(p);
        if (since.isPresent() && !PodFacts.isAvailable(p, minReady, now)) {
          long wait = Duration.between(now, since.get().plusSeconds(minReady)).toMillis() + 1;
          best = best == null ? wait : Math.min(best, wait);
        }
      }
      return best;
    }
  }
}
