package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.HorizontalPodAutoscaler;
import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.NetworkPolicy;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.StatefulSet;
import dev.shoal.manifests.model.StorageClass;
import dev.shoal.manifests.model.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks an object as the Kubernetes API server would before storing it. Returns every problem
 * found, each with its full field path ({@code spec.containers[1].ports[0].containerPort}); an
 * empty list means valid. Never throws on user input.
 */
public final class Validator {
  private Validator() {}

  public static List<FieldError> validate(Resource resource) {
    KindInfo kind = ResourceKinds.of(resource);
    List<FieldError> errors =
        new ArrayList<>(MetadataRules.validate(resource.metadata(), kind, nameRule(kind)));
    if (resource instanceof Pod pod) {
      PodSpecRules.validate(errors, pod.spec(), "spec");
    } else if (resource instanceof ReplicaSet rs) {
      errors.addAll(WorkloadRules.replicaSet(rs.spec()));
    } else if (resource instanceof Deployment d) {
      errors.addAll(WorkloadRules.deployment(d.spec()));
    } else if (resource instanceof DaemonSet ds) {
      errors.addAll(DaemonSetRules.daemonSet(ds.spec()));
    } else if (resource instanceof StatefulSet sts) {
      errors.addAll(StatefulSetRules.statefulSet(sts.spec()));
    } else if (resource instanceof PersistentVolumeClaim claim) {
      StorageRules.claim(errors, claim);
    } else if (resource instanceof PersistentVolume volume) {
      StorageRules.volume(errors, volume);
    } else if (resource instanceof StorageClass storageClass) {
      StorageRules.storageClass(errors, storageClass);
    } else if (resource instanceof Job job) {
      errors.addAll(JobRules.job(job.spec()));
    } else if (resource instanceof CronJob cronJob) {
      errors.addAll(JobRules.cronJob(cronJob.metadata(), cronJob.spec()));
    } else if (resource instanceof PodDisruptionBudget pdb) {
      errors.addAll(DisruptionBudgetRules.budget(pdb));
    } else if (resource instanceof HorizontalPodAutoscaler hpa) {
      errors.addAll(HpaRules.validate(hpa.spec(), hpa.status()));
    } else if (resource instanceof Service s) {
      errors.addAll(ServiceRules.service(s.spec()));
    } else if (resource instanceof Endpoints e) {
      errors.addAll(ServiceRules.endpoints(e.subsets()));
    } else if (resource instanceof NetworkPolicy np) {
      errors.addAll(NetworkPolicyRules.validate(np.spec()));
    } else if (resource instanceof IPAddress ip) {
      errors.addAll(IPAddressRules.spec(ip.spec()));
    } else if (resource instanceof ApiToken token) {
      errors.addAll(ApiTokenRules.spec(token.spec()));
    } else if (resource instanceof Secret secret) {
      SecretRules.validate(errors, secret);
    } else if (resource instanceof ConfigMap configMap) {
      ConfigMapRules.validate(errors, configMap);
    } else if (resource instanceof Event event) {
      EventRules.validate(errors, event);
    } else if (resource instanceof Node node) {
      node(errors, node);
    } else if (resource instanceof Namespace ns && ns.status() != null) {
      Checks.oneOf(errors, "status.phase", ns.status().phase(), List.of("Active", "Terminating"));
    }
    return List.copyOf(errors);
  }

  /**
   * Checks a replacement of {@code old} by {@code updated}: everything {@link #validate} checks,
   * plus the fields Kubernetes does not let an update change.
   */
  public static List<FieldError> validateUpdate(Resource old, Resource updated) {
    List<FieldError> errors = new ArrayList<>(validate(updated));
    errors.addAll(UpdateRules.immutable(old, updated));
    if (old instanceof Secret os && updated instanceof Secret ns) {
      SecretRules.update(errors, os, ns);
    }
    StorageRules.update(errors, old, updated);
    if (old instanceof StatefulSet os && updated instanceof StatefulSet ns) {
      StatefulSetRules.update(errors, os.spec(), ns.spec());
    }
    if (old instanceof ConfigMap oc && updated instanceof ConfigMap nc) {
      ConfigMapRules.update(errors, oc, nc);
    }
    return List.copyOf(errors);
  }

  /** The rule Kubernetes applies to names of this kind. */
  static Function<String, List<String>> nameRule(KindInfo kind) {
    return switch (kind.kind()) {
      case Namespace.KIND -> Names::dns1123Label;
      case Service.KIND -> Names::dns1035Label;
      case StatefulSet.KIND -> Names::dns1123Label;
      case IPAddress.KIND -> IPAddressRules::name;
      default -> Names::dns1123Subdomain;
    };
  }

  private static void node(List<FieldError> errors, Node node) {
    if (node.spec() != null) {
      Checks.cidr(errors, "spec.podCIDR", node.spec().podCIDR());
      List<Taint> taints = node.spec().taints() == null ? List.of() : node.spec().taints();
      for (int i = 0; i < taints.size(); i++) {
        String at = Checks.index("spec.taints", i);
        Checks.required(errors, at + ".key", taints.get(i).key());
        Checks.name(errors, at + ".key", taints.get(i).key(), Names::qualifiedName);
        Checks.required(errors, at + ".effect", taints.get(i).effect());
        Checks.oneOf(errors, at + ".effect", taints.get(i).effect(), SchedulingRules.EFFECTS);
      }
    }
    if (node.status() != null) {
      quantities(errors, "status.capacity", node.status().capacity());
      quantities(errors, "status.allocatable", node.status().allocatable());
    }
  }

  private static void quantities(
      List<FieldError> errors, String at, java.util.Map<String, String> values) {
    if (values != null) {
      new java.util.TreeMap<>(values)
          .forEach((k, v) -> Checks.quantity(errors, at + "[" + k + "]", v));
    }
  }
}
