package dev.shoal.manifests.openapi;

import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.LabelSelectorRequirement;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.model.StatusCause;
import dev.shoal.manifests.model.StatusDetails;
import java.util.Map;
import java.util.Set;

/**
 * The component name of each record, as upstream names its Go type ({@code
 * io.k8s.api.apps.v1.DeploymentSpec}, {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}): a
 * record belongs to the group of the first kind (in {@link ResourceKinds#all()} order) that holds
 * it, so {@code PodSpec} is core's even inside a Deployment.
 */
final class SchemaNames {
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final Set<Class<?>> META_TYPES =
      Set.of(
          ObjectMeta.class,
          OwnerReference.class,
          LabelSelector.class,
          LabelSelectorRequirement.class,
          Status.class,
          StatusDetails.class,
          StatusCause.class);
  private static final Map<String, String> GROUP_PACKAGES =
      Map.of(
          "", "io.k8s.api.core.v1.",
          "apps", "io.k8s.api.apps.v1.",
          "batch", "io.k8s.api.batch.v1.",
          "networking.k8s.io", "io.k8s.api.networking.v1.",
          "events.k8s.io", "io.k8s.api.events.v1.");

  private SchemaNames() {}

  static String of(Class<?> type, KindInfo home) {
    if (type == IntOrString.class) {
      return "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    }
    if (META_TYPES.contains(type)) {
      return META + type.getSimpleName();
    }
    String prefix =
        GROUP_PACKAGES.getOrDefault(
            home.group(),
            "dev.shoal." + home.group().replace('.', '_') + "." + home.version() + ".");
    return prefix + (home.type() == type ? home.kind() : type.getSimpleName());
  }
}
