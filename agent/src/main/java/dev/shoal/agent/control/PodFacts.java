package dev.shoal.agent.control;

import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Small questions controllers and the scheduler ask about pods and owners, answered the Kubernetes
 * way.
 */
public final class PodFacts {

  private PodFacts() {}

  public static boolean isTerminal(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  public static boolean isDeleting(Resource object) {
    return object.metadata().deletionTimestamp() != null;
  }

  /** Counted by its owner: not being deleted and not finished. */
  public static boolean isActive(Pod pod) {
    return !isDeleting(pod) && !isTerminal(pod);
  }

  public static boolean isBound(Pod pod) {
    return pod.spec() != null && pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
  }

  public static boolean isReady(Pod pod) {
    return pod.status() != null && pod.status().isReady();
  }

  /** When the Ready condition last turned True, if it is True. */
  public static Optional<Instant> readySince(Pod pod) {
    if (pod.status() == null || pod.status().conditions() == null) {
      return Optional.empty();
    }
    for (PodCondition c : pod.status().conditions()) {
      if ("Ready".equals(c.type()) && "True".equals(c.status())) {
        Instant since =
            c.lastTransitionTime() != null
                ? c.lastTransitionTime()
                : pod.metadata().creationTimestamp();
        return Optional.ofNullable(since).or(() -> Optional.of(Instant.EPOCH));
      }
    }
    return Optional.empty();
  }

  /** Ready for at least {@code minReadySeconds} at {@code now}. */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    Optional<Instant> since = readySince(pod);
    if (since.isEmpty()) {
      return false;
    }
    return minReadySeconds <= 0
        || !since.get().plus(Duration.ofSeconds(minReadySeconds)).isAfter(now);
  }

  /** The owner reference with controller=true, if any. */
  public static Optional<OwnerReference> controllerOf(Resource object) {
    List<OwnerReference> refs = object.metadata().ownerReferences();
    if (refs == null) {
      return Optional.empty();
    }
    return refs.stream().filter(OwnerReference::isController).findFirst();
  }

  /**
   * The key of the object's controller when that is of {@code ownerKind} (same namespace, as owner
   * references are): how a controller maps a dependent's watch event to its owner's key.
   */
  public static Optional<ObjectKey> controllerKey(Resource object, String ownerKind) {
    return controllerOf(object)
        .filter(ref -> ownerKind.equals(ref.kind()))
        .map(ref -> new ObjectKey(ownerKind, object.metadata().namespace(), ref.name()));
  }

  /** A controller reference pointing at {@code owner}. */
  public static OwnerReference controllerRef(Resource owner) {
    return new OwnerReference(
        owner.apiVersion(),
        owner.kind(),
        owner.metadata().name(),
        owner.metadata().uid(),
        true,
        true);
  }
}
