package dev.shoal.agent.controllers.disruption;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.WorkQueue;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.PodDisruptionBudgetStatus;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each PodDisruptionBudget's status current (upstream's disruption controller): on a change
 * of the budget, of a pod it selects, or of an owner's scale, it re-reads the budget's pods and
 * writes the status {@link BudgetStatus} computes. The write is a read-modify-write of the stored
 * budget, so an eviction's disruptedPods entry written meanwhile is kept and counted. Keys are
 * PodDisruptionBudget keys.
 */
public final class DisruptionController implements Controller {

  private static final Logger LOG = LoggerFactory.getLogger(DisruptionController.class);

  private final ClusterStore store;
  private final Clock clock;
  private final ExpectedScale scales;

  /** The budgets seen on the watch, to map a pod event to the budgets selecting the pod. */
  private final Map<ObjectKey, PodDisruptionBudget> budgets = new ConcurrentHashMap<>();

  private WorkQueue<ObjectKey> queue;

  public DisruptionController(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.scales = new ExpectedScale(store);
  }

  @Override
  public String name() {
    return "disruption";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(PodDisruptionBudget.KIND, this::onBudget),
        new Watched(Pod.KIND, this::onPod),
        new Watched(ReplicaSet.KIND, this::inNamespace),
        new Watched(Deployment.KIND, this::inNamespace));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(PodDisruptionBudget.KIND);
  }

  @Override
  public void attach(WorkQueue<ObjectKey> value) {
    this.queue = value;
  }

  private Collection<ObjectKey> onBudget(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      budgets.remove(event.key());
      return List.of();
    }
    budgets.put(event.key(), (PodDisruptionBudget) event.object());
    return List.of(event.key());
  }

  private Collection<ObjectKey> onPod(WatchEvent event) {
    Pod pod = (Pod) event.object();
    return budgets.values().stream()
        .filter(b -> Budgets.selects(b, pod))
        .map(ObjectKey::of)
        .toList();
  }

  private Collection<ObjectKey> inNamespace(WatchEvent event) {
    String namespace = event.object().metadata().namespace();
    return budgets.keySet().stream().filter(k -> Objects.equals(namespace, k.namespace())).toList();
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(found -> syncBudget(key, (PodDisruptionBudget) found))
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  private Future<Void> syncBudget(ObjectKey key, PodDisruptionBudget pdb) {
    return store
        .list(Pod.KIND, key.namespace())
        .compose(
            listing -> {
              List<Pod> pods =
                  listing.items().stream()
                      .map(Pod.class::cast)
                      .filter(p -> Budgets.selects(pdb, p))
                      .toList();
              Future<Integer> scale =
                  pdb.spec() != null && BudgetStatus.needsScale(pdb.spec())
                      ? scales.of(pods)
                      : Future.succeededFuture(0);
              return scale.transform(
                  done ->
                      done.succeeded()
                          ? write(key, pods, done.result())
                          : writeFailed(key, done.cause()));
            });
  }

  private Future<Void> write(ObjectKey key, List<Pod> pods, int scale) {
    Instant now = clock.instant();
    Instant[] recheck = {null};
    return store
        .modify(
            key,
            current -> {
              PodDisruptionBudget pdb = (PodDisruptionBudget) current;
              if (pdb.spec() == null) {
                return current;
              }
              BudgetStatus.Result result = BudgetStatus.compute(pdb, pods, scale, now);
              recheck[0] = result.recheckAt().orElse(null);
              return changed(pdb, result.status());
            })
        .map(
            written -> {
              if (recheck[0] != null && queue != null) {
                queue.addAfter(key, Duration.between(now, recheck[0]).plusMillis(1));
              }
              return null;
            });
  }

  private Future<Void> writeFailed(ObjectKey key, Throwable cause) {
    LOG.info("disruption budget {}: {}", key, cause.getMessage());
    Instant now = clock.instant();
    return store
        .modify(
            key,
            current -> {
              PodDisruptionBudget pdb = (PodDisruptionBudget) current;
              return changed(pdb, BudgetStatus.failed(pdb, cause.getMessage(), now));
            })
        .<Void>mapEmpty()
        .compose(v -> Future.failedFuture(cause)); // requeued with back-off, as upstream
  }

  private static Resource changed(PodDisruptionBudget pdb, PodDisruptionBudgetStatus status) {
    return status.equals(pdb.status()) ? pdb : pdb.withStatus(status);
  }
}
