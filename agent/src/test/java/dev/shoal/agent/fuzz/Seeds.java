package dev.shoal.agent.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.ResourceKinds;
import java.util.List;
import java.util.Random;

/**
 * Valid manifests of every writable kind, drawn from a seeded {@link Random}: the starting points
 * of mutation.
 */
final class Seeds {

  /** The kinds the fuzz run writes, in the order of the list. */
  static final List<KindInfo> KINDS =
      List.of(
          ResourceKinds.POD,
          ResourceKinds.SERVICE,
          ResourceKinds.REPLICA_SET,
          ResourceKinds.DEPLOYMENT,
          ResourceKinds.NETWORK_POLICY,
          ResourceKinds.NAMESPACE,
          ResourceKinds.ENDPOINTS,
          ResourceKinds.JOB,
          ResourceKinds.CRON_JOB);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] APPS = {"web", "db", "cache", "api", "queue"};

  private final Random random;

  Seeds(Random random) {
    this.random = random;
  }

  /** A small pool of names, so creates sometimes collide (409) and replaces find their object. */
  String name() {
    return APPS[random.nextInt(APPS.length)] + "-" + random.nextInt(40);
  }

  ObjectNode manifest(KindInfo kind, String namespace, String name) {
    ObjectNode root = NODES.objectNode();
    root.put("apiVersion", kind.apiVersion());
    root.put("kind", kind.kind());
    ObjectNode meta = root.putObject("metadata");
    meta.put("name", name);
    if (kind.namespaced() && namespace != null && random.nextBoolean()) {
      meta.put("namespace", namespace);
    }
    String app = APPS[random.nextInt(APPS.length)];
    meta.set("labels", labels(app));
    if (random.nextInt(4) == 0) {
      meta.putObject("annotations").put("fuzz.shoal.dev/note", "seeded " + random.nextInt(1000));
    }
    switch (kind.kind()) {
      case "Pod" -> root.set("spec", podSpec());
      case "Service" -> root.set("spec", serviceSpec(app));
      case "ReplicaSet" -> root.set("spec", workloadSpec(app, false));
      case "Deployment" -> root.set("spec", workloadSpec(app, true));
      case "NetworkPolicy" -> root.set("spec", policySpec(app));
      case "Endpoints" -> root.set("subsets", subsets());
      case "Job" -> root.set("spec", jobSpec());
      case "CronJob" -> root.set("spec", cronJobSpec());
      case "Namespace" -> {}
      default -> throw new IllegalArgumentException(kind.kind());
    }
    return root;
  }

  private ObjectNode labels(String app) {
    ObjectNode labels = NODES.objectNode().put("app", app);
    if (random.nextBoolean()) {
      labels.put("tier", random.nextBoolean() ? "front" : "back");
    }
    return labels;
  }

  ObjectNode podSpec() {
    ObjectNode spec = NODES.objectNode();
    ArrayNode containers = spec.putArray("containers");
    int count = 1 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      ObjectNode c =
          containers.addObject().put("name", "c" + i).put("image", "shoal-test/busybox:" + (1 + i));
      c.putArray("command").add("sleep").add(Integer.toString(60 + random.nextInt(3600)));
      if (random.nextBoolean()) {
        c.putArray("ports")
            .addObject()
            .put("name", "http" + i)
            .put("containerPort", 8000 + random.nextInt(1000))
            .put("protocol", random.nextBoolean() ? "TCP" : "UDP");
      }
      if (random.nextBoolean()) {
        c.putArray("env").addObject().put("name", "MODE").put("value", "v" + random.nextInt(9));
      }
      if (random.nextInt(3) == 0) {
        c.putObject("resources").putObject("limits").put("cpu", "250m").put("memory", "64Mi");
      }
    }
    if (random.nextBoolean()) {
      spec.put("restartPolicy", List.of("Always", "OnFailure", "Never").get(random.nextInt(3)));
    }
    if (random.nextInt(3) == 0) {
      spec.put("terminationGracePeriodSeconds", random.nextInt(60));
    }
    return spec;
  }

  private ObjectNode serviceSpec(String app) {
    ObjectNode spec = NODES.objectNode();
    spec.putObject("selector").put("app", app);
    spec.put("type", random.nextBoolean() ? "ClusterIP" : "NodePort");
    ObjectNode port =
        spec.putArray("ports")
            .addObject()
            .put("name", "http")
            .put("port", 80 + random.nextInt(9000));
    if (random.nextBoolean()) {
      port.put("targetPort", 8080);
    } else {
      port.put("targetPort", "http0");
    }
    port.put("protocol", random.nextBoolean() ? "TCP" : "UDP");
    return spec;
  }

  private ObjectNode workloadSpec(String app, boolean deployment) {
    ObjectNode spec = NODES.objectNode();
    spec.put("replicas", random.nextInt(5));
    spec.putObject("selector").putObject("matchLabels").put("app", app);
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").set("labels", NODES.objectNode().put("app", app));
    template.set("spec", podSpec());
    if (deployment && random.nextBoolean()) {
      spec.putObject("strategy")
          .put("type", "RollingUpdate")
          .putObject("rollingUpdate")
          .put("maxSurge", random.nextInt(3))
          .put("maxUnavailable", "25%");
    }
    return spec;
  }

  private ObjectNode jobSpec() {
    ObjectNode spec = NODES.objectNode();
    int completions = 1 + random.nextInt(4);
    spec.put("completions", completions);
    spec.put("parallelism", 1 + random.nextInt(completions));
    if (random.nextBoolean()) {
      spec.put("completionMode", "Indexed");
    }
    if (random.nextBoolean()) {
      spec.put("backoffLimit", random.nextInt(6));
    }
    if (random.nextInt(3) == 0) {
      spec.put("activeDeadlineSeconds", 60 + random.nextInt(600));
    }
    ObjectNode podSpec = podSpec();
    podSpec.put("restartPolicy", random.nextBoolean() ? "Never" : "OnFailure");
    spec.putObject("template").set("spec", podSpec);
    return spec;
  }

  private ObjectNode cronJobSpec() {
    ObjectNode spec = NODES.objectNode();
    spec.put("schedule", random.nextInt(60) + " " + (random.nextBoolean() ? "*" : "3") + " * * *");
    if (random.nextBoolean()) {
      spec.put("concurrencyPolicy", List.of("Allow", "Forbid", "Replace").get(random.nextInt(3)));
    }
    if (random.nextBoolean()) {
      spec.put("suspend", random.nextBoolean());
    }
    if (random.nextInt(3) == 0) {
      spec.put("startingDeadlineSeconds", 30 + random.nextInt(600));
    }
    spec.putObject("jobTemplate").set("spec", jobSpec());
    return spec;
  }

  private ObjectNode policySpec(String app) {
    ObjectNode spec = NODES.objectNode();
    spec.putObject("podSelector").putObject("matchLabels").put("app", app);
    spec.putArray("policyTypes").add("Ingress");
    ObjectNode rule = spec.putArray("ingress").addObject();
    ArrayNode from = rule.putArray("from");
    from.addObject().putObject("podSelector").putObject("matchLabels").put("role", "frontend");
    if (random.nextBoolean()) {
      from.addObject().putObject("ipBlock").put("cidr", "198.18." + random.nextInt(256) + ".0/24");
    }
    rule.putArray("ports")
        .addObject()
        .put("protocol", "TCP")
        .put("port", 1 + random.nextInt(65535));
    return spec;
  }

  private ArrayNode subsets() {
    ArrayNode subsets = NODES.arrayNode();
    ObjectNode subset = subsets.addObject();
    ArrayNode addresses = subset.putArray("addresses");
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      addresses
          .addObject()
          .put("ip", "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
    }
    subset
        .putArray("ports")
        .addObject()
        .put("name", "http")
        .put("port", 1 + random.nextInt(65535))
        .put("protocol", "TCP");
    return subsets;
  }
}
