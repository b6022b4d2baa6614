package dev.shoal.agent.scheduler.bench;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.scheduler.Decision;
import dev.shoal.agent.scheduler.Placement;
import dev.shoal.agent.scheduler.PodRequest;
import dev.shoal.agent.scheduler.SchedulingCache;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import java.util.concurrent.TimeUnit;

/**
 * The reference: the same filters and scorers, but no cache and no batching. For every pod it
 * re-lists nodes and pods from the store, rebuilds node usage from scratch, places one pod, binds
 * it and waits (a scheduler without an informer cache, as a straightforward first implementation
 * would be).
 */
final class NaiveScheduler {

  private final ClusterStore store;
  private final Placement placement = Placement.standard();

  NaiveScheduler(ClusterStore store) {
    this.store = store;
  }

  /**
   * Places pending pods one at a time until none is left or {@code limit} are bound; returns how
   * many it bound.
   */
  int run(int limit, BindListener listener) throws Exception {
    int bound = 0;
    while (bound < limit) {
      SchedulingCache fresh = new SchedulingCache();
      for (Resource n : await(store.list(Node.KIND, null)).items()) {
        fresh.upsertNode((Node) n);
      }
      Pod next = null;
      for (Resource r : await(store.list(Pod.KIND, null)).items()) {
        Pod pod = (Pod) r;
        if (PodFacts.isBound(pod)) {
          fresh.observe(pod);
        } else if (next == null && PodFacts.isActive(pod)) {
          next = pod;
        }
      }
      if (next == null) {
        return bound;
      }
      Decision d = placement.place(PodRequest.of(next), fresh.nodes());
      if (!(d instanceof Decision.Bind bind)) {
        throw new IllegalStateException("bench pod did not fit: " + d);
      }
      String node = bind.node().name();
      await(
          store.modify(
              ObjectKey.of(next),
              current -> ((Pod) current).withSpec(((Pod) current).spec().withNodeName(node))));
      listener.bound(ObjectKey.of(next));
      bound++;
    }
    return bound;
  }

  interface BindListener {
    void bound(ObjectKey key);
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
