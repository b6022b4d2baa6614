package dev.shoal.agent.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Kubernetes' defaults for batch/v1, on the JSON form: a Job gets {@code completions} and {@code
 * parallelism} 1 when it gives neither, {@code backoffLimit} 6, {@code completionMode} NonIndexed,
 * {@code suspend} false and, unless {@code manualSelector} is true, a generated selector on {@code
 * batch.kubernetes.io/controller-uid} with the matching labels (and the legacy {@code
 * controller-uid}, {@code job-name}) on its pod template. A CronJob gets {@code concurrencyPolicy}
 * Allow, {@code suspend} false and history limits 3 and 1.
 *
 * <p>One difference: Kubernetes puts the job's {@code metadata.uid} in the selector; Shoal's store
 * assigns the uid after admission, so the selector carries a UUID of its own, made here. It is as
 * unique, and the controller finds its pods by their owner reference either way.
 */
public final class JobDefaults {
  public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  public static final String LEGACY_CONTROLLER_UID = "controller-uid";
  public static final String JOB_NAME = "batch.kubernetes.io/job-name";
  public static final String LEGACY_JOB_NAME = "job-name";

  /** The labels the generated selector puts on a job's pod template. */
  public static final List<String> GENERATED_LABELS =
      List.of(CONTROLLER_UID, LEGACY_CONTROLLER_UID, JOB_NAME, LEGACY_JOB_NAME);

  private JobDefaults() {}

  static void job(ObjectNode object, Consumer<ObjectNode> podSpecDefaults) {
    ObjectNode spec = Defaults.child(object, "spec");
    if (!spec.hasNonNull("completions") && !spec.hasNonNull("parallelism")) {
      spec.put("completions", 1);
    }
    putIfAbsent(spec, "parallelism", 1);
    putIfAbsent(spec, "backoffLimit", 6);
    if (!spec.hasNonNull("completionMode")) {
      spec.put("completionMode", "NonIndexed");
    }
    if (!spec.hasNonNull("suspend")) {
      spec.put("suspend", false);
    }
    if (!spec.path("manualSelector").asBoolean(false) && !spec.hasNonNull("selector")) {
      generateSelector(object, spec);
    }
    template(spec, podSpecDefaults);
  }

  static void cronJob(ObjectNode object, Consumer<ObjectNode> podSpecDefaults) {
    ObjectNode spec = Defaults.child(object, "spec");
    if (!spec.hasNonNull("concurrencyPolicy")) {
      spec.put("concurrencyPolicy", "Allow");
    }
    if (!spec.hasNonNull("suspend")) {
      spec.put("suspend", false);
    }
    putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
    putIfAbsent(spec, "failedJobsHistoryLimit", 1);
    if (spec.get("jobTemplate") instanceof ObjectNode template
        && template.get("spec") instanceof ObjectNode job) {
      template(job, podSpecDefaults);
    }
  }

  private static void generateSelector(ObjectNode object, ObjectNode spec) {
    JsonNode meta = object.path("metadata");
    String uid =
        meta.path("uid").isTextual() && !meta.path("uid").asText().isEmpty()
            ? meta.path("uid").asText()
            : UUID.randomUUID().toString();
    String name = meta.path("name").asText("");
    spec.putObject("selector").putObject("matchLabels").put(CONTROLLER_UID, uid);
    if (!(spec.get("template") instanceof ObjectNode template)) {
      return;
    }
    ObjectNode labels = Defaults.child(Defaults.child(template, "metadata"), "labels");
    labels.put(CONTROLLER_UID, uid);
    labels.put(LEGACY_CONTROLLER_UID, uid);
    if (!name.isEmpty()) {
      labels.put(JOB_NAME, name);
      labels.put(LEGACY_JOB_NAME, name);
    }
  }

  private static void template(ObjectNode jobSpec, Consumer<ObjectNode> podSpecDefaults) {
    if (jobSpec.get("template") instanceof ObjectNode template
        && template.get("spec") instanceof ObjectNode pod) {
      podSpecDefaults.accept(pod);
    }
  }

  private static void putIfAbsent(ObjectNode node, String field, int value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }
}
