package dev.shoal.agent.scheduler;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link VolumeBinding#SELECTED_NODE} on claims the scheduler has placed a pod for: the node
 * the claim's volume is to be made on. A claim that meanwhile names a node or is bound keeps what
 * it has (the pod then fails to fit at the next pass, if it must).
 */
final class ClaimSelection {

  private ClaimSelection() {}

  static Future<Void> select(ClusterStore store, List<PersistentVolumeClaim> claims, String node) {
    if (claims.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<dev.shoal.manifests.model.Resource>> writes =
        claims.stream()
            .map(
                c ->
                    store.modify(
                        ObjectKey.of(c),
                        current -> {
                          PersistentVolumeClaim claim = (PersistentVolumeClaim) current;
                          Map<String, String> annotations = claim.metadata().annotationsOrEmpty();
                          boolean bound =
                              claim.spec() != null
                                  && claim.spec().volumeName() != null
                                  && !claim.spec().volumeName().isEmpty();
                          if (bound || annotations.containsKey(VolumeBinding.SELECTED_NODE)) {
                            return current;
                          }
                          Map<String, String> next = new LinkedHashMap<>(annotations);
                          next.put(VolumeBinding.SELECTED_NODE, node);
                          return claim.withMetadata(claim.metadata().withAnnotations(next));
                        }))
            .toList();
    return Future.all(writes).mapEmpty();
  }
}
