package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What the node running a pod reports: phase (Pending, Running, Succeeded, Failed, Unknown), IPs,
 * containers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodStatus(
    String phase,
    List<PodCondition> conditions,
    String message,
    String reason,
    String hostIP,
    String podIP,
    Instant startTime,
    List<ContainerStatus> initContainerStatuses,
    List<ContainerStatus> containerStatuses) {

  public static PodStatus phase(String phase) {
    return new PodStatus(phase, null, null, null, null, null, null, null, null);
  }

  public PodStatus withPhase(String value) {
    return new PodStatus(
        value,
        conditions,
        message,
        reason,
        hostIP,
        podIP,
        startTime,
        initContainerStatuses,
        containerStatuses);
  }

  public PodStatus withConditions(List<PodCondition> value) {
    return new PodStatus(
        phase,
        value,
        message,
        reason,
        hostIP,
        podIP,
        startTime,
        initContainerStatuses,
        containerStatuses);
  }

  public PodStatus withReason(String newReason, String newMessage) {
    return new PodStatus(
        phase,
        conditions,
        newMessage,
        newReason,
        hostIP,
        podIP,
        startTime,
        initContainerStatuses,
        containerStatuses);
  }

  public PodStatus withIPs(String host, String pod) {
    return new PodStatus(
        phase,
        conditions,
        message,
        reason,
        host,
        pod,
        startTime,
        initContainerStatuses,
        containerStatuses);
  }

  public PodStatus withStartTime(Instant value) {
    return new PodStatus(
        phase,
        conditions,
        message,
        reason,
        hostIP,
        podIP,
        value,
        initContainerStatuses,
        containerStatuses);
  }

  public PodStatus withContainerStatuses(List<ContainerStatus> init, List<ContainerStatus> app) {
    return new PodStatus(phase, conditions, message, reason, hostIP, podIP, startTime, init, app);
  }

  /** True when the condition {@code Ready} is {@code True}. */
  @JsonIgnore
  public boolean isReady() {
    return conditions != null
        && conditions.stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
  }
}
