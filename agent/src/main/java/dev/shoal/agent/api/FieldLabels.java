package dev.shoal.agent.api;

import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.Service;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields each kind can be selected by in a {@code fieldSelector}, as upstream: {@code
 * metadata.name} and {@code metadata.namespace} on every kind, and per kind the few upstream
 * indexes (for pods {@code spec.nodeName}, {@code status.phase}, ...; for events those of {@link
 * EventFields}). Anything else is a 400, as upstream's "field label not supported".
 */
final class FieldLabels {

  private FieldLabels() {}

  /** How to read field {@code name} of objects of {@code kind}, if they can be selected by it. */
  static Optional<Function<Resource, String>> field(KindInfo kind, String name) {
    Function<Resource, String> common = common().get(name);
    if (common != null) {
      return Optional.of(common);
    }
    if (EventViews.serves(kind)) {
      return EventFields.field(name);
    }
    return Optional.ofNullable(ofKind(kind).get(name));
  }

  /** The field names {@code kind} can be selected by, for the refusal's message. */
  static String supported(KindInfo kind) {
    String own =
        EventViews.serves(kind) ? EventFields.SUPPORTED : String.join(", ", ofKind(kind).keySet());
    return "metadata.name, metadata.namespace" + (own.isEmpty() ? "" : ", " + own);
  }

  private static Map<String, Function<Resource, String>> common() {
    return Map.of(
        "metadata.name", o -> o.metadata().name(),
        "metadata.namespace", o -> orEmpty(o.metadata().namespace()));
  }

  private static Map<String, Function<Resource, String>> ofKind(KindInfo kind) {
    Map<String, Function<Resource, String>> fields = new LinkedHashMap<>();
    switch (kind.kind()) {
      case Pod.KIND -> {
        fields.put("spec.nodeName", o -> orEmpty(spec(o) == null ? null : spec(o).nodeName()));
        fields.put(
            "spec.restartPolicy", o -> orEmpty(spec(o) == null ? null : spec(o).restartPolicy()));
        fields.put(
            "spec.hostNetwork",
            o -> Boolean.toString(spec(o) != null && Boolean.TRUE.equals(spec(o).hostNetwork())));
        fields.put(
            "status.phase",
            o -> orEmpty(((Pod) o).status() == null ? null : ((Pod) o).status().phase()));
        fields.put(
            "status.podIP",
            o -> orEmpty(((Pod) o).status() == null ? null : ((Pod) o).status().podIP()));
      }
      case Node.KIND ->
          fields.put(
              "spec.unschedulable",
              o ->
                  Boolean.toString(
                      ((Node) o).spec() != null
                          && Boolean.TRUE.equals(((Node) o).spec().unschedulable())));
      case Namespace.KIND ->
          fields.put(
              "status.phase",
              o ->
                  ((Namespace) o).status() == null || ((Namespace) o).status().phase() == null
                      ? "Active"
                      : ((Namespace) o).status().phase());
      case Secret.KIND -> fields.put("type", o -> orEmpty(((Secret) o).type()));
      case ReplicaSet.KIND ->
          fields.put(
              "status.replicas",
              o ->
                  Integer.toString(
                      ((ReplicaSet) o).status() == null
                              || ((ReplicaSet) o).status().replicas() == null
                          ? 0
                          : ((ReplicaSet) o).status().replicas()));
      case Job.KIND ->
          fields.put(
              "status.successful",
              o ->
                  Integer.toString(
                      ((Job) o).status() == null || ((Job) o).status().succeeded() == null
                          ? 0
                          : ((Job) o).status().succeeded()));
      case Service.KIND -> {
        fields.put(
            "spec.clusterIP",
            o -> orEmpty(((Service) o).spec() == null ? null : ((Service) o).spec().clusterIP()));
        fields.put(
            "spec.type",
            o ->
                ((Service) o).spec() == null || ((Service) o).spec().type() == null
                    ? "ClusterIP"
                    : ((Service) o).spec().type());
      }
      default -> {}
    }
    return fields;
  }

  private static PodSpec spec(Resource pod) {
    return ((Pod) pod).spec();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
