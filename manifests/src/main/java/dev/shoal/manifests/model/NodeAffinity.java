package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Node affinity: the hard rule a node must meet for the pod to be placed there. The preferred
 * (soft) rules are not modelled and come back as a warning.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeAffinity(NodeSelector requiredDuringSchedulingIgnoredDuringExecution) {}
