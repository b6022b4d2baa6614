package dev.shoal.agent.controllers;

import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentStrategy;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.RollingUpdateDeployment;

/**
 * A rolling update's bounds as counts: maxSurge rounds percentages up, maxUnavailable rounds them
 * down (both default 25%), and when both come out 0, maxUnavailable is 1 so the rollout can move
 * (Kubernetes' ResolveFenceposts).
 */
public record RolloutLimits(int maxSurge, int maxUnavailable) {

  public static RolloutLimits of(Deployment d) {
    int replicas = d.spec().replicasOrDefault();
    DeploymentStrategy strategy = d.spec().strategy();
    RollingUpdateDeployment rolling = strategy == null ? null : strategy.rollingUpdate();
    IntOrString surge =
        rolling == null || rolling.maxSurge() == null ? IntOrString.of("25%") : rolling.maxSurge();
    IntOrString unavailable =
        rolling == null || rolling.maxUnavailable() == null
            ? IntOrString.of("25%")
            : rolling.maxUnavailable();
    int s = resolve(surge, replicas, true);
    int u = resolve(unavailable, replicas, false);
    if (s == 0 && u == 0) {
      u = 1;
    }
    return new RolloutLimits(s, u);
  }

  static int resolve(IntOrString value, int total, boolean roundUp) {
    if (value.isInt()) {
      return Math.max(0, value.intValue());
    }
    String text = value.stringValue().trim();
    if (!text.endsWith("%")) {
      return Math.max(0, Integer.parseInt(text));
    }
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    long scaled = (long) percent * total;
    return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
  }

  public static boolean isRecreate(Deployment d) {
    return d.spec().strategy() != null && "Recreate".equals(d.spec().strategy().type());
  }
}
