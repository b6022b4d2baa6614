package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * meta/v1 DeleteOptions as far as Shoal honours them: the grace period, preconditions on uid and
 * resourceVersion, and dry run. {@code propagationPolicy} is read and ignored (dependents are the
 * garbage collector's).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteOptions(
    Long gracePeriodSeconds,
    Preconditions preconditions,
    List<String> dryRun,
    String propagationPolicy) {

  /** What the delete must find, or it fails with a conflict. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Preconditions(String uid, String resourceVersion) {}

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isDryRun() {
    return dryRun != null && dryRun.contains("All");
  }
}
