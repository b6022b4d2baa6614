package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What a job's controller last observed: pods running ({@code active}, of which {@code ready}),
 * pods that succeeded or failed, being deleted ({@code terminating}), when it started and
 * completed, which indexes have succeeded (as Kubernetes writes them, e.g. {@code "0-2,5"}), and
 * its conditions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatus(
    List<JobCondition> conditions,
    Instant startTime,
    Instant completionTime,
    Integer active,
    Integer succeeded,
    Integer failed,
    Integer terminating,
    String completedIndexes,
    Integer ready) {

  /** The condition of this type, or null. */
  public JobCondition condition(String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
  }

  /** True when the condition of this type is there with status True. */
  public boolean hasTrue(String type) {
    JobCondition c = condition(type);
    return c != null && "True".equals(c.status());
  }
}
