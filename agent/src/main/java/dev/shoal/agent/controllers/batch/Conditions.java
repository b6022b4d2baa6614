package dev.shoal.agent.controllers.batch;

import dev.shoal.manifests.model.JobCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's conditions being edited: setting one keeps its transition time unless its status changes.
 */
final class Conditions {
  private final List<JobCondition> list;
  private final Instant now;

  Conditions(List<JobCondition> existing, Instant now) {
    this.list = new ArrayList<>(existing == null ? List.of() : existing);
    this.now = now;
  }

  JobCondition get(String type) {
    return list.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
  }

  boolean isTrue(String type) {
    JobCondition c = get(type);
    return c != null && "True".equals(c.status());
  }

  void set(String type, String status, String reason, String message) {
    JobCondition existing = get(type);
    if (existing != null && status.equals(existing.status())) {
      return;
    }
    JobCondition next = new JobCondition(type, status, now, now, reason, message);
    if (existing == null) {
      list.add(next);
    } else {
      list.set(list.indexOf(existing), next);
    }
  }

  List<JobCondition> list() {
    return list.isEmpty() ? null : List.copyOf(list);
  }
}
