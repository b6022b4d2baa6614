package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A class of storage (storage.k8s.io/v1, cluster-scoped): which provisioner makes its volumes, what
 * happens to them when released, and when they are bound. Its fields sit at the top level, as
 * upstream's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record StorageClass(
    ObjectMeta metadata,
    String provisioner,
    Map<String, String> parameters,
    String reclaimPolicy,
    String volumeBindingMode,
    Boolean allowVolumeExpansion)
    implements Resource {
  public static final String API_VERSION = "storage.k8s.io/v1";
  public static final String KIND = "StorageClass";

  /** The annotation that marks the class claims without one get. */
  public static final String DEFAULT_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

  public static final String IMMEDIATE = "Immediate";
  public static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

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
  public StorageClass withMetadata(ObjectMeta value) {
    return new StorageClass(
        value, provisioner, parameters, reclaimPolicy, volumeBindingMode, allowVolumeExpansion);
  }

  /** Whether the class is marked the default ({@link #DEFAULT_ANNOTATION} "true"). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isDefault() {
    return metadata != null && "true".equals(metadata.annotationsOrEmpty().get(DEFAULT_ANNOTATION));
  }

  public String reclaimPolicyOrDefault() {
    return reclaimPolicy == null ? PersistentVolumeSpec.DELETE : reclaimPolicy;
  }

  public String volumeBindingModeOrDefault() {
    return volumeBindingMode == null ? IMMEDIATE : volumeBindingMode;
  }
}
