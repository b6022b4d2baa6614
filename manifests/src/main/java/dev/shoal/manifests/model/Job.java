package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A job (batch/v1): runs pods of its template until {@code spec.completions} of them have
 * succeeded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record Job(ObjectMeta metadata, JobSpec spec, JobStatus status) implements Resource {
  public static final String API_VERSION = "batch/v1";
  public static final String KIND = "Job";

  @Override
  @JsonProperty("apiVersion")
  public String apiVersion() {
    return API_VERSION;
  }

  @Override
  @JsonProperty("kind")
  public String kind() {
    return KIND;
  }

  @Override
  public Job withMetadata(ObjectMeta value) {
    return new Job(value, spec, status);
  }

  public Job withSpec(JobSpec value) {
    return new Job(metadata, value, status);
  }

  public Job withStatus(JobStatus value) {
    return new Job(metadata, spec, value);
  }
}
