package dev.shoal.agent.controllers.autoscale;

import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;

/**
 * The scale of a Deployment or ReplicaSet, read and written as the scale subresource would: spec
 * and status replicas and the selector; a write sets {@code spec.replicas} and keeps the version
 * read, so the store refuses it if the object changed since.
 */
record ScalableTarget(Resource object) {

  static ScalableTarget of(Resource object) {
    if (!(object instanceof Deployment) && !(object instanceof ReplicaSet)) {
      throw new IllegalArgumentException("not scalable: " + object.kind());
    }
    return new ScalableTarget(object);
  }

  HpaReconciler.Scale scale() {
    if (object instanceof Deployment d) {
      int spec = d.spec() == null || d.spec().replicas() == null ? 1 : d.spec().replicas();
      int status = d.status() == null || d.status().replicas() == null ? 0 : d.status().replicas();
      return new HpaReconciler.Scale(spec, status);
    }
    ReplicaSet rs = (ReplicaSet) object;
    int spec = rs.spec() == null || rs.spec().replicas() == null ? 1 : rs.spec().replicas();
    int status = rs.status() == null || rs.status().replicas() == null ? 0 : rs.status().replicas();
    return new HpaReconciler.Scale(spec, status);
  }

  LabelSelector selector() {
    if (object instanceof Deployment d) {
      return d.spec() == null ? null : d.spec().selector();
    }
    ReplicaSet rs = (ReplicaSet) object;
    return rs.spec() == null ? null : rs.spec().selector();
  }

  Resource withReplicas(int replicas) {
    if (object instanceof Deployment d) {
      return d.withSpec(d.spec().withReplicas(replicas));
    }
    ReplicaSet rs = (ReplicaSet) object;
    return rs.withSpec(rs.spec().withReplicas(replicas));
  }
}
