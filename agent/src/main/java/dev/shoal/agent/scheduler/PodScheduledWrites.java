package dev.shoal.agent.scheduler;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The two writes the scheduler makes to a pod, as store.modify functions that re-check the stored
 * pod.
 */
final class PodScheduledWrites {

  private PodScheduledWrites() {}

  /**
   * Sets {@code spec.nodeName} and PodScheduled=True, only if the pod is still unbound and not
   * being deleted.
   */
  static UnaryOperator<Resource> bind(String nodeName, Instant now) {
    return current -> {
      if (!(current instanceof Pod pod) || PodFacts.isBound(pod) || PodFacts.isDeleting(pod)) {
        return current;
      }
      PodCondition scheduled = new PodCondition("PodScheduled", "True", null, null, null, now);
      return pod.withSpec(pod.spec().withNodeName(nodeName))
          .withStatus(withCondition(pod.status(), scheduled));
    };
  }

  /**
   * Sets PodScheduled=False reason Unschedulable with {@code message}; writes nothing when it says
   * so already.
   */
  static UnaryOperator<Resource> unschedulable(String message, Instant now) {
    return current -> {
      if (!(current instanceof Pod pod) || PodFacts.isBound(pod)) {
        return current;
      }
      PodCondition existing = condition(pod.status());
      if (existing != null
          && "False".equals(existing.status())
          && "Unschedulable".equals(existing.reason())
          && Objects.equals(existing.message(), message)) {
        return current;
      }
      PodCondition condition =
          new PodCondition("PodScheduled", "False", "Unschedulable", message, null, now);
      return pod.withStatus(withCondition(pod.status(), condition));
    };
  }

  static PodCondition condition(PodStatus status) {
    if (status == null || status.conditions() == null) {
      return null;
    }
    return status.conditions().stream()
        .filter(c -> "PodScheduled".equals(c.type()))
        .findFirst()
        .orElse(null);
  }

  private static PodStatus withCondition(PodStatus status, PodCondition condition) {
    PodStatus base = status == null ? PodStatus.phase("Pending") : status;
    if (base.phase() == null) {
      base = base.withPhase("Pending");
    }
    List<PodCondition> conditions = new ArrayList<>();
    if (base.conditions() != null) {
      for (PodCondition c : base.conditions()) {
        if (!"PodScheduled".equals(c.type())) {
          conditions.add(c);
        }
      }
    }
    conditions.add(condition);
    return base.withConditions(conditions);
  }
}
