package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The cluster's certificate authority (shoal.dev/v1), cluster-scoped, one object named {@code
 * cluster}. Made by the first agent; every agent signs its own API certificate with it. The private
 * key is stored encrypted with a key derived from the cluster's join secret. Managed by the agents
 * only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record CertificateAuthority(ObjectMeta metadata, CertificateAuthoritySpec spec)
    implements Resource {
  public static final String API_VERSION = "shoal.dev/v1";
  public static final String KIND = "CertificateAuthority";
  public static final String NAME = "cluster";

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
  public CertificateAuthority withMetadata(ObjectMeta value) {
    return new CertificateAuthority(value, spec);
  }
}
