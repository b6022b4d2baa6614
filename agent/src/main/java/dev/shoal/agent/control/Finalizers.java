package dev.shoal.agent.control;

import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The two finalizers of cascading deletion, as upstream names them: {@code orphan} (the garbage
 * collector strips the object's dependents of their references to it, then lets it go) and {@code
 * foregroundDeletion} (it deletes the dependents first). The API sets one with the object's
 * deletionTimestamp; the garbage collector removes it and then the object.
 */
public final class Finalizers {

  public static final String ORPHAN = "orphan";
  public static final String FOREGROUND = "foregroundDeletion";

  /** The kinds that own dependents through ownerReferences, which the collector watches. */
  public static final Set<String> OWNER_KINDS =
      Set.of(Deployment.KIND, ReplicaSet.KIND, DaemonSet.KIND, Job.KIND, CronJob.KIND);

  private Finalizers() {}

  public static boolean has(Resource object, String finalizer) {
    List<String> finalizers = object.metadata().finalizers();
    return finalizers != null && finalizers.contains(finalizer);
  }

  /** Whether the object is being deleted and holds a finalizer the collector works on. */
  public static boolean awaitsCollector(Resource object) {
    return object.metadata().deletionTimestamp() != null
        && (has(object, ORPHAN) || has(object, FOREGROUND));
  }

  /**
   * The object with {@code finalizer} added and, unless it is already being deleted, a
   * deletionTimestamp of {@code now}; the same instance when there is nothing to change.
   */
  public static Resource markDeleting(Resource object, String finalizer, Instant now) {
    boolean deleting = object.metadata().deletionTimestamp() != null;
    if (deleting && has(object, finalizer)) {
      return object;
    }
    List<String> finalizers =
        new ArrayList<>(
            object.metadata().finalizers() == null ? List.of() : object.metadata().finalizers());
    if (!finalizers.contains(finalizer)) {
      finalizers.add(finalizer);
    }
    var meta = object.metadata().withFinalizers(finalizers);
    return object.withMetadata(deleting ? meta : meta.withDeletion(now, 0L));
  }

  /** The object without {@code finalizer}. */
  public static Resource without(Resource object, String finalizer) {
    List<String> finalizers = new ArrayList<>(object.metadata().finalizers());
    finalizers.remove(finalizer);
    return object.withMetadata(
        object.metadata().withFinalizers(finalizers.isEmpty() ? null : finalizers));
  }
}
