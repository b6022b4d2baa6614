package dev.shoal.agent.controllers.autoscale;

import dev.shoal.manifests.model.HorizontalPodAutoscalerCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An autoscaler's conditions as upstream's {@code setCondition} keeps them: one per type, new types
 * appended, the transition time moved only when the status changes.
 */
final class Conditions {
  private final List<HorizontalPodAutoscalerCondition> list;
  private final Instant now;

  Conditions(List<HorizontalPodAutoscalerCondition> existing, Instant now) {
    this.list = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
    this.now = now;
  }

  void set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    for (int i = 0; i < list.size(); i++) {
      HorizontalPodAutoscalerCondition c = list.get(i);
      if (type.equals(c.type())) {
        Instant since = value.equals(c.status()) ? c.lastTransitionTime() : now;
        list.set(i, new HorizontalPodAutoscalerCondition(type, value, since, reason, message));
        return;
      }
    }
    list.add(new HorizontalPodAutoscalerCondition(type, value, now, reason, message));
  }

  List<HorizontalPodAutoscalerCondition> list() {
    return List.copyOf(list);
  }
}
