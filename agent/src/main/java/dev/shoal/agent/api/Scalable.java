package dev.shoal.agent.api;

import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.StatefulSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How the {@code scale} subresource reads and writes one kind: its desired replicas, the replicas
 * its status counts, its selector, and the object with only {@code spec.replicas} changed. A kind
 * gets a {@code scale} subresource (and its discovery entry) by having an entry here;
 */
record Scalable(
    Function<Resource, Integer> replicas,
    Function<Resource, Integer> statusReplicas,
    Function<Resource, LabelSelector> selector,
    BiFunction<Resource, Integer, Resource> withReplicas) {

  private static final Map<String, Scalable> KINDS =
      Map.of(
          Deployment.KIND,
          new Scalable(
              r -> ((Deployment) r).spec().replicasOrDefault(),
              r -> ((Deployment) r).status() == null ? null : ((Deployment) r).status().replicas(),
              r -> ((Deployment) r).spec().selector(),
              (r, n) -> ((Deployment) r).withSpec(((Deployment) r).spec().withReplicas(n))),
          ReplicaSet.KIND,
          new Scalable(
              r -> ((ReplicaSet) r).spec().replicasOrDefault(),
              r -> ((ReplicaSet) r).status() == null ? null : ((ReplicaSet) r).status().replicas(),
              r -> ((ReplicaSet) r).spec().selector(),
              (r, n) -> ((ReplicaSet) r).withSpec(((ReplicaSet) r).spec().withReplicas(n))),
          StatefulSet.KIND,
          new Scalable(
              r -> ((StatefulSet) r).spec().replicasOrDefault(),
              r ->
                  ((StatefulSet) r).status() == null ? null : ((StatefulSet) r).status().replicas(),
              r -> ((StatefulSet) r).spec().selector(),
              (r, n) -> ((StatefulSet) r).withSpec(((StatefulSet) r).spec().withReplicas(n))));

  static Optional<Scalable> of(String kind) {
    return Optional.ofNullable(KINDS.get(kind));
  }

  static boolean serves(String kind) {
    return KINDS.containsKey(kind);
  }
}
