package dev.shoal.agent.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' defaults for autoscaling/v2, on the JSON form: {@code minReplicas} 1; with no
 * metrics, CPU at 80% utilization; where {@code behavior} is given, each direction's missing parts
 * filled as upstream fills them (scale up: no stabilization, the larger of 4 pods and 100% per 15
 * s; scale down: 100% per 15 s; both selectPolicy Max). As upstream, the scale-down window is left
 * unset: the controller applies its configured one (300 s by default).
 */
final class HpaDefaults {
  static final int DEFAULT_CPU_UTILIZATION = 80;

  private HpaDefaults() {}

  static void apply(ObjectNode object) {
    ObjectNode spec = Defaults.child(object, "spec");
    Defaults.putIfAbsent(spec, "minReplicas", 1);
    JsonNode metrics = spec.get("metrics");
    if (metrics == null || metrics.isNull() || metrics instanceof ArrayNode a && a.isEmpty()) {
      ObjectNode cpu = spec.putArray("metrics").addObject();
      cpu.put("type", "Resource");
      ObjectNode resource = cpu.putObject("resource");
      resource.put("name", "cpu");
      ObjectNode target = resource.putObject("target");
      target.put("type", "Utilization");
      target.put("averageUtilization", DEFAULT_CPU_UTILIZATION);
    }
    if (spec.get("behavior") instanceof ObjectNode behavior) {
      ObjectNode up = Defaults.child(behavior, "scaleUp");
      Defaults.putIfAbsent(up, "stabilizationWindowSeconds", 0);
      Defaults.putIfAbsent(up, "selectPolicy", "Max");
      if (!up.hasNonNull("policies")) {
        ArrayNode policies = up.putArray("policies");
        policy(policies, "Pods", 4, 15);
        policy(policies, "Percent", 100, 15);
      }
      ObjectNode down = Defaults.child(behavior, "scaleDown");
      Defaults.putIfAbsent(down, "selectPolicy", "Max");
      if (!down.hasNonNull("policies")) {
        policy(down.putArray("policies"), "Percent", 100, 15);
      }
    }
  }

  private static void policy(ArrayNode policies, String type, int value, int periodSeconds) {
    ObjectNode p = policies.addObject();
    p.put("type", type);
    p.put("value", value);
    p.put("periodSeconds", periodSeconds);
  }
}
