package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An IP address claim (networking.k8s.io/v1), cluster-scoped, named by the address itself in
 * canonical form (e.g. {@code 10.96.0.10}). Creating one is how a ClusterIP is taken: the name is
 * unique, so a second claim of the same address fails with "already exists". {@code spec.parentRef}
 * names the owner.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record IPAddress(ObjectMeta metadata, IPAddressSpec spec) implements Resource {
  public static final String API_VERSION = "networking.k8s.io/v1";
  public static final String KIND = "IPAddress";

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
  public IPAddress withMetadata(ObjectMeta value) {
    return new IPAddress(value, spec);
  }

  /** A claim of {@code ip} for the service {@code namespace/name}. */
  public static IPAddress forService(String ip, String namespace, String name) {
    return new IPAddress(
        ObjectMeta.named(null, ip), new IPAddressSpec(ParentReference.service(namespace, name)));
  }
}
