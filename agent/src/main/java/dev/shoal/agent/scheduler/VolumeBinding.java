package dev.shoal.agent.scheduler;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.NodeSelector;
import dev.shoal.manifests.model.NodeSelectorRequirement;
import dev.shoal.manifests.model.NodeSelectorTerm;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.StorageClass;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.selectors.NodeAffinityMatch;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a pod's claims ask of placement (upstream's VolumeBinding plugin, for node-local volumes): a
 * claim bound to a volume pins the pod to the volume's node affinity; a claim of a
 * WaitForFirstConsumer class not bound yet is left to the node the scheduler picks, which is then
 * written on the claim ({@value #SELECTED_NODE}) for that node's provisioner; a claim that already
 * names a node pins the pod there. A missing claim, one being deleted, or an unbound claim of an
 * Immediate class (or of no class yet) makes the pod wait. Claims, volumes and classes are mirrored
 * from watches.
 */
public final class VolumeBinding {

  /** The annotation upstream's scheduler writes on a delayed-binding claim for its provisioner. */
  public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";

  private final Map<ObjectKey, PersistentVolumeClaim> claims = new ConcurrentHashMap<>();
  private final Map<String, PersistentVolume> volumes = new ConcurrentHashMap<>();
  private final Map<String, StorageClass> classes = new ConcurrentHashMap<>();

  /** What placing the pod needs: either wait, or these node constraints and claims to select. */
  public sealed interface Check permits Wait, Place {}

  /** The pod cannot be placed yet, for this reason (in upstream's words). */
  public record Wait(String message) implements Check {}

  /** Node rules every chosen node must meet, and the claims to give the chosen node. */
  public record Place(List<NodeSelector> affinity, List<PersistentVolumeClaim> unbound)
      implements Check {
    static final Place NONE = new Place(List.of(), List.of());
  }

  /** Lists and watches claims, volumes and classes; {@code changed} runs after every change. */
  Future<List<ClusterStore.Watch>> start(ClusterStore store, Runnable changed) {
    return mirror(store, PersistentVolumeClaim.KIND, changed)
        .compose(
            a ->
                mirror(store, PersistentVolume.KIND, changed)
                    .compose(
                        b -> mirror(store, StorageClass.KIND, changed).map(c -> List.of(a, b, c))));
  }

  private Future<ClusterStore.Watch> mirror(ClusterStore store, String kind, Runnable changed) {
    return store
        .list(kind, null)
        .compose(
            listing -> {
              listing.items().forEach(r -> put(r, false));
              return store.watch(
                  kind,
                  null,
                  listing.version(),
                  event -> {
                    put(event.object(), event.type() == WatchEvent.Type.DELETED);
                    changed.run();
                  });
            });
  }

  void put(dev.shoal.manifests.model.Resource r, boolean deleted) {
    if (r instanceof PersistentVolumeClaim c) {
      if (deleted) {
        claims.remove(ObjectKey.of(c));
      } else {
        claims.put(ObjectKey.of(c), c);
      }
    } else if (r instanceof PersistentVolume v) {
      if (deleted) {
        volumes.remove(v.metadata().name());
      } else {
        volumes.put(v.metadata().name(), v);
      }
    } else if (r instanceof StorageClass s) {
      if (deleted) {
        classes.remove(s.metadata().name());
      } else {
        classes.put(s.metadata().name(), s);
      }
    }
  }

  /** What the pod's claims ask of its placement. */
  public Check check(Pod pod) {
    List<NodeSelector> affinity = new ArrayList<>();
    List<PersistentVolumeClaim> unbound = new ArrayList<>();
    for (Volume v : pod.spec().volumesOrEmpty()) {
      if (v.persistentVolumeClaim() == null) {
        continue;
      }
      String name = v.persistentVolumeClaim().claimName();
      PersistentVolumeClaim claim =
          claims.get(new ObjectKey(PersistentVolumeClaim.KIND, pod.metadata().namespace(), name));
      if (claim == null) {
        return new Wait("persistentvolumeclaim \"" + name + "\" not found");
      }
      if (claim.metadata().deletionTimestamp() != null) {
        return new Wait("persistentvolumeclaim \"" + name + "\" is being deleted");
      }
      String volumeName = claim.spec() == null ? null : claim.spec().volumeName();
      if (volumeName != null && !volumeName.isEmpty()) {
        PersistentVolume pv = volumes.get(volumeName);
        if (pv == null) {
          return new Wait(
              "persistentvolume \""
                  + volumeName
                  + "\" not found (bound to claim \""
                  + name
                  + "\")");
        }
        NodeSelector required = pv.spec() == null ? null : pv.spec().requiredNodes();
        if (required != null) {
          affinity.add(required);
        }
        continue;
      }
      String selected = claim.metadata().annotationsOrEmpty().get(SELECTED_NODE);
      if (selected != null) {
        affinity.add(onlyNode(selected));
        continue;
      }
      String className = claim.spec() == null ? null : claim.spec().storageClassName();
      StorageClass sc = className == null ? null : classes.get(className);
      if (sc == null
          || !StorageClass.WAIT_FOR_FIRST_CONSUMER.equals(sc.volumeBindingModeOrDefault())) {
        return new Wait("pod has unbound immediate PersistentVolumeClaims");
      }
      unbound.add(claim);
    }
    return affinity.isEmpty() && unbound.isEmpty() ? Place.NONE : new Place(affinity, unbound);
  }

  /** True when the node meets every rule. */
  static boolean fits(List<NodeSelector> affinity, String nodeName, Map<String, String> labels) {
    for (NodeSelector s : affinity) {
      if (!NodeAffinityMatch.matches(s, nodeName, labels)) {
        return false;
      }
    }
    return true;
  }

  /** A node rule naming one node. */
  public static NodeSelector onlyNode(String nodeName) {
    return new NodeSelector(
        List.of(
            new NodeSelectorTerm(
                null,
                List.of(
                    new NodeSelectorRequirement(
                        NodeAffinityMatch.NAME_FIELD, "In", List.of(nodeName))))));
  }
}
