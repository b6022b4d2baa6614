package dev.shoal.agent.controllers.storage;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.Finalizers;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.PersistentVolumeStatus;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.StorageClass;
import dev.shoal.manifests.model.Volume;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The leader's part of persistent volumes (upstream's PV controller and protection controllers):
 * keys are claims and volumes. A claim with no class gets the default one (the class annotated
 * {@code storageclass.kubernetes.io/is-default-class}); a claim being deleted loses {@code
 * kubernetes.io/pvc-protection} once no pod that has not finished names it; a volume whose claim is
 * gone (or is another object of that name) becomes Released; a volume being deleted loses {@code
 * kubernetes.io/pv-protection} once it is not Bound. Pod events wake the claims the pod names;
 * claim events wake their volume.
 */
public final class VolumeController implements Controller {

  private final ClusterStore store;

  public VolumeController(ClusterStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "persistentvolume";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(PersistentVolumeClaim.KIND, this::onClaim),
        new Watched(PersistentVolume.KIND, event -> List.of(event.key())),
        new Watched(StorageClass.KIND, event -> List.of()),
        new Watched(Pod.KIND, this::onPod));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(PersistentVolumeClaim.KIND, PersistentVolume.KIND);
  }

  private Collection<ObjectKey> onClaim(WatchEvent event) {
    List<ObjectKey> keys = new ArrayList<>();
    keys.add(event.key());
    PersistentVolumeClaim claim = (PersistentVolumeClaim) event.object();
    if (claim.spec() != null && claim.spec().volumeName() != null) {
      keys.add(new ObjectKey(PersistentVolume.KIND, "", claim.spec().volumeName()));
    }
    return keys;
  }

  private Collection<ObjectKey> onPod(WatchEvent event) {
    Pod pod = (Pod) event.object();
    boolean releases = event.type() == WatchEvent.Type.DELETED || PodFacts.isTerminal(pod);
    if (!releases || pod.spec() == null) {
      return List.of();
    }
    return claimNames(pod).stream()
        .map(n -> new ObjectKey(PersistentVolumeClaim.KIND, pod.metadata().namespace(), n))
        .toList();
  }

  static List<String> claimNames(Pod pod) {
    List<String> names = new ArrayList<>();
    for (Volume v : pod.spec().volumesOrEmpty()) {
      if (v.persistentVolumeClaim() != null && v.persistentVolumeClaim().claimName() != null) {
        names.add(v.persistentVolumeClaim().claimName());
      }
    }
    return names;
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    Future<Void> done =
        store
            .get(key)
            .compose(
                found ->
                    found instanceof PersistentVolumeClaim claim
                        ? syncClaim(claim)
                        : syncVolume((PersistentVolume) found));
    return done.recover(
        e ->
            e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                ? Future.succeededFuture()
                : Future.failedFuture(e));
  }

  private Future<Void> syncClaim(PersistentVolumeClaim claim) {
    if (PodFacts.isDeleting(claim)) {
      return releaseClaimIfUnused(claim);
    }
    if (claim.spec() != null && claim.spec().storageClassName() == null) {
      return store
          .list(StorageClass.KIND, null)
          .compose(
              classes -> {
                Optional<String> name = defaultClass(classes.items());
                if (name.isEmpty()) {
                  return Future.succeededFuture();
                }
                return store
                    .modify(
                        ObjectKey.of(claim),
                        current -> {
                          PersistentVolumeClaim c = (PersistentVolumeClaim) current;
                          return c.spec() == null || c.spec().storageClassName() != null
                              ? current
                              : c.withSpec(c.spec().withStorageClassName(name.get()));
                        })
                    .mapEmpty();
              });
    }
    return Future.succeededFuture();
  }

  /** The default class (of several, the newest, as upstream), by name. */
  static Optional<String> defaultClass(List<Resource> classes) {
    return classes.stream()
        .map(StorageClass.class::cast)
        .filter(StorageClass::isDefault)
        .max(
            java.util.Comparator.comparing(
                    (StorageClass s) ->
                        s.metadata().creationTimestamp() == null
                            ? java.time.Instant.EPOCH
                            : s.metadata().creationTimestamp())
                .thenComparing(s -> s.metadata().name()))
        .map(s -> s.metadata().name());
  }

  private Future<Void> releaseClaimIfUnused(PersistentVolumeClaim claim) {
    if (!claim.metadata().finalizersOrEmpty().contains(LocalStorage.PVC_PROTECTION)) {
      return Future.succeededFuture();
    }
    return store
        .list(Pod.KIND, claim.metadata().namespace())
        .compose(
            pods -> {
              boolean used =
                  pods.items().stream()
                      .map(Pod.class::cast)
                      .filter(p -> !PodFacts.isTerminal(p))
                      .anyMatch(p -> claimNames(p).contains(claim.metadata().name()));
              if (used) {
                return Future.succeededFuture();
              }
              return Finalizers.remove(
                      store,
                      ObjectKey.of(claim),
                      claim.metadata().uid(),
                      LocalStorage.PVC_PROTECTION)
                  .mapEmpty();
            });
  }

  private Future<Void> syncVolume(PersistentVolume pv) {
    if (PodFacts.isDeleting(pv)
        && !PersistentVolumeStatus.BOUND.equals(pv.phase())
        && pv.metadata().finalizersOrEmpty().contains(LocalStorage.PV_PROTECTION)) {
      return Finalizers.remove(
              store, ObjectKey.of(pv), pv.metadata().uid(), LocalStorage.PV_PROTECTION)
          .mapEmpty();
    }
    ObjectReference ref = pv.spec() == null ? null : pv.spec().claimRef();
    if (ref == null || PersistentVolumeStatus.RELEASED.equals(pv.phase())) {
      return Future.succeededFuture();
    }
    ObjectKey claimKey = new ObjectKey(PersistentVolumeClaim.KIND, ref.namespace(), ref.name());
    return store
        .get(claimKey)
        .map(c -> Objects.equals(ref.uid(), c.metadata().uid()))
        .recover(
            e ->
                e instanceof StoreException se
                        && se.reason() == StoreException.Reason.NOT_FOUND
                        && claimKey.equals(se.key())
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(e))
        .compose(
            claimLives ->
                claimLives
                    ? Future.succeededFuture()
                    : store
                        .modify(
                            ObjectKey.of(pv),
                            current -> {
                              PersistentVolume v = (PersistentVolume) current;
                              if (!v.metadata().uid().equals(pv.metadata().uid())
                                  || PersistentVolumeStatus.RELEASED.equals(v.phase())) {
                                return current;
                              }
                              return v.withStatus(
                                  new PersistentVolumeStatus(
                                      PersistentVolumeStatus.RELEASED,
                                      "the claim "
                                          + ref.namespace()
                                          + "/"
                                          + ref.name()
                                          + " is gone",
                                      null));
                            })
                        .mapEmpty());
  }
}
