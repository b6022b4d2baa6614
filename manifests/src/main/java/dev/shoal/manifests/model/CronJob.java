package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A cron job (batch/v1): creates a Job from its template at each time its schedule names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record CronJob(ObjectMeta metadata, CronJobSpec spec, CronJobStatus status)
    implements Resource {
  public static final String API_VERSION = "batch/v1";
  public static final String KIND = "CronJob";

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
  public CronJob withMetadata(ObjectMeta value) {
    return new CronJob(value, spec, status);
  }

  public CronJob withSpec(CronJobSpec value) {
    return new CronJob(metadata, value, status);
  }

  public CronJob withStatus(CronJobStatus value) {
    return new CronJob(metadata, spec, value);
  }
}
