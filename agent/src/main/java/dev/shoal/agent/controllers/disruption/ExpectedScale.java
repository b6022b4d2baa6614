package dev.shoal.agent.controllers.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The denominator of a percentage budget, as upstream's getExpectedScale: the sum of the scale
 * ({@code spec.replicas}) of each controller of the budget's pods, each counted once. A pod of a
 * replica set that a deployment controls counts the deployment's replicas. Pods without a
 * controller are left out (upstream warns of them); a pod whose controller has no scale (a daemon
 * set's) or is gone fails the computation, and the budget then allows no disruption.
 */
final class ExpectedScale {

  /** The controllers whose scale is read: those with {@code spec.replicas}. */
  private static final List<String> SCALED = List.of("ReplicaSet", "Deployment", "StatefulSet");

  private final ClusterStore store;

  ExpectedScale(ClusterStore store) {
    this.store = store;
  }

  /** The summed scale of the controllers of {@code pods}. */
  Future<Integer> of(List<Pod> pods) {
    Map<String, OwnerReference> controllers = new LinkedHashMap<>();
    Map<String, String> namespaces = new LinkedHashMap<>();
    Map<String, String> podOf = new LinkedHashMap<>();
    for (Pod pod : pods) {
      PodFacts.controllerOf(pod)
          .ifPresent(
              ref -> {
                String id = ref.uid() == null ? ref.kind() + "/" + ref.name() : ref.uid();
                controllers.putIfAbsent(id, ref);
                namespaces.putIfAbsent(id, pod.metadata().namespace());
                podOf.putIfAbsent(id, pod.metadata().name());
              });
    }
    List<Future<Scale>> scales = new ArrayList<>();
    controllers.forEach((id, ref) -> scales.add(scaleOf(ref, namespaces.get(id), podOf.get(id))));
    return Future.all(scales)
        .map(
            all -> {
              Map<String, Integer> byController = new LinkedHashMap<>();
              for (int i = 0; i < all.size(); i++) {
                Scale s = all.resultAt(i);
                byController.put(s.uid(), s.replicas());
              }
              return byController.values().stream().mapToInt(Integer::intValue).sum();
            });
  }

  private record Scale(String uid, int replicas) {}

  private Future<Scale> scaleOf(OwnerReference ref, String namespace, String podName) {
    if (!SCALED.contains(ref.kind())) {
      return noController(podName);
    }
    return owner(ref, namespace)
        .compose(
            found -> {
              if (found == null) {
                return noController(podName);
              }
              if (found instanceof ReplicaSet rs) {
                var deployment =
                    PodFacts.controllerOf(rs).filter(r -> Deployment.KIND.equals(r.kind()));
                if (deployment.isPresent()) {
                  return owner(deployment.get(), namespace)
                      .compose(d -> d == null ? noController(podName) : scale(d, podName));
                }
              }
              return scale(found, podName);
            });
  }

  /** The owner if it exists with the reference's uid, else null. */
  private Future<Resource> owner(OwnerReference ref, String namespace) {
    return store
        .get(new ObjectKey(ref.kind(), namespace, ref.name()))
        .map(r -> ref.uid() == null || ref.uid().equals(r.metadata().uid()) ? r : (Resource) null)
        .recover(e -> Future.succeededFuture(null));
  }

  private static Future<Scale> scale(Resource owner, String podName) {
    JsonNode replicas = Json.mapper().valueToTree(owner).path("spec").path("replicas");
    int value = replicas.isMissingNode() || replicas.isNull() ? 1 : replicas.asInt();
    return Future.succeededFuture(new Scale(owner.metadata().uid(), value));
  }

  private static Future<Scale> noController(String podName) {
    return Future.failedFuture(
        new IllegalStateException("found no controllers for pod \"" + podName + "\""));
  }
}
