package dev.shoal.agent.controllers.batch;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.Expectations;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.WorkQueue;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each Job's pods: re-reads the job and the pods it owns (controller owner reference with its
 * uid), asks {@link JobPlanner}, then deletes, creates and records status, and deletes the job when
 * its time to live is over (the garbage collector then removes its pods). {@link Expectations} keep
 * it from creating again before its creations have come back through the watch; a create refused
 * because the name exists counts as done.
 */
public final class JobController implements Controller {
  private static final Logger LOG = LoggerFactory.getLogger(JobController.class);

  private final ClusterStore store;
  private final Clock clock;
  private final Expectations<ObjectKey> expectations;
  private WorkQueue<ObjectKey> queue;

  public JobController(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.expectations = new Expectations<>(clock, Duration.ofMinutes(1));
  }

  @Override
  public String name() {
    return "job";
  }

  @Override
  public List<Watched> watches() {
    return List.of(new Watched(Job.KIND, this::onJob), new Watched(Pod.KIND, this::onPod));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(Job.KIND);
  }

  @Override
  public void attach(WorkQueue<ObjectKey> value) {
    this.queue = value;
  }

  private Collection<ObjectKey> onJob(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      expectations.forget(event.key());
    }
    return List.of(event.key());
  }

  private Collection<ObjectKey> onPod(WatchEvent event) {
    Optional<ObjectKey> found = PodFacts.controllerKey(event.object(), Job.KIND);
    if (found.isEmpty()) {
      return List.of();
    }
    ObjectKey owner = found.get();
    if (event.type() == WatchEvent.Type.ADDED) {
      expectations.creationObserved(owner);
    } else if (event.type() == WatchEvent.Type.DELETED) {
      expectations.deletionObserved(owner);
    }
    return List.of(owner);
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(found -> reconcile((Job) found))
        .recover(
            e -> {
              if (StoreWrites.is(e, StoreException.Reason.NOT_FOUND)
                  && e instanceof StoreException se
                  && key.equals(se.key())) {
                expectations.forget(key);
                return Future.succeededFuture();
              }
              return Future.failedFuture(e);
            });
  }

  private Future<Void> reconcile(Job job) {
    ObjectKey key = ObjectKey.of(job);
    if (job.spec() == null || job.spec().template() == null || PodFacts.isDeleting(job)) {
      return Future.succeededFuture();
    }
    boolean mayCreate = expectations.satisfied(key);
    return store
        .list(Pod.KIND, job.metadata().namespace())
        .compose(
            listing -> {
              String uid = job.metadata().uid();
              List<Pod> owned =
                  listing.items().stream()
                      .map(Pod.class::cast)
                      .filter(
                          p -> PodFacts.controllerOf(p).map(r -> uid.equals(r.uid())).orElse(false))
                      .toList();
              JobPlan plan = JobPlanner.plan(job, owned, clock.instant(), mayCreate);
              return delete(key, plan)
                  .compose(v -> create(key, plan))
                  .compose(v -> writeStatus(job, plan))
                  .compose(v -> plan.deleteJob() ? deleteJob(job) : Future.succeededFuture())
                  .onSuccess(
                      v -> {
                        if (!plan.deleteJob() && plan.recheckAfterMillis() > 0 && queue != null) {
                          queue.addAfter(key, plan.recheckAfterMillis());
                        }
                      });
            });
  }

  private Future<Void> delete(ObjectKey key, JobPlan plan) {
    List<Future<?>> deletes = new ArrayList<>();
    for (Pod pod : plan.delete()) {
      deletes.add(StoreWrites.ignoreMissing(store.delete(ObjectKey.of(pod))));
    }
    return Future.all(deletes).mapEmpty();
  }

  private Future<Void> create(ObjectKey key, JobPlan plan) {
    if (plan.create().isEmpty()) {
      return Future.succeededFuture();
    }
    expectations.expect(key, plan.create().size(), 0);
    List<Future<?>> creates = new ArrayList<>();
    for (Pod pod : plan.create()) {
      creates.add(
          StoreWrites.createdOrExists(store.create(pod))
              .onSuccess(
                  created -> {
                    if (!created) {
                      expectations.creationObserved(
                          key); // its ADDED event came (or will) from the other writer
                      LOG.info(
                          "job {}: pod {} exists already (created by an earlier leader)",
                          key,
                          pod.metadata().name());
                    }
                  })
              .onFailure(e -> expectations.creationObserved(key)));
    }
    return Future.all(creates).mapEmpty();
  }

  private Future<Void> writeStatus(Job job, JobPlan plan) {
    return StoreWrites.ignoreMissing(
        store.modify(
            ObjectKey.of(job),
            current -> {
              Job now = (Job) current;
              if (!Objects.equals(now.metadata().uid(), job.metadata().uid())
                  || Objects.equals(now.status(), plan.status())) {
                return current;
              }
              return now.withStatus(plan.status());
            }));
  }

  private Future<Void> deleteJob(Job job) {
    ObjectKey key = ObjectKey.of(job);
    return StoreWrites.ignoreMissing(
        store
            .get(key)
            .compose(
                current -> {
                  if (!Objects.equals(current.metadata().uid(), job.metadata().uid())) {
                    return Future.<Resource>succeededFuture();
                  }
                  LOG.info(
                      "job {}: finished {} s ago, deleting it (ttlSecondsAfterFinished)",
                      key,
                      job.spec().ttlSecondsAfterFinished());
                  return store.delete(key);
                }));
  }
}
