package dev.shoal.agent.controllers;

import dev.shoal.manifests.model.DeploymentStatus;
import java.util.List;

/**
 * What one deployment sync does: replica set writes in order, the revision to record on the
 * deployment, its new status, and when to look again (minReadySeconds, progress deadline), or -1.
 */
public record DeploymentPlan(
    List<DeploymentAction> actions,
    long revision,
    DeploymentStatus status,
    long recheckAfterMillis) {}
