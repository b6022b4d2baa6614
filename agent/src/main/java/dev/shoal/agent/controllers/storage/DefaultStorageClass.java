package dev.shoal.agent.controllers.storage;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PersistentVolumeSpec;
import dev.shoal.manifests.model.StorageClass;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The class the cluster starts with, as k3s's {@code local-path}: {@value
 * LocalStorage#DEFAULT_CLASS}, provisioner {@value LocalStorage#PROVISIONER}, Delete,
 * WaitForFirstConsumer, marked default. Made by a new leader when the cluster has no storage class
 * at all, so an operator's change of it (or a class of their own instead) stands.
 */
public final class DefaultStorageClass {

  private DefaultStorageClass() {}

  public static StorageClass object() {
    ObjectMeta meta =
        ObjectMeta.named(null, LocalStorage.DEFAULT_CLASS)
            .withAnnotations(Map.of(StorageClass.DEFAULT_ANNOTATION, "true"));
    return new StorageClass(
        meta,
        LocalStorage.PROVISIONER,
        null,
        PersistentVolumeSpec.DELETE,
        StorageClass.WAIT_FOR_FIRST_CONSUMER,
        false);
  }

  /** Creates the class unless the cluster has one already. */
  public static Future<Void> ensure(ClusterStore store) {
    return store
        .list(StorageClass.KIND, null)
        .compose(
            listing ->
                listing.items().isEmpty()
                    ? store.create(object()).<Void>mapEmpty()
                    : Future.<Void>succeededFuture())
        .recover(
            e ->
                e instanceof StoreException se
                        && se.reason() == StoreException.Reason.ALREADY_EXISTS
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }
}
