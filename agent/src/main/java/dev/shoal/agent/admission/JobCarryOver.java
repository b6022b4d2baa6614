package dev.shoal.agent.admission;

import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An update of a Job that leaves out what the API generated on create (the selector and its
 * template labels, as a re-applied manifest does) keeps them, as {@code kubectl apply} of the same
 * file twice expects: the selector is immutable, so generating a new one would refuse the update.
 */
final class JobCarryOver {

  private JobCarryOver() {}

  static Resource apply(Resource stored, Resource incoming) {
    if (!(stored instanceof Job old)
        || !(incoming instanceof Job updated)
        || old.spec() == null
        || updated.spec() == null
        || old.spec().selector() == null
        || updated.spec().selector() != null
        || Boolean.TRUE.equals(updated.spec().manualSelector())) {
      return incoming;
    }
    JobSpec spec = updated.spec().withSelector(old.spec().selector());
    PodTemplateSpec template = spec.template();
    Map<String, String> generated = generatedLabels(old.spec().template());
    if (template != null && !generated.isEmpty()) {
      ObjectMeta meta =
          template.metadata() == null ? ObjectMeta.named(null, null) : template.metadata();
      Map<String, String> labels = new LinkedHashMap<>(meta.labelsOrEmpty());
      generated.forEach(labels::putIfAbsent);
      spec = spec.withTemplate(new PodTemplateSpec(meta.withLabels(labels), template.spec()));
    }
    return updated.withSpec(spec);
  }

  private static Map<String, String> generatedLabels(PodTemplateSpec template) {
    Map<String, String> found = new LinkedHashMap<>();
    if (template == null || template.metadata() == null) {
      return found;
    }
    Map<String, String> labels = template.metadata().labelsOrEmpty();
    for (String key : JobDefaults.GENERATED_LABELS) {
      if (labels.containsKey(key)) {
        found.put(key, labels.get(key));
      }
    }
    return found;
  }
}
