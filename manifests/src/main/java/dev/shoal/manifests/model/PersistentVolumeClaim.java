package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A claim on storage (core/v1): how much, how it is accessed, and which class provides it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record PersistentVolumeClaim(
    ObjectMeta metadata, PersistentVolumeClaimSpec spec, PersistentVolumeClaimStatus status)
    implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "PersistentVolumeClaim";

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
  public PersistentVolumeClaim withMetadata(ObjectMeta value) {
    return new PersistentVolumeClaim(value, spec, status);
  }

  public PersistentVolumeClaim withSpec(PersistentVolumeClaimSpec value) {
    return new PersistentVolumeClaim(metadata, value, status);
  }

  public PersistentVolumeClaim withStatus(PersistentVolumeClaimStatus value) {
    return new PersistentVolumeClaim(metadata, spec, value);
  }

  /** The phase, Pending when none is recorded yet. */
  public String phase() {
    return status == null || status.phase() == null
        ? PersistentVolumeClaimStatus.PENDING
        : status.phase();
  }
}
