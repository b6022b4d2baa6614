package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an update may not change: identity, a pod's spec beyond images, workload selectors, a
 * service's IP.
 */
final class UpdateRules {
  private static final String IMMUTABLE = "field is immutable";

  private UpdateRules() {}

  static List<FieldError> immutable(Resource old, Resource updated) {
    List<FieldError> errors = new ArrayList<>();
    if (!old.kind().equals(updated.kind())) {
      errors.add(FieldError.invalid("kind", "\"" + updated.kind() + "\": " + IMMUTABLE));
      return errors;
    }
    ObjectMeta o = old.metadata();
    ObjectMeta n = updated.metadata();
    if (o != null && n != null) {
      same(errors, "metadata.name", o.name(), n.name());
      same(errors, "metadata.namespace", o.namespace(), n.namespace());
      if (n.uid() != null) {
        same(errors, "metadata.uid", o.uid(), n.uid());
      }
    }
    if (old instanceof Pod op && updated instanceof Pod np) {
      pod(errors, op.spec(), np.spec());
    } else if (old instanceof ReplicaSet or
        && updated instanceof ReplicaSet nr
        && or.spec() != null
        && nr.spec() != null) {
      same(errors, "spec.selector", or.spec().selector(), nr.spec().selector());
    } else if (old instanceof Deployment od
        && updated instanceof Deployment nd
        && od.spec() != null
        && nd.spec() != null) {
      same(errors, "spec.selector", od.spec().selector(), nd.spec().selector());
    } else if (old instanceof DaemonSet ods
        && updated instanceof DaemonSet nds
        && ods.spec() != null
        && nds.spec() != null) {
      same(errors, "spec.selector", ods.spec().selector(), nds.spec().selector());
    } else if (old instanceof Job oj
        && updated instanceof Job nj
        && oj.spec() != null
        && nj.spec() != null) {
      same(errors, "spec.selector", oj.spec().selector(), nj.spec().selector());
      same(errors, "spec.completionMode", oj.spec().completionMode(), nj.spec().completionMode());
    } else if (old instanceof IPAddress oi && updated instanceof IPAddress ni) {
      same(
          errors,
          "spec.parentRef",
          oi.spec() == null ? null : oi.spec().parentRef(),
          ni.spec() == null ? null : ni.spec().parentRef());
    } else if (old instanceof Service os
        && updated instanceof Service ns
        && os.spec() != null
        && ns.spec() != null) {
      // An update that leaves clusterIP out keeps the old one (the store carries it over).
      if (Checks.present(os.spec().clusterIP()) && Checks.present(ns.spec().clusterIP())) {
        same(errors, "spec.clusterIP", os.spec().clusterIP(), ns.spec().clusterIP());
      }
    }
    return errors;
  }

  /**
   * A pod's spec may change only in container images, and nodeName may go from unset to set
   * (binding).
   */
  private static void pod(List<FieldError> errors, PodSpec old, PodSpec updated) {
    if (old == null || updated == null) {
      if (old != updated) {
        errors.add(
            FieldError.forbidden(
                "spec", "pod updates may not change fields other than container images"));
      }
      return;
    }
    PodSpec masked =
        updated
            .withContainers(imagesFrom(old.containers(), updated.containers()))
            .withInitContainers(imagesFrom(old.initContainers(), updated.initContainers()));
    if (old.nodeName() == null) {
      masked = masked.withNodeName(null);
    }
    if (updated.tolerationsOrEmpty().containsAll(old.tolerationsOrEmpty())) {
      // As upstream, tolerations may be added to a running pod (not removed).
      masked = masked.withTolerations(old.tolerations());
    }
    if (!masked.equals(old)) {
      errors.add(
          FieldError.forbidden(
              "spec",
              "pod updates may not change fields other than "
                  + "`spec.containers[*].image`, `spec.initContainers[*].image`, `spec.tolerations` (only additions) and setting `spec.nodeName` once"));
    }
  }

  /**
   * The updated containers with the old images put back, so that only non-image changes remain
   * visible.
   */
  private static List<Container> imagesFrom(List<Container> old, List<Container> updated) {
    if (old == null || updated == null || old.size() != updated.size()) {
      return updated;
    }
    List<Container> result = new ArrayList<>();
    for (int i = 0; i < updated.size(); i++) {
      result.add(updated.get(i).withImage(old.get(i).image()));
    }
    return result;
  }

  private static void same(List<FieldError> errors, String field, Object old, Object updated) {
    if (!Objects.equals(old, updated)) {
      String value = updated instanceof String ? "\"" + updated + "\": " : "";
      errors.add(FieldError.invalid(field, value + IMMUTABLE));
    }
  }
}
