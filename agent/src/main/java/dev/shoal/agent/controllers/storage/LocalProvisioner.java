package dev.shoal.agent.controllers.storage;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.scheduler.VolumeBinding;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.PersistentVolumeStatus;
import dev.shoal.manifests.model.StorageClass;
import io.vertx.core.Future;
import io.vertx.core.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's provisioner for the {@value LocalStorage#PROVISIONER} classes (every node runs one).
 * A claim the scheduler placed on this node ({@code volume.kubernetes.io/selected-node}) and not
 * bound yet gets a directory {@code <dataDir>/volumes/pvc-<claim uid>} (mode 0777, as emptyDirs), a
 * PersistentVolume of that name (the claim's size and access modes, the class's reclaim policy,
 * node affinity to this node by {@code kubernetes.io/hostname}) and is bound to it. A Released
 * volume of this node whose policy is Delete has its directory removed, then goes. The size is
 * recorded, not enforced: a directory has no quota.
 */
public final class LocalProvisioner implements Controller {

  private static final Logger LOG = LoggerFactory.getLogger(LocalProvisioner.class);

  private final ClusterStore store;
  private final String nodeName;
  private final Path volumesDir;
  private final FileSystem fs;

  public LocalProvisioner(ClusterStore store, String nodeName, Path dataDir, FileSystem fs) {
    this.store = store;
    this.nodeName = nodeName;
    this.volumesDir = dataDir.resolve("volumes");
    this.fs = fs;
  }

  @Override
  public String name() {
    return "local-provisioner";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(PersistentVolumeClaim.KIND, this::onClaim),
        new Watched(PersistentVolume.KIND, this::onVolume));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(PersistentVolumeClaim.KIND, PersistentVolume.KIND);
  }

  private List<ObjectKey> onClaim(WatchEvent event) {
    PersistentVolumeClaim c = (PersistentVolumeClaim) event.object();
    return event.type() != WatchEvent.Type.DELETED && selectedHere(c)
        ? List.of(event.key())
        : List.of();
  }

  private List<ObjectKey> onVolume(WatchEvent event) {
    PersistentVolume v = (PersistentVolume) event.object();
    return event.type() != WatchEvent.Type.DELETED && mine(v) ? List.of(event.key()) : List.of();
  }

  private boolean selectedHere(PersistentVolumeClaim c) {
    return nodeName.equals(c.metadata().annotationsOrEmpty().get(VolumeBinding.SELECTED_NODE));
  }

  /** Made by this node's provisioner: Shoal's annotation and a directory under this node's dir. */
  private boolean mine(PersistentVolume v) {
    return LocalStorage.provisionedHere(v)
        && v.spec() != null
        && v.spec().path() != null
        && Path.of(v.spec().path()).getParent() != null
        && Path.of(v.spec().path()).getParent().equals(volumesDir)
        && nodeName.equals(v.metadata().annotationsOrEmpty().get(LocalVolumes.NODE_ANNOTATION));
  }

  /** Where the volume {@code volumeName} lives on this node. */
  public Path directory(String volumeName) {
    return volumesDir.resolve(volumeName);
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(
            found ->
                found instanceof PersistentVolumeClaim claim
                    ? provision(claim)
                    : reclaim((PersistentVolume) found))
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  private Future<Void> provision(PersistentVolumeClaim claim) {
    if (!selectedHere(claim)
        || PodFacts.isDeleting(claim)
        || claim.spec() == null
        || LocalVolumes.isBound(claim)) {
      return Future.succeededFuture();
    }
    String className = claim.spec().storageClassName();
    if (className == null || className.isEmpty()) {
      return Future.succeededFuture();
    }
    return store
        .get(new ObjectKey(StorageClass.KIND, "", className))
        .compose(
            found -> {
              StorageClass sc = (StorageClass) found;
              if (!LocalStorage.PROVISIONER.equals(sc.provisioner())) {
                return Future.succeededFuture();
              }
              String pvName = LocalVolumes.volumeName(claim);
              Path dir = directory(pvName);
              PersistentVolume pv = LocalVolumes.volume(claim, sc, nodeName, dir);
              return fs.mkdirs(dir.toString())
                  .compose(v -> fs.chmod(dir.toString(), "rwxrwxrwx"))
                  .compose(v -> createVolume(pv))
                  .compose(v -> LocalVolumes.bind(store, claim, pv))
                  .onSuccess(
                      v ->
                          LOG.info(
                              "provisioned {} at {} for claim {}/{}",
                              pvName,
                              dir,
                              claim.metadata().namespace(),
                              claim.metadata().name()));
            });
  }

  private Future<Void> createVolume(PersistentVolume pv) {
    return store
        .create(pv)
        .<Void>mapEmpty()
        .recover(
            e ->
                e instanceof StoreException se
                        && se.reason() == StoreException.Reason.ALREADY_EXISTS
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  private Future<Void> reclaim(PersistentVolume pv) {
    if (!mine(pv)
        || !PersistentVolumeStatus.RELEASED.equals(pv.phase())
        || !"Delete".equals(pv.spec().persistentVolumeReclaimPolicy())) {
      return Future.succeededFuture();
    }
    String dir = pv.spec().path();
    return fs.exists(dir)
        .compose(present -> present ? fs.deleteRecursive(dir) : Future.succeededFuture())
        .compose(
            v ->
                store
                    .get(ObjectKey.of(pv))
                    .compose(
                        current ->
                            pv.metadata().uid().equals(current.metadata().uid())
                                ? store.delete(ObjectKey.of(pv))
                                : Future.succeededFuture(current)))
        .onSuccess(v -> LOG.info("deleted released volume {} and {}", pv.metadata().name(), dir))
        .mapEmpty();
  }
}
