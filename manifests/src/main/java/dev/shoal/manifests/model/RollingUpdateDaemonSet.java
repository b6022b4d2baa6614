package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How many nodes may be without an available daemon pod during an update, and on how many an old
 * and a new pod may run side by side (counts or percentages of the desired nodes).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollingUpdateDaemonSet(IntOrString maxUnavailable, IntOrString maxSurge) {}
