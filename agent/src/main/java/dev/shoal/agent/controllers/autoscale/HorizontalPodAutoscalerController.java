package dev.shoal.agent.controllers.autoscale;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.CrossVersionObjectReference;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.HorizontalPodAutoscaler;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.selectors.Selector;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates every HorizontalPodAutoscaler each sync period (its runner's resync) and when one is
 * created: reads the target Deployment or ReplicaSet, its pods and their usage, asks {@link
 * HpaReconciler}, writes the target's {@code spec.replicas} (what a scale subresource write does;
 * compare-and-set on the version read, so a concurrent change makes the sync retry instead of
 * overwriting it), then the autoscaler's status, then its events.
 */
public final class HorizontalPodAutoscalerController implements Controller {
  public static final String COMPONENT = "horizontal-pod-autoscaler";

  private final ClusterStore store;
  private final AutoscalerOptions options;
  private final Clock clock;
  private final HpaReconciler reconciler;
  private final Map<ObjectKey, ScalingHistory> histories = new ConcurrentHashMap<>();

  public HorizontalPodAutoscalerController(
      ClusterStore store, AutoscalerOptions options, Clock clock) {
    this.store = store;
    this.options = options;
    this.clock = clock;
    this.reconciler =
        new HpaReconciler(
            new ReplicaCalculator(
                options.tolerance(),
                options.cpuInitializationPeriod(),
                options.initialReadinessDelay(),
                clock),
            options.downscaleStabilization());
  }

  @Override
  public String name() {
    return "horizontalpodautoscaler";
  }

  /** New autoscalers are evaluated at once; changes wait for the next period, as upstream's. */
  @Override
  public List<Watched> watches() {
    return List.of(new Watched(HorizontalPodAutoscaler.KIND, this::onAutoscaler));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(HorizontalPodAutoscaler.KIND);
  }

  private Collection<ObjectKey> onAutoscaler(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      histories.remove(event.key());
      return List.of();
    }
    return event.type() == WatchEvent.Type.ADDED ? List.of(event.key()) : List.of();
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(found -> reconcile((HorizontalPodAutoscaler) found))
        .recover(
            e -> {
              if (e instanceof StoreException se
                  && se.reason() == StoreException.Reason.NOT_FOUND
                  && key.equals(se.key())) {
                histories.remove(key);
                return Future.succeededFuture();
              }
              return Future.failedFuture(e);
            });
  }

  private Future<Void> reconcile(HorizontalPodAutoscaler hpa) {
    if (hpa.metadata().deletionTimestamp() != null || hpa.spec() == null) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    CrossVersionObjectReference ref = hpa.spec().scaleTargetRef();
    String kind = ref == null ? null : ref.kind();
    if (!Deployment.KIND.equals(kind) && !ReplicaSet.KIND.equals(kind)) {
      return finish(
          hpa,
          reconciler.failedGetScale(
              hpa,
              "unable to determine resource for scale target reference: Shoal scales Deployments"
                  + " and ReplicaSets, not \""
                  + kind
                  + "\"",
              now));
    }
    ObjectKey targetKey = new ObjectKey(kind, hpa.metadata().namespace(), ref.name());
    return store
        .get(targetKey)
        .transform(
            found -> {
              if (found.failed()) {
                if (found.cause() instanceof StoreException se
                    && se.reason() == StoreException.Reason.NOT_FOUND) {
                  return finish(hpa, reconciler.failedGetScale(hpa, se.getMessage(), now));
                }
                return Future.failedFuture(found.cause());
              }
              return evaluate(hpa, found.result(), now);
            });
  }

  private Future<Void> evaluate(HorizontalPodAutoscaler hpa, Resource target, Instant now) {
    ScalableTarget scalable = ScalableTarget.of(target);
    String namespace = hpa.metadata().namespace();
    String selectorError = null;
    Selector selector = Selector.nothing();
    LabelSelector labelSelector = scalable.selector();
    if (labelSelector == null) {
      selectorError = "the HPA target's scale is missing a selector";
    } else {
      Result<Selector> parsed = Selector.fromLabelSelector(labelSelector);
      if (parsed.isOk()) {
        selector = parsed.value();
      } else {
        selectorError =
            "couldn't convert selector into a corresponding internal selector object: "
                + parsed.error();
      }
    }
    Selector podSelector = selector;
    Future<List<Pod>> pods =
        store
            .list(Pod.KIND, namespace)
            .map(
                listing -> {
                  List<Pod> matching = new ArrayList<>();
                  for (Resource r : listing.items()) {
                    if (podSelector.matches(r.metadata().labelsOrEmpty())) {
                      matching.add((Pod) r);
                    }
                  }
                  return matching;
                });
    Future<HpaReconciler.Usage> usage =
        selectorError != null
            ? Future.succeededFuture(HpaReconciler.Usage.of(List.of()))
            : options
                .metrics()
                .podUsage(namespace, podSelector)
                .map(HpaReconciler.Usage::of)
                .recover(e -> Future.succeededFuture(HpaReconciler.Usage.failed(message(e))));
    String selectorProblem = selectorError;
    ScalingHistory history =
        histories.computeIfAbsent(ObjectKey.of(hpa), k -> new ScalingHistory());
    return Future.all(pods, usage)
        .compose(
            both -> {
              HpaReconciler.Evaluation evaluation =
                  reconciler.evaluate(
                      hpa,
                      scalable.scale(),
                      selectorProblem,
                      pods.result(),
                      usage.result(),
                      history,
                      now);
              if (!evaluation.rescale()) {
                return finish(hpa, evaluation);
              }
              return store
                  .update(scalable.withReplicas(evaluation.desired()))
                  .transform(
                      written -> {
                        if (written.succeeded()) {
                          evaluation.rescaled();
                          ScalingBehavior.recordScale(
                              history,
                              evaluation.behavior(),
                              evaluation.current(),
                              evaluation.desired(),
                              now);
                        } else if (written.cause() instanceof StoreException se
                            && (se.reason() == StoreException.Reason.CONFLICT
                                || se.reason() == StoreException.Reason.FENCED)) {
                          // Someone else changed the target meanwhile (or this leader was
                          // deposed): decide again on what is there now.
                          return Future.failedFuture(se);
                        } else {
                          evaluation.rescaleFailed(message(written.cause()));
                        }
                        return finish(hpa, evaluation);
                      });
            });
  }

  /** Writes the status if it changed, then records the events. */
  private Future<Void> finish(HorizontalPodAutoscaler hpa, HpaReconciler.Evaluation evaluation) {
    var status = evaluation.status();
    ObjectReference about = ObjectReference.to(hpa);
    return store
        .modify(
            ObjectKey.of(hpa),
            current -> {
              HorizontalPodAutoscaler stored = (HorizontalPodAutoscaler) current;
              return status.equals(stored.status()) ? stored : stored.withStatus(status);
            })
        .compose(
            written -> {
              List<Future<Void>> recorded = new ArrayList<>();
              for (HpaReconciler.Note note : evaluation.events()) {
                recorded.add(
                    options.events().record(about, note.type(), note.reason(), note.message()));
              }
              return Future.all(recorded).mapEmpty();
            });
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
