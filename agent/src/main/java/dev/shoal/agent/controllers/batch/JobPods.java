package dev.shoal.agent.controllers.batch;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.ContainerStatus;
import dev.shoal.manifests.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the job controller reads off its pods: phase, completion index, when they finished,
 * restarts.
 */
final class JobPods {
  static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

  private JobPods() {}

  static boolean succeeded(Pod pod) {
    return pod.status() != null && "Succeeded".equals(pod.status().phase());
  }

  static boolean failed(Pod pod) {
    return pod.status() != null && "Failed".equals(pod.status().phase());
  }

  /** Still running or about to: neither finished nor being deleted. */
  static boolean active(Pod pod) {
    return PodFacts.isActive(pod);
  }

  /** Being deleted and not finished: its containers may still run. */
  static boolean terminating(Pod pod) {
    return PodFacts.isDeleting(pod) && !PodFacts.isTerminal(pod);
  }

  /**
   * The pod's completion index (annotation, else label), or -1 when it has none that parses below
   * {@code limit}.
   */
  static int index(Pod pod, int limit) {
    Map<String, String> annotations = pod.metadata().annotations();
    String text = annotations == null ? null : annotations.get(COMPLETION_INDEX);
    if (text == null) {
      text = pod.metadata().labelsOrEmpty().get(COMPLETION_INDEX);
    }
    if (text == null
        || text.isEmpty()
        || text.length() > 9
        || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int index = Integer.parseInt(text);
    return index < limit ? index : -1;
  }

  /** When a finished pod finished: its containers' last finishedAt, else its start or creation. */
  static Instant finishedAt(Pod pod) {
    Instant latest = null;
    for (ContainerStatus status : statuses(pod)) {
      if (status.state() != null
          && status.state().terminated() != null
          && status.state().terminated().finishedAt() != null) {
        Instant at = status.state().terminated().finishedAt();
        latest = latest == null || at.isAfter(latest) ? at : latest;
      }
    }
    if (latest != null) {
      return latest;
    }
    if (pod.status() != null && pod.status().startTime() != null) {
      return pod.status().startTime();
    }
    return pod.metadata().creationTimestamp() == null
        ? Instant.EPOCH
        : pod.metadata().creationTimestamp();
  }

  /**
   * Container restarts of the pod (init and app containers), as restartPolicy OnFailure counts
   * failures.
   */
  static int restarts(Pod pod) {
    int sum = 0;
    for (ContainerStatus status : statuses(pod)) {
      sum += status.restartCount() == null ? 0 : status.restartCount();
    }
    return sum;
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    List<ContainerStatus> all = new ArrayList<>();
    if (pod.status() != null) {
      if (pod.status().initContainerStatuses() != null) {
        all.addAll(pod.status().initContainerStatuses());
      }
      if (pod.status().containerStatuses() != null) {
        all.addAll(pod.status().containerStatuses());
      }
    }
    return all;
  }
}
