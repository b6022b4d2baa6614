package dev.shoal.agent.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fills in the fields Kubernetes defaults when a manifest leaves them out, on the JSON form of an
 * object, so what is stored (and shown back) is what runs. One deliberate difference: with no image
 * registry in reach, {@code imagePullPolicy} defaults to {@code IfNotPresent} for every tag, where
 * Kubernetes would pick {@code Always} for {@code :latest}.
 */
final class Defaults {

  private Defaults() {}

  static void apply(String kind, ObjectNode object) {
    switch (kind) {
      case "Pod" -> podSpec(child(object, "spec"));
      case "ReplicaSet" -> replicaSet(child(object, "spec"));
      case "Deployment" -> deployment(child(object, "spec"));
      case "DaemonSet" -> daemonSet(child(object, "spec"));
      case "StatefulSet" -> StorageDefaults.statefulSet(child(object, "spec"), Defaults::template);
      case "PersistentVolumeClaim" -> StorageDefaults.claimSpec(child(object, "spec"));
      case "PersistentVolume" -> StorageDefaults.volumeSpec(child(object, "spec"));
      case "StorageClass" -> StorageDefaults.storageClass(object);
      case "Service" -> service(child(object, "spec"));
      case "Job" -> JobDefaults.job(object, Defaults::podSpec);
      case "CronJob" -> JobDefaults.cronJob(object, Defaults::podSpec);
      case "Secret" -> SecretDefaults.apply(object);
      case "HorizontalPodAutoscaler" -> HpaDefaults.apply(object);
      case "Namespace" -> {
        ObjectNode status = child(object, "status");
        putIfAbsent(status, "phase", "Active");
        // the API server's immutable name label, set on every write (policies select by it)
        if (object.path("metadata").path("name").isTextual()) {
          child(child(object, "metadata"), "labels")
              .put("kubernetes.io/metadata.name", object.path("metadata").path("name").asText());
        }
      }
      case "NetworkPolicy" -> policyTypes(child(object, "spec"));
      default -> {}
    }
  }

  /** Upstream's: Ingress, plus Egress when there are egress rules. */
  private static void policyTypes(ObjectNode spec) {
    if (spec.path("policyTypes") instanceof ArrayNode types && !types.isEmpty()) {
      return;
    }
    ArrayNode types = spec.putArray("policyTypes");
    types.add("Ingress");
    if (spec.path("egress") instanceof ArrayNode egress && !egress.isEmpty()) {
      types.add("Egress");
    }
  }

  private static void replicaSet(ObjectNode spec) {
    putIfAbsent(spec, "replicas", 1);
    template(spec);
  }

  private static void deployment(ObjectNode spec) {
    putIfAbsent(spec, "replicas", 1);
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    putIfAbsent(spec, "progressDeadlineSeconds", 600);
    ObjectNode strategy = child(spec, "strategy");
    putIfAbsent(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = child(strategy, "rollingUpdate");
      putIfAbsent(rolling, "maxSurge", "25%");
      putIfAbsent(rolling, "maxUnavailable", "25%");
    }
    template(spec);
  }

  /** Upstream's: RollingUpdate, one node at a time, no surge, ten revisions kept. */
  private static void daemonSet(ObjectNode spec) {
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    ObjectNode strategy = child(spec, "updateStrategy");
    putIfAbsent(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = child(strategy, "rollingUpdate");
      putIfAbsent(rolling, "maxUnavailable", 1);
      putIfAbsent(rolling, "maxSurge", 0);
    }
    template(spec);
  }

  static void template(ObjectNode spec) {
    if (spec.get("template") instanceof ObjectNode template
        && template.get("spec") instanceof ObjectNode podSpec) {
      podSpec(podSpec);
    }
  }

  private static void podSpec(ObjectNode spec) {
    putIfAbsent(spec, "restartPolicy", "Always");
    putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
    putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    for (JsonNode volume : arrayOrEmpty(spec, "volumes")) {
      if (volume instanceof ObjectNode v) {
        FileVolumeDefaults.volume(v);
      }
    }
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode container : arrayOrEmpty(spec, list)) {
        if (container instanceof ObjectNode c) {
          container(c);
        }
      }
    }
  }

  private static void container(ObjectNode container) {
    putIfAbsent(container, "imagePullPolicy", "IfNotPresent");
    for (JsonNode env : arrayOrEmpty(container, "env")) {
      if (env.path("valueFrom").get("fieldRef") instanceof ObjectNode ref) {
        putIfAbsent(ref, "apiVersion", "v1");
      }
    }
    for (JsonNode port : arrayOrEmpty(container, "ports")) {
      if (port instanceof ObjectNode p) {
        putIfAbsent(p, "protocol", "TCP");
      }
    }
    for (String probeName : new String[] {"readinessProbe", "livenessProbe"}) {
      if (container.get(probeName) instanceof ObjectNode probe) {
        putIfAbsent(probe, "periodSeconds", 10);
        putIfAbsent(probe, "timeoutSeconds", 1);
        putIfAbsent(probe, "failureThreshold", 3);
        putIfAbsent(probe, "successThreshold", 1);
        if (probe.get("httpGet") instanceof ObjectNode get) {
          putIfAbsent(get, "path", "/");
          putIfAbsent(get, "scheme", "HTTP");
        }
      }
    }
  }

  private static void service(ObjectNode spec) {
    putIfAbsent(spec, "type", "ClusterIP");
    putIfAbsent(spec, "sessionAffinity", "None");
    for (JsonNode port : arrayOrEmpty(spec, "ports")) {
      if (port instanceof ObjectNode p) {
        putIfAbsent(p, "protocol", "TCP");
        if (!p.hasNonNull("targetPort") && p.has("port")) {
          p.set("targetPort", p.get("port"));
        }
      }
    }
  }

  static ObjectNode child(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    if (existing instanceof ObjectNode node) {
      return node;
    }
    if (existing != null && !existing.isNull()) {
      // Wrong type: leave it for validation to report; default into a detached node.
      return parent.objectNode();
    }
    return parent.putObject(field);
  }

  static Iterable<JsonNode> arrayOrEmpty(ObjectNode parent, String field) {
    return parent.get(field) instanceof ArrayNode array ? array : java.util.List.of();
  }

  static void putIfAbsent(ObjectNode node, String field, String value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }

  static void putIfAbsent(ObjectNode node, String field, int value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }
}
