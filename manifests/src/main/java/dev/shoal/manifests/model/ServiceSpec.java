package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A service's ports and the pods behind it; type ClusterIP (default), NodePort, LoadBalancer or
 * ExternalName.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(
    String type,
    Map<String, String> selector,
    List<ServicePort> ports,
    String clusterIP,
    List<String> clusterIPs,
    String sessionAffinity,
    Boolean publishNotReadyAddresses,
    String externalTrafficPolicy,
    SessionAffinityConfig sessionAffinityConfig) {

  /**
   * Without {@code externalTrafficPolicy} and {@code sessionAffinityConfig} (Cluster, the default
   * timeout).
   */
  public ServiceSpec(
      String type,
      Map<String, String> selector,
      List<ServicePort> ports,
      String clusterIP,
      List<String> clusterIPs,
      String sessionAffinity,
      Boolean publishNotReadyAddresses) {
    this(
        type,
        selector,
        ports,
        clusterIP,
        clusterIPs,
        sessionAffinity,
        publishNotReadyAddresses,
        null,
        null);
  }

  public ServiceSpec withClusterIP(String value) {
    return new ServiceSpec(
        type,
        selector,
        ports,
        value,
        value == null ? null : List.of(value),
        sessionAffinity,
        publishNotReadyAddresses,
        externalTrafficPolicy,
        sessionAffinityConfig);
  }

  public ServiceSpec withPorts(List<ServicePort> value) {
    return new ServiceSpec(
        type,
        selector,
        value,
        clusterIP,
        clusterIPs,
        sessionAffinity,
        publishNotReadyAddresses,
        externalTrafficPolicy,
        sessionAffinityConfig);
  }

  public ServiceSpec withSelector(Map<String, String> value) {
    return new ServiceSpec(
        type,
        value,
        ports,
        clusterIP,
        clusterIPs,
        sessionAffinity,
        publishNotReadyAddresses,
        externalTrafficPolicy,
        sessionAffinityConfig);
  }

  /** {@code clusterIP: None}: DNS answers with the pods' addresses, no virtual IP. */
  @JsonIgnore
  public boolean isHeadless() {
    return "None".equals(clusterIP);
  }

  /**
   * {@code Local}: NodePort traffic only to the node's own endpoints, client address kept; else
   * Cluster.
   */
  @JsonIgnore
  public boolean externalTrafficLocal() {
    return "Local".equals(externalTrafficPolicy);
  }

  /**
   * {@code sessionAffinityConfig.clientIP.timeoutSeconds}, Kubernetes' default 10800 (3 h) when
   * absent.
   */
  @JsonIgnore
  public int clientIpTimeoutSeconds() {
    if (sessionAffinityConfig == null
        || sessionAffinityConfig.clientIP() == null
        || sessionAffinityConfig.clientIP().timeoutSeconds() == null) {
      return SessionAffinityConfig.DEFAULT_TIMEOUT_SECONDS;
    }
    return sessionAffinityConfig.clientIP().timeoutSeconds();
  }

  public String typeOrDefault() {
    return type == null ? "ClusterIP" : type;
  }

  public List<ServicePort> portsOrEmpty() {
    return ports == null ? List.of() : ports;
  }
}
