package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.Labels;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.WorkQueue;
import dev.shoal.agent.events.EventRecorder;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rolls deployments out through replica sets: re-reads a deployment, its owned sets (adopting
 * orphan sets its selector matches) and their pods, asks {@link DeploymentPlanner} for the next
 * step, applies the set writes in order, then records the revision annotation and status. Woken by
 * its deployments and by changes of the sets it owns (whose status the replica set controller
 * refreshes as pods become ready).
 */
public final class DeploymentController implements Controller {

  private final ClusterStore store;
  private final Clock clock;
  private WorkQueue<ObjectKey> queue;
  private EventRecorder events = EventRecorder.NONE;

  public DeploymentController(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Records ScalingReplicaSet events on the deployment, as upstream's controller does. */
  public DeploymentController withEvents(EventRecorder value) {
    this.events = value;
    return this;
  }

  @Override
  public String name() {
    return "deployment";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(Deployment.KIND, event -> List.of(event.key())),
        new Watched(ReplicaSet.KIND, DeploymentController::ownerOf));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(Deployment.KIND);
  }

  @Override
  public void attach(WorkQueue<ObjectKey> value) {
    this.queue = value;
  }

  private static Collection<ObjectKey> ownerOf(WatchEvent event) {
    return PodFacts.controllerKey(event.object(), Deployment.KIND).map(List::of).orElse(List.of());
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return Controller.reconcileStored(store, key, Deployment.class, this::reconcile);
  }

  private Future<Void> reconcile(Deployment d) {
    String ns = d.metadata().namespace();
    String uid = d.metadata().uid();
    return store
        .list(ReplicaSet.KIND, ns)
        .compose(
            sets ->
                store
                    .list(Pod.KIND, ns)
                    .compose(
                        pods -> {
                          List<ReplicaSet> owned = new ArrayList<>();
                          List<ReplicaSet> orphans = new ArrayList<>();
                          Map<String, String> nameByUid = new HashMap<>();
                          for (Resource r : sets.items()) {
                            ReplicaSet rs = (ReplicaSet) r;
                            Optional<OwnerReference> ref = PodFacts.controllerOf(rs);
                            if (ref.map(o -> uid.equals(o.uid())).orElse(false)) {
                              owned.add(rs);
                              nameByUid.put(rs.metadata().uid(), rs.metadata().name());
                            } else if (ref.isEmpty()
                                && !PodFacts.isDeleting(d)
                                && Labels.matches(d.spec().selector(), rs.metadata().labels())) {
                              orphans.add(rs);
                            }
                          }
                          if (!orphans.isEmpty()) {
                            // Adopt first; the adoption's watch event brings the next sync, which
                            // plans with them.
                            return adopt(d, orphans);
                          }
                          Map<String, List<Pod>> podsByRs = new HashMap<>();
                          for (Resource r : pods.items()) {
                            Optional<OwnerReference> ref = PodFacts.controllerOf(r);
                            String rsName = ref.map(o -> nameByUid.get(o.uid())).orElse(null);
                            if (rsName != null) {
                              podsByRs.computeIfAbsent(rsName, n -> new ArrayList<>()).add((Pod) r);
                            }
                          }
                          DeploymentPlan plan =
                              DeploymentPlanner.plan(d, owned, podsByRs, clock.instant());
                          return apply(d, plan.actions())
                              .compose(v -> writeStatus(ObjectKey.of(d), plan))
                              .onSuccess(
                                  v -> {
                                    if (plan.recheckAfterMillis() > 0 && queue != null) {
                                      queue.addAfter(ObjectKey.of(d), plan.recheckAfterMillis());
                                    }
                                  });
                        }));
  }

  private Future<Void> adopt(Deployment d, List<ReplicaSet> orphans) {
    OwnerReference ref = PodFacts.controllerRef(d);
    List<Future<?>> writes = new ArrayList<>();
    for (ReplicaSet rs : orphans) {
      writes.add(
          ReplicaSetController.ignoreMissing(
              store.modify(
                  ObjectKey.of(rs),
                  current -> {
                    if (PodFacts.controllerOf(current).isPresent()) {
                      return current;
                    }
                    List<OwnerReference> refs =
                        new ArrayList<>(
                            current.metadata().ownerReferences() == null
                                ? List.of()
                                : current.metadata().ownerReferences());
                    refs.add(ref);
                    return current.withMetadata(current.metadata().withOwnerReferences(refs));
                  })));
    }
    return Future.all(writes).mapEmpty();
  }

  private Future<Void> apply(Deployment d, List<DeploymentAction> actions) {
    Future<Void> chain = Future.succeededFuture();
    for (DeploymentAction action : actions) {
      chain = chain.compose(v -> apply(d, action));
    }
    return chain;
  }

  private Future<Void> apply(Deployment d, DeploymentAction action) {
    String ns = d.metadata().namespace();
    if (action instanceof DeploymentAction.CreateReplicaSet create) {
      int replicas = create.replicaSet().spec().replicasOrDefault();
      return store
          .create(create.replicaSet())
          .<Void>mapEmpty()
          .onSuccess(
              v -> {
                if (replicas > 0) {
                  scaled(d, create.replicaSet().metadata().name(), 0, replicas);
                }
              });
    }
    if (action instanceof DeploymentAction.ScaleReplicaSet scale) {
      AtomicInteger from = new AtomicInteger(-1);
      return ReplicaSetController.ignoreMissing(
              store.modify(
                  new ObjectKey(ReplicaSet.KIND, ns, scale.name()),
                  r -> {
                    ReplicaSet rs = (ReplicaSet) r;
                    from.set(rs.spec().replicasOrDefault());
                    return rs.spec().replicasOrDefault() == scale.replicas()
                        ? r
                        : rs.withSpec(rs.spec().withReplicas(scale.replicas()));
                  }))
          .onSuccess(
              v -> {
                if (from.get() >= 0 && from.get() != scale.replicas()) {
                  scaled(d, scale.name(), from.get(), scale.replicas());
                }
              });
    }
    if (action instanceof DeploymentAction.SetRevision revision) {
      return ReplicaSetController.ignoreMissing(
          store.modify(
              new ObjectKey(ReplicaSet.KIND, ns, revision.name()),
              r -> withRevision(r, revision.revision())));
    }
    if (action instanceof DeploymentAction.DeleteReplicaSet delete) {
      return ReplicaSetController.ignoreMissing(
          store.delete(new ObjectKey(ReplicaSet.KIND, ns, delete.name())));
    }
    return Future.failedFuture(new IllegalStateException("unknown action " + action));
  }

  /** Upstream's event for a scaled replica set: "Scaled up replica set web-5d4f to 3 from 1". */
  private void scaled(Deployment d, String replicaSet, int from, int to) {
    events.normal(
        ObjectReference.to(d),
        "ScalingReplicaSet",
        "Scaled "
            + (to > from ? "up" : "down")
            + " replica set "
            + replicaSet
            + " to "
            + to
            + " from "
            + from);
  }

  private Future<Void> writeStatus(ObjectKey key, DeploymentPlan plan) {
    return ReplicaSetController.ignoreMissing(
        store.modify(
            key,
            current -> {
              Deployment d = (Deployment) current;
              Resource annotated = withRevision(d, plan.revision());
              Deployment next = ((Deployment) annotated).withStatus(plan.status());
              return Objects.equals(next, d) ? current : next;
            }));
  }

  private static Resource withRevision(Resource r, long revision) {
    Map<String, String> annotations =
        new HashMap<>(r.metadata().annotations() == null ? Map.of() : r.metadata().annotations());
    String value = Long.toString(revision);
    if (value.equals(annotations.put(DeploymentPlanner.REVISION, value))) {
      return r;
    }
    return r.withMetadata(withAnnotations(r, annotations));
  }

  private static dev.shoal.manifests.model.ObjectMeta withAnnotations(
      Resource r, Map<String, String> annotations) {
    var m = r.metadata();
    return new dev.shoal.manifests.model.ObjectMeta(
        m.name(),
        m.generateName(),
        m.namespace(),
        m.labels(),
        annotations,
        m.uid(),
        m.resourceVersion(),
        m.generation(),
        m.creationTimestamp(),
        m.deletionTimestamp(),
        m.deletionGracePeriodSeconds(),
        m.ownerReferences(),
        m.finalizers());
  }
}
