package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a pod runs and how: containers, volumes, restart policy, placement (node selector, node
 * affinity, tolerations) and DNS settings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodSpec(
    List<Container> initContainers,
    List<Container> containers,
    String restartPolicy,
    Long terminationGracePeriodSeconds,
    String dnsPolicy,
    Map<String, String> nodeSelector,
    String nodeName,
    Boolean hostNetwork,
    String hostname,
    String subdomain,
    PodDNSConfig dnsConfig,
    List<Volume> volumes,
    List<Toleration> tolerations,
    Affinity affinity) {

  /** A spec with only these containers. */
  public static PodSpec of(List<Container> containers) {
    return new PodSpec(
        null, containers, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public PodSpec withContainers(List<Container> value) {
    return new PodSpec(
        initContainers,
        value,
        restartPolicy,
        terminationGracePeriodSeconds,
        dnsPolicy,
        nodeSelector,
        nodeName,
        hostNetwork,
        hostname,
        subdomain,
        dnsConfig,
        volumes,
        tolerations,
        affinity);
  }

  public PodSpec withInitContainers(List<Container> value) {
    return new PodSpec(
        value,
        containers,
        restartPolicy,
        terminationGracePeriodSeconds,
        dnsPolicy,
        nodeSelector,
        nodeName,
        hostNetwork,
        hostname,
        subdomain,
        dnsConfig,
        volumes,
        tolerations,
        affinity);
  }

  public PodSpec withRestartPolicy(String value) {
    return new PodSpec(
        initContainers,
        containers,
        value,
        terminationGracePeriodSeconds,
        dnsPolicy,
        nodeSelector,
        nodeName,
        hostNetwork,
        hostname,
        subdomain,
        dnsConfig,
        volumes,
        tolerations,
        affinity);
  }

  public PodSpec withNodeName(String value) {
    return new PodSpec(
        initContainers,
        containers,
        restartPolicy,
        terminationGracePeriodSeconds,
        dnsPolicy,
        nodeSelector,
        value,
        hostNetwork,
        hostname,
        subdomain,
        dnsConfig,
        volumes,
        tolerations,
        affinity);
  }

  public PodSpec withNodeSelector(Map<String, String> value) {
    return new PodSpec(
        initContainers,
        containers,
        restartPolicy,
        terminationGracePeriodSeconds,
        dnsPolicy,
        value,
        nodeName,
        hostNetwork,
        hostname,
        subdomain,
        dnsConfig,
        volumes,
        tolerations,
        affinity);
  }

  public PodSpec withVolumes(List<Volume> value) {
    return new PodSpec(
        initContainers,
        containers,
        restartPolicy,
        terminationGracePeriodSeconds,
        dnsPolicy,
        nodeSelector,
        nodeName,
        hostNetwork,
        hostname,
        subdomain,
        dnsConfig,
        value,
        tolerations,
        affinity);
  }

  public PodSpec withHostnameAndSubdomain(String host, String sub) {
    return new PodSpec(
        initContainers,
        containers,
        restartPolicy,
        terminationGracePeriodSeconds,
        dnsPolicy,
        nodeSelector,
        nodeName,
        hostNetwork,
        host,
        sub,
        dnsConfig,
        volumes,
        tolerations,
        affinity);
  }

  public List<Container> containersOrEmpty() {
    return containers == null ? List.of() : containers;
  }

  public List<Container> initContainersOrEmpty() {
    return initContainers == null ? List.of() : initContainers;
  }

  /** Init containers first, then app containers. */
  public List<Container> allContainers() {
    List<Container> all = new ArrayList<>(initContainersOrEmpty());
    all.addAll(containersOrEmpty());
    return List.copyOf(all);
  }

  public List<Volume> volumesOrEmpty() {
    return volumes == null ? List.of() : volumes;
  }

  public PodSpec withTolerations(List<Toleration> value) {
    return new PodSpec(
        initContainers,
        containers,
        restartPolicy,
        terminationGracePeriodSeconds,
        dnsPolicy,
        nodeSelector,
        nodeName,
        hostNetwork,
        hostname,
        subdomain,
        dnsConfig,
        volumes,
        value,
        affinity);
  }

  public List<Toleration> tolerationsOrEmpty() {
    return tolerations == null ? List.of() : tolerations;
  }

  /** The required node affinity, or null when the pod has none. */
  public NodeSelector requiredNodeAffinity() {
    return affinity == null || affinity.nodeAffinity() == null
        ? null
        : affinity.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution();
  }
}
