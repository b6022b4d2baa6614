package dev.shoal.agent.api;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.controllers.disruption.BudgetStatus;
import dev.shoal.agent.controllers.disruption.Budgets;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.DeleteOptions;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.PodDisruptionBudgetStatus;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.model.StatusCause;
import dev.shoal.manifests.model.StatusDetails;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Eviction API's decision, as upstream's eviction REST handler: a pod that is pending, finished
 * or already going is deleted at once; otherwise the one PodDisruptionBudget selecting it (more
 * than one is a 500) must allow a disruption, which is taken by a compare-and-set write of the
 * budget's status (disruptionsAllowed one less, the pod in disruptedPods), so two evictions can
 * never both take the last one; then the pod is deleted gracefully with the eviction's delete
 * options. A budget that allows none answers 429 with a DisruptionBudget cause, which {@code
 * kubectl drain} retries. A pod that is not ready may go without taking a disruption when the
 * budget is met ({@code IfHealthyBudget}) or always ({@code AlwaysAllow}).
 */
final class Evictions {

  static final String TOO_MANY =
      "Cannot evict pod as it would violate the pod's disruption budget.";

  /** Upstream's bound on disruptedPods: evictions the controller has not yet seen through. */
  static final int MAX_DISRUPTED_PODS = 2000;

  /** Compare-and-set attempts on the budget before giving up with a timeout. */
  private static final int ATTEMPTS = 20;

  private final ResourceService service;
  private final ClusterStore store;
  private final Clock clock;

  Evictions(ResourceService service, Clock clock) {
    this.service = service;
    this.store = service.store();
    this.clock = clock;
  }

  /** Evicts {@code namespace/name}; the Status to answer with 201, or a failure to answer with. */
  Future<Status> evict(String namespace, String name, DeleteOptions options) {
    DeleteOptions opts = options == null ? new DeleteOptions(null, null, null, null) : options;
    ObjectKey podKey = new ObjectKey(Pod.KIND, namespace, name);
    return store
        .get(podKey)
        .compose(
            found -> {
              Pod pod = (Pod) found;
              if (ignoresBudgets(pod)) {
                return delete(pod, opts);
              }
              return budgetsOf(pod).compose(budgets -> throughBudget(pod, budgets, opts));
            });
  }

  private Future<Status> throughBudget(
      Pod pod, List<PodDisruptionBudget> budgets, DeleteOptions opts) {
    if (budgets.size() > 1) {
      return Future.failedFuture(
          new ApiError(
              new Status(
                  Status.FAILURE,
                  "This pod has more than one PodDisruptionBudget, which the eviction subresource"
                      + " does not support.",
                  null,
                  null,
                  500)));
    }
    if (budgets.isEmpty()) {
      return delete(pod, opts);
    }
    PodDisruptionBudget pdb = budgets.get(0);
    if (!PodFacts.isReady(pod) && unhealthyMayGo(pdb)) {
      // Not counted as healthy: takes no disruption, but only if it has not turned ready since.
      return deleteIfUnchanged(pod, opts)
          .recover(
              e ->
                  isConflict(e) && !hasVersionPrecondition(opts)
                      ? Future.failedFuture(stillProcessing(pdb.metadata().name()))
                      : Future.failedFuture(e));
    }
    return takeDisruption(ObjectKey.of(pdb), pod.metadata().name(), opts.isDryRun(), ATTEMPTS)
        .compose(v -> delete(pod, opts));
  }

  private static boolean unhealthyMayGo(PodDisruptionBudget pdb) {
    if (pdb.spec() != null && pdb.spec().alwaysAllowsUnhealthy()) {
      return true;
    }
    PodDisruptionBudgetStatus s = pdb.status();
    return s != null
        && s.desiredHealthyOrZero() > 0
        && s.currentHealthyOrZero() >= s.desiredHealthyOrZero();
  }

  /** Upstream's checkAndDecrement, retried on conflict with a fresh read of the budget. */
  private Future<Void> takeDisruption(ObjectKey key, String podName, boolean dryRun, int left) {
    return store
        .get(key)
        .compose(
            found -> {
              PodDisruptionBudget pdb = (PodDisruptionBudget) found;
              PodDisruptionBudget next = decremented(pdb, podName, clock.instant());
              if (dryRun) {
                return Future.succeededFuture();
              }
              // resourceVersion set: a compare-and-set against the version just read.
              return store.update(next).<Void>mapEmpty();
            })
        .recover(
            e -> {
              if (!isConflict(e)) {
                return Future.failedFuture(e);
              }
              if (left <= 1) {
                return Future.failedFuture(
                    new ApiError(
                        new Status(
                            Status.FAILURE,
                            "couldn't update PodDisruptionBudget \""
                                + key.name()
                                + "\" due to conflicts",
                            "Timeout",
                            new StatusDetails(null, null, null, null, 10),
                            504)));
              }
              return takeDisruption(key, podName, dryRun, left - 1);
            });
  }

  /** The budget with one disruption taken for {@code podName}, or the refusal (an ApiError). */
  static PodDisruptionBudget decremented(PodDisruptionBudget pdb, String podName, Instant now) {
    PodDisruptionBudgetStatus s = pdb.status();
    long generation = pdb.metadata().generation() == null ? 1 : pdb.metadata().generation();
    if (s == null || s.observedGenerationOrZero() < generation) {
      throw stillProcessing(pdb.metadata().name());
    }
    if (s.disruptionsAllowedOrZero() < 0) {
      throw forbidden(pdb, "pdb disruptions allowed is negative");
    }
    if (s.disruptedPodsOrEmpty().size() > MAX_DISRUPTED_PODS) {
      throw forbidden(
          pdb, "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
    }
    if (s.disruptionsAllowedOrZero() == 0) {
      throw tooManyRequests(
          0,
          "The disruption budget "
              + pdb.metadata().name()
              + " needs "
              + s.desiredHealthyOrZero()
              + " healthy pods and has "
              + s.currentHealthyOrZero()
              + " currently");
    }
    Map<String, Instant> disrupted = new TreeMap<>(s.disruptedPodsOrEmpty());
    disrupted.put(podName, now);
    PodDisruptionBudgetStatus taken =
        new PodDisruptionBudgetStatus(
            s.observedGeneration(),
            disrupted,
            s.disruptionsAllowedOrZero() - 1,
            s.currentHealthy(),
            s.desiredHealthy(),
            s.expectedPods(),
            s.conditions());
    if (taken.disruptionsAllowedOrZero() == 0) {
      taken = BudgetStatus.withAllowedCondition(taken, s, now);
    }
    return pdb.withStatus(taken);
  }

  private Future<List<PodDisruptionBudget>> budgetsOf(Pod pod) {
    return store
        .list(PodDisruptionBudget.KIND, pod.metadata().namespace())
        .map(
            listing ->
                listing.items().stream()
                    .map(PodDisruptionBudget.class::cast)
                    .filter(b -> Budgets.selects(b, pod))
                    .toList());
  }

  /** Pending, finished or already being deleted: it disrupts nothing more (upstream). */
  private static boolean ignoresBudgets(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return "Pending".equals(phase) || PodFacts.isTerminal(pod) || PodFacts.isDeleting(pod);
  }

  /**
   * Deletes the pod, requiring the version it was read at for a live pod (it may not have turned
   * ready since), as upstream does when the caller named no version of their own.
   */
  private Future<Status> delete(Pod pod, DeleteOptions opts) {
    boolean enforce = !PodFacts.isTerminal(pod) && !PodFacts.isDeleting(pod);
    return enforce ? deleteIfUnchanged(pod, opts) : deleteChecked(pod, opts, null);
  }

  private Future<Status> deleteIfUnchanged(Pod pod, DeleteOptions opts) {
    return deleteChecked(pod, opts, pod.metadata().resourceVersion());
  }

  private Future<Status> deleteChecked(Pod pod, DeleteOptions opts, String readVersion) {
    ObjectKey key = ObjectKey.of(pod);
    DeleteOptions.Preconditions pre = opts.preconditions();
    String version =
        pre != null && pre.resourceVersion() != null ? pre.resourceVersion() : readVersion;
    String uid = pre == null ? null : pre.uid();
    ApiPath path =
        new ApiPath(ResourceKinds.POD, pod.metadata().namespace(), pod.metadata().name(), null);
    return store
        .get(key)
        .compose(
            current -> {
              if (uid != null && !uid.equals(current.metadata().uid())) {
                return Future.failedFuture(
                    preconditionFailed(
                        key, "UID in precondition: " + uid, current.metadata().uid()));
              }
              if (version != null && !version.equals(current.metadata().resourceVersion())) {
                return Future.failedFuture(
                    StoreException.conflict(key, version, current.metadata().resourceVersion()));
              }
              if (opts.isDryRun()) {
                return Future.succeededFuture(current);
              }
              return service.delete(path, opts.gracePeriodSeconds());
            })
        .map(deleted -> new Status(Status.SUCCESS, null, null, null, 201));
  }

  private static StoreException preconditionFailed(ObjectKey key, String given, String current) {
    return StoreException.conflict(key, given, current);
  }

  private static boolean hasVersionPrecondition(DeleteOptions opts) {
    return opts.preconditions() != null && opts.preconditions().resourceVersion() != null;
  }

  private static boolean isConflict(Throwable e) {
    return e instanceof StoreException se && se.reason() == StoreException.Reason.CONFLICT;
  }

  static ApiError stillProcessing(String pdbName) {
    return tooManyRequests(
        10, "The disruption budget " + pdbName + " is still being processed by the server.");
  }

  private static ApiError tooManyRequests(int retryAfter, String cause) {
    return new ApiError(
        new Status(
            Status.FAILURE,
            TOO_MANY,
            "TooManyRequests",
            new StatusDetails(
                null,
                null,
                null,
                List.of(new StatusCause("DisruptionBudget", cause, null)),
                retryAfter == 0 ? null : retryAfter),
            429));
  }

  private static ApiError forbidden(PodDisruptionBudget pdb, String why) {
    String name = pdb.metadata().name();
    return new ApiError(
        new Status(
            Status.FAILURE,
            "poddisruptionbudget.policy \"" + name + "\" is forbidden: " + why,
            "Forbidden",
            new StatusDetails(name, "policy", "poddisruptionbudget", null, null),
            403));
  }
}
