package dev.shoal.agent.worker;

import dev.shoal.agent.events.EventRecorder;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Secret;
import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pod worker's view of the cluster, on the store. Every write names the pod by key and uid, so
 * a pod deleted and re-created under the same name never receives the old pod's status or deletion.
 */
public final class StorePodHost implements PodHost {

  private final ClusterStore store;
  private final String nodeName;
  private final EventRecorder events;
  private java.util.function.Function<Pod, Future<Void>> addressed = p -> Future.succeededFuture();

  public StorePodHost(ClusterStore store, String nodeName) {
    this(store, nodeName, EventRecorder.NONE);
  }

  public StorePodHost(ClusterStore store, String nodeName, EventRecorder events) {
    this.store = store;
    this.nodeName = nodeName;
    this.events = events;
  }

  /** The gate {@link #podAddressed} asks (the node's NetworkPolicy rules). */
  public StorePodHost withAddressGate(java.util.function.Function<Pod, Future<Void>> gate) {
    this.addressed = gate;
    return this;
  }

  @Override
  public Future<Void> podAddressed(Pod pod) {
    return addressed.apply(pod);
  }

  @Override
  public EventRecorder events() {
    return events;
  }

  @Override
  public String nodeName() {
    return nodeName;
  }

  @Override
  public Future<List<Pod>> boundPods() {
    return store
        .list(Pod.KIND, null)
        .map(
            listing ->
                listing.items().stream()
                    .map(Pod.class::cast)
                    .filter(pod -> pod.spec() != null && nodeName.equals(pod.spec().nodeName()))
                    .toList());
  }

  @Override
  public Future<Void> writeStatus(Pod pod, PodStatus status) {
    return store
        .modify(
            ObjectKey.of(pod),
            current ->
                sameUid(current, pod) && !Objects.equals(((Pod) current).status(), status)
                    ? ((Pod) current).withStatus(status)
                    : current)
        .<Void>mapEmpty()
        .recover(StorePodHost::ignoreGone);
  }

  @Override
  public Future<Void> finishDeletion(Pod pod) {
    ObjectKey key = ObjectKey.of(pod);
    return store
        .get(key)
        .compose(
            current ->
                sameUid(current, pod)
                    ? store.delete(key).mapEmpty()
                    : Future.<Void>succeededFuture())
        .recover(StorePodHost::ignoreGone);
  }

  @Override
  public Future<Optional<Secret>> secret(String namespace, String name) {
    return read(new ObjectKey(Secret.KIND, namespace, name), Secret.class);
  }

  @Override
  public Future<Optional<ConfigMap>> configMap(String namespace, String name) {
    return read(new ObjectKey(ConfigMap.KIND, namespace, name), ConfigMap.class);
  }

  @Override
  public Future<ClaimMount> claim(String namespace, String name) {
    return read(
            new ObjectKey(PersistentVolumeClaim.KIND, namespace, name), PersistentVolumeClaim.class)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(
                    ClaimMount.waiting("persistentvolumeclaim \"" + name + "\" not found"));
              }
              PersistentVolumeClaim claim = found.get();
              String volume = claim.spec() == null ? null : claim.spec().volumeName();
              if (volume == null || volume.isEmpty()) {
                return Future.succeededFuture(
                    ClaimMount.waiting("persistentvolumeclaim \"" + name + "\" is not bound yet"));
              }
              return read(new ObjectKey(PersistentVolume.KIND, "", volume), PersistentVolume.class)
                  .map(
                      pv ->
                          pv.isEmpty() || pv.get().spec() == null || pv.get().spec().path() == null
                              ? ClaimMount.waiting(
                                  "persistentvolume \"" + volume + "\" has no path on this node")
                              : ClaimMount.at(pv.get().spec().path()));
            });
  }

  private <T extends Resource> Future<Optional<T>> read(ObjectKey key, Class<T> type) {
    return store
        .get(key)
        .map(found -> Optional.of(type.cast(found)))
        .recover(
            failure ->
                failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture(Optional.<T>empty())
                    : Future.failedFuture(failure));
  }

  private static boolean sameUid(Resource current, Pod pod) {
    return Objects.equals(current.metadata().uid(), pod.metadata().uid());
  }

  private static Future<Void> ignoreGone(Throwable failure) {
    return failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND
        ? Future.succeededFuture()
        : Future.failedFuture(failure);
  }
}
