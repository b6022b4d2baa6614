package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A service's ports and the pods behind it; type ClusterIP (default), NodePort, LoadBalancer or ExternalName. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(
    String type,
    Map<String, String> selector,
    List<ServicePort> ports,
    String clusterIP,
    List<String> clusterIPs,
    String sessionAffinity,
    Boolean publishNotReadyAddresses) {

  public ServiceSpec withClusterIP(String value) {
    return new ServiceSpec(type, selector, ports, value, value == null ? null : List.of(value), sessionAffinity,
        publishNotReadyAddresses);
  }

  public ServiceSpec withPorts(List<ServicePort> value) {
    return new ServiceSpec(type, selector, value, clusterIP, clusterIPs, sessionAffinity, publishNotReadyAddresses);
  }

  public ServiceSpec withSelector(Map<String, String> value) {
    return new ServiceSpec(type, value, ports, clusterIP, clusterIPs, sessionAffinity, publishNotReadyAddresses);
  }

  /** {@code clusterIP: None}: DNS answers with the pods' addresses, no virtual IP. */
  @JsonIgnore
  public boolean isHeadless() {
    return "None".equals(clusterIP);
  }

  public String typeOrDefault() {
    return type == null ? "ClusterIP" : type;
  }

  public List<ServicePort> portsOrEmpty() {
    return ports == null ? List.of() : ports;
  }
}
