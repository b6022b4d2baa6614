package dev.shoal.agent.controllers.batch;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.WorkQueue;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.CronJobStatus;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.schedule.CronSchedule;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each CronJob's Jobs: re-reads the cron job and the jobs it owns, asks {@link
 * CronJobPlanner}, deletes what it says, creates the job of the scheduled time (defaulted as the
 * API would, so it gets its selector), records {@code active} and {@code lastScheduleTime}, and
 * looks again at the next scheduled time. A create refused because the name exists means that run
 * was started already (by this or an earlier leader).
 */
public final class CronJobController implements Controller {
  private static final Logger LOG = LoggerFactory.getLogger(CronJobController.class);

  private final ClusterStore store;
  private final Clock clock;
  private final Admission admission = new Admission();
  private WorkQueue<ObjectKey> queue;

  public CronJobController(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "cronjob";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(CronJob.KIND, event -> List.of(event.key())),
        new Watched(Job.KIND, this::onJob));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(CronJob.KIND);
  }

  @Override
  public void attach(WorkQueue<ObjectKey> value) {
    this.queue = value;
  }

  private Collection<ObjectKey> onJob(WatchEvent event) {
    return PodFacts.controllerKey(event.object(), CronJob.KIND).map(List::of).orElse(List.of());
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return Controller.reconcileStored(store, key, CronJob.class, this::reconcile);
  }

  private Future<Void> reconcile(CronJob cronJob) {
    ObjectKey key = ObjectKey.of(cronJob);
    if (cronJob.spec() == null || cronJob.spec().jobTemplate() == null) {
      return Future.succeededFuture();
    }
    Result<CronSchedule> schedule = CronSchedule.parse(cronJob.spec().schedule());
    Result<ZoneId> zone = CronSchedule.zone(cronJob.spec().timeZone());
    if (!schedule.isOk() || !zone.isOk()) {
      LOG.warn(
          "cronjob {}: {}",
          key,
          schedule.isOk()
              ? "UnknownTimeZone: " + zone.error()
              : "UnparseableSchedule: " + schedule.error());
      return Future.succeededFuture();
    }
    return store
        .list(Job.KIND, cronJob.metadata().namespace())
        .compose(
            listing -> {
              String uid = cronJob.metadata().uid();
              List<Job> owned =
                  listing.items().stream()
                      .map(Job.class::cast)
                      .filter(
                          j -> PodFacts.controllerOf(j).map(r -> uid.equals(r.uid())).orElse(false))
                      .toList();
              Instant now = clock.instant();
              CronJobPlan plan =
                  CronJobPlanner.plan(cronJob, owned, schedule.value(), zone.value(), now);
              plan.notes().forEach(note -> LOG.warn("cronjob {}: {}", key, note));
              return delete(key, plan)
                  .compose(v -> create(key, plan))
                  .compose(started -> writeStatus(cronJob, plan, started))
                  .onSuccess(
                      v -> {
                        if (plan.recheckAfterMillis() > 0 && queue != null) {
                          queue.addAfter(key, plan.recheckAfterMillis());
                        }
                      });
            });
  }

  private Future<Void> delete(ObjectKey key, CronJobPlan plan) {
    List<Future<?>> deletes = new ArrayList<>();
    for (Job job : plan.delete()) {
      LOG.info("cronjob {}: deleting job {}", key, job.metadata().name());
      deletes.add(StoreWrites.ignoreMissing(store.delete(ObjectKey.of(job))));
    }
    return Future.all(deletes).mapEmpty();
  }

  /**
   * The job of the scheduled time as stored (created now, or found made already), or null when none
   * is due.
   */
  private Future<Resource> create(ObjectKey key, CronJobPlan plan) {
    if (plan.scheduledTime() == null) {
      return Future.succeededFuture();
    }
    String name =
        plan.create() != null
            ? plan.create().metadata().name()
            : CronJobPlanner.jobName(
                new CronJob(
                    dev.shoal.manifests.model.ObjectMeta.named(key.namespace(), key.name()),
                    null,
                    null),
                plan.scheduledTime());
    ObjectKey jobKey = new ObjectKey(Job.KIND, key.namespace(), name);
    if (plan.create() == null) {
      return store.get(jobKey);
    }
    return store
        .create(admission.withDefaults(plan.create()))
        .onSuccess(
            job -> LOG.info("cronjob {}: created job {} for {}", key, name, plan.scheduledTime()))
        .recover(
            e -> {
              if (StoreWrites.is(e, StoreException.Reason.ALREADY_EXISTS)) {
                LOG.info(
                    "cronjob {}: job {} exists already (started by an earlier leader)", key, name);
                return store.get(jobKey);
              }
              return Future.failedFuture(e);
            });
  }

  private Future<Void> writeStatus(CronJob cronJob, CronJobPlan plan, Resource started) {
    List<ObjectReference> active =
        new ArrayList<>(plan.status().active() == null ? List.of() : plan.status().active());
    if (started != null
        && active.stream().noneMatch(r -> r.name().equals(started.metadata().name()))) {
      ObjectReference ref = ObjectReference.to(started);
      active.add(
          new ObjectReference(
              ref.kind(), ref.namespace(), ref.name(), ref.uid(), ref.apiVersion(), null));
      active.sort(Comparator.comparing(ObjectReference::name));
    }
    Instant last =
        plan.scheduledTime() != null ? plan.scheduledTime() : plan.status().lastScheduleTime();
    CronJobStatus status =
        new CronJobStatus(
            active.isEmpty() ? null : List.copyOf(active),
            last,
            plan.status().lastSuccessfulTime());
    return StoreWrites.ignoreMissing(
        store.modify(
            ObjectKey.of(cronJob),
            current -> {
              CronJob now = (CronJob) current;
              if (!Objects.equals(now.metadata().uid(), cronJob.metadata().uid())
                  || Objects.equals(now.status(), status)) {
                return current;
              }
              return now.withStatus(status);
            }));
  }
}
