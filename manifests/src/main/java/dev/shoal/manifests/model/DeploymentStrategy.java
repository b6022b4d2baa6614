package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How a deployment replaces pods: type RollingUpdate (default) or Recreate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentStrategy(String type, RollingUpdateDeployment rollingUpdate) {}
