package dev.shoal.manifests.patch;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.DeploymentSpec;
import dev.shoal.manifests.model.DeploymentStatus;
import dev.shoal.manifests.model.JobStatus;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.NodeStatus;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.ServiceSpec;
import java.util.Map;

/**
 * The strategic merge rules of the model's fields, copied from the {@code patchStrategy} and {@code
 * patchMergeKey} tags of upstream's k8s.io/api types (core/v1, apps/v1, batch/v1) for the fields
 * Shoal has. A field not listed is replaced whole, as upstream does for untagged fields.
 */
public final class PatchRules {

  private static final Map<Class<?>, Map<String, FieldStrategy>> RULES =
      Map.of(
          ObjectMeta.class,
          Map.of(
              "finalizers", FieldStrategy.mergeScalars(),
              "ownerReferences", FieldStrategy.mergeBy("uid")),
          PodSpec.class,
          Map.of(
              "initContainers", FieldStrategy.mergeBy("name"),
              "containers", FieldStrategy.mergeBy("name"),
              "volumes", new FieldStrategy(true, true, "name")),
          Container.class,
          Map.of(
              "ports", FieldStrategy.mergeBy("containerPort"),
              "env", FieldStrategy.mergeBy("name"),
              "volumeMounts", FieldStrategy.mergeBy("mountPath")),
          PodStatus.class,
          Map.of("conditions", FieldStrategy.mergeBy("type")),
          ServiceSpec.class,
          Map.of("ports", FieldStrategy.mergeBy("port")),
          DeploymentSpec.class,
          Map.of("strategy", new FieldStrategy(false, true, null)),
          DeploymentStatus.class,
          Map.of("conditions", FieldStrategy.mergeBy("type")),
          NodeSpec.class,
          Map.of("podCIDRs", FieldStrategy.mergeScalars()),
          NodeStatus.class,
          Map.of(
              "conditions", FieldStrategy.mergeBy("type"),
              "addresses", FieldStrategy.mergeBy("type")),
          JobStatus.class,
          Map.of("conditions", FieldStrategy.mergeBy("type")));

  private PatchRules() {}

  /**
   * The rule of {@code field} in objects of {@code owner}; {@link FieldStrategy#REPLACE} if none.
   */
  public static FieldStrategy of(Class<?> owner, String field) {
    return RULES.getOrDefault(owner, Map.of()).getOrDefault(field, FieldStrategy.REPLACE);
  }
}
