package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A piece of storage (core/v1, cluster-scoped), bound to at most one claim. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record PersistentVolume(
    ObjectMeta metadata, PersistentVolumeSpec spec, PersistentVolumeStatus status)
    implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "PersistentVolume";

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
  public PersistentVolume withMetadata(ObjectMeta value) {
    return new PersistentVolume(value, spec, status);
  }

  public PersistentVolume withSpec(PersistentVolumeSpec value) {
    return new PersistentVolume(metadata, value, status);
  }

  public PersistentVolume withStatus(PersistentVolumeStatus value) {
    return new PersistentVolume(metadata, spec, value);
  }

  /** The phase, Pending when none is recorded yet. */
  public String phase() {
    return status == null || status.phase() == null
        ? PersistentVolumeStatus.PENDING
        : status.phase();
  }
}
