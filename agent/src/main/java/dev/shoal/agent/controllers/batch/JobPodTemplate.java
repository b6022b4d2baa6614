package dev.shoal.agent.controllers.batch;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's pod from its template, as Kubernetes makes it: the template's labels and annotations, a
 * controller owner reference to the job; for an Indexed job the index in the annotation and label
 * {@code batch.kubernetes.io/job-completion-index}, in {@code JOB_COMPLETION_INDEX} in every
 * container's environment, and in the hostname {@code <job>-<index>} (unless the template names
 * one).
 *
 * <p>NonIndexed pods are named from {@code <job>-} plus a random suffix, as upstream. Indexed pods
 * are named {@code <job>-<index>-<attempt>} (upstream adds a random suffix instead of the attempt):
 * a leader that does not yet see a pod its predecessor created for an index asks for the same name
 * and is refused.
 */
final class JobPodTemplate {
  static final String INDEX_ENV = "JOB_COMPLETION_INDEX";

  private JobPodTemplate() {}

  static Pod nonIndexed(Job job) {
    return pod(job, job.metadata().name() + "-", null, -1);
  }

  static Pod indexed(Job job, int index, int attempt) {
    return pod(job, null, job.metadata().name() + "-" + index + "-" + attempt, index);
  }

  private static Pod pod(Job job, String generateName, String name, int index) {
    ObjectMeta template = job.spec().template().metadata();
    Map<String, String> labels =
        new LinkedHashMap<>(template == null ? Map.of() : template.labelsOrEmpty());
    Map<String, String> annotations =
        new LinkedHashMap<>(
            template == null || template.annotations() == null ? Map.of() : template.annotations());
    PodSpec spec = job.spec().template().spec();
    if (index >= 0) {
      labels.put(JobPods.COMPLETION_INDEX, Integer.toString(index));
      annotations.put(JobPods.COMPLETION_INDEX, Integer.toString(index));
      spec =
          spec.withContainers(withIndex(spec.containers(), index))
              .withInitContainers(withIndex(spec.initContainers(), index));
      if (spec.hostname() == null || spec.hostname().isEmpty()) {
        spec = spec.withHostnameAndSubdomain(job.metadata().name() + "-" + index, spec.subdomain());
      }
    }
    ObjectMeta meta =
        new ObjectMeta(
            name,
            generateName,
            job.metadata().namespace(),
            labels.isEmpty() ? null : labels,
            annotations.isEmpty() ? null : annotations,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(PodFacts.controllerRef(job)),
            null);
    return new Pod(meta, spec, PodStatus.phase("Pending"));
  }

  private static List<Container> withIndex(List<Container> containers, int index) {
    if (containers == null) {
      return null;
    }
    List<Container> result = new ArrayList<>();
    for (Container c : containers) {
      List<EnvVar> env = new ArrayList<>(c.env() == null ? List.of() : c.env());
      env.removeIf(e -> INDEX_ENV.equals(e.name()));
      env.add(0, new EnvVar(INDEX_ENV, Integer.toString(index)));
      result.add(c.withEnv(env));
    }
    return result;
  }
}
