package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Which pods a daemon set owns, the template it runs on each node, and how it replaces them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DaemonSetSpec(
    LabelSelector selector,
    PodTemplateSpec template,
    DaemonSetUpdateStrategy updateStrategy,
    Integer minReadySeconds,
    Integer revisionHistoryLimit) {

  public DaemonSetSpec withTemplate(PodTemplateSpec value) {
    return new DaemonSetSpec(
        selector, value, updateStrategy, minReadySeconds, revisionHistoryLimit);
  }

  public DaemonSetSpec withUpdateStrategy(DaemonSetUpdateStrategy value) {
    return new DaemonSetSpec(selector, template, value, minReadySeconds, revisionHistoryLimit);
  }

  public int minReadySecondsOrDefault() {
    return minReadySeconds == null ? 0 : minReadySeconds;
  }
}
