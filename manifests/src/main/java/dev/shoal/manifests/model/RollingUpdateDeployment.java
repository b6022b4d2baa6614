package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How far a rolling update may go above and below the desired count (numbers or percentages). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollingUpdateDeployment(IntOrString maxSurge, IntOrString maxUnavailable) {}
