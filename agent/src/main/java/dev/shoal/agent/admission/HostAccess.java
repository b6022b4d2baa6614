package dev.shoal.agent.admission;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.SecurityContext;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.model.StatusDetails;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The host-access rule: a pod (or a ReplicaSet's or Deployment's pod template) may mount a
 * hostPath, run privileged or add capabilities only in a namespace labelled {@value #LABEL}{@code :
 * "allowed"}. Each of these gives a container the node itself, so they are refused everywhere else
 * with a 403 naming the field and the label that would allow it. Pure: the caller looks the
 * namespace up.
 */
public final class HostAccess {
  /** The namespace label that lets pods use the host. */
  public static final String LABEL = "shoal.dev/host-access";

  public static final String ALLOWED = "allowed";

  private HostAccess() {}

  /** Whether the rule concerns this kind at all (saves a namespace lookup for every other kind). */
  public static boolean concerns(String kind) {
    return kind.equals(Pod.KIND) || kind.equals(ReplicaSet.KIND) || kind.equals(Deployment.KIND);
  }

  public static boolean allowedIn(Namespace namespace) {
    return namespace != null
        && namespace.metadata() != null
        && ALLOWED.equals(namespace.metadata().labelsOrEmpty().get(LABEL));
  }

  /** Every use of the host in the object, each at its field path; empty for other kinds. */
  public static List<FieldError> uses(Resource object) {
    List<FieldError> found = new ArrayList<>();
    if (object instanceof Pod pod) {
      podSpec(found, pod.spec(), "spec");
    } else if (object instanceof ReplicaSet rs && rs.spec() != null) {
      template(found, rs.spec().template());
    } else if (object instanceof Deployment d && d.spec() != null) {
      template(found, d.spec().template());
    }
    return found;
  }

  /**
   * What {@code object} may not do in {@code namespace}; for an update ({@code stored} not null)
   * only uses the stored object does not already have, so a pod admitted before the label was
   * removed can still be relabelled or deleted.
   */
  public static List<FieldError> refused(Resource object, Resource stored, Namespace namespace) {
    if (allowedIn(namespace)) {
      return List.of();
    }
    List<FieldError> uses = new ArrayList<>(uses(object));
    if (stored != null) {
      uses.removeAll(uses(stored));
    }
    return uses;
  }

  /** The 403 for {@link #refused} uses, as a Kubernetes Status naming each field and the label. */
  public static Status forbidden(Resource object, String namespace, List<FieldError> refused) {
    var kind = ResourceKinds.of(object);
    String name =
        object.metadata() == null || object.metadata().name() == null
            ? ""
            : object.metadata().name();
    String fields = refused.stream().map(FieldError::field).collect(Collectors.joining(", "));
    String message =
        kind.plural()
            + " \""
            + name
            + "\" is forbidden: "
            + fields
            + ": host access is not allowed in "
            + "namespace \""
            + namespace
            + "\" (label the namespace "
            + LABEL
            + "="
            + ALLOWED
            + " to allow it)";
    return new Status(
        Status.FAILURE,
        message,
        "Forbidden",
        new StatusDetails(
            name,
            kind.group(),
            kind.plural(),
            refused.stream().map(FieldError::toCause).toList(),
            null),
        403);
  }

  private static void template(List<FieldError> found, PodTemplateSpec template) {
    if (template != null) {
      podSpec(found, template.spec(), "spec.template.spec");
    }
  }

  private static void podSpec(List<FieldError> found, PodSpec spec, String at) {
    if (spec == null) {
      return;
    }
    List<Volume> volumes = spec.volumesOrEmpty();
    for (int i = 0; i < volumes.size(); i++) {
      if (volumes.get(i).hostPath() != null) {
        found.add(
            FieldError.forbidden(
                at + ".volumes[" + i + "].hostPath",
                "a hostPath volume mounts the node's " + "files into the pod; " + why()));
      }
    }
    containers(found, spec.initContainersOrEmpty(), at + ".initContainers");
    containers(found, spec.containersOrEmpty(), at + ".containers");
  }

  private static void containers(List<FieldError> found, List<Container> containers, String at) {
    for (int i = 0; i < containers.size(); i++) {
      SecurityContext sc = containers.get(i).securityContext();
      String ca = at + "[" + i + "].securityContext";
      if (sc == null) {
        continue;
      }
      if (Boolean.TRUE.equals(sc.privileged())) {
        found.add(
            FieldError.forbidden(
                ca + ".privileged", "a privileged container controls the node; " + why()));
      }
      if (sc.capabilities() != null && !sc.capabilities().addOrEmpty().isEmpty()) {
        found.add(
            FieldError.forbidden(
                ca + ".capabilities.add",
                "added capabilities "
                    + sc.capabilities().addOrEmpty()
                    + " reach beyond the container; "
                    + why()));
      }
    }
  }

  private static String why() {
    return "allowed only in namespaces labelled " + LABEL + ": \"" + ALLOWED + "\"";
  }
}
