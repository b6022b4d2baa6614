package dev.shoal.agent.api;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.admission.HostAccess;
import dev.shoal.agent.control.Finalizers;
import dev.shoal.agent.events.EventStore;
import dev.shoal.agent.events.InMemoryEvents;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The API's verbs on objects, independent of HTTP: admission, the Kubernetes rules around names,
 * namespaces and subresources, graceful pod deletion. Handlers parse requests and call this; so
 * does {@code /apply}.
 */
public final class ResourceService {

  /** Namespaces Kubernetes refuses to delete. */
  private static final Set<String> PROTECTED_NAMESPACES =
      Set.of("default", "kube-system", "kube-public");

  private final ClusterStore store;
  private final Admission admission;
  private final WriteHooks hooks;
  private final Clock clock;
  private EventViews events;

  public ResourceService(ClusterStore store, Admission admission, WriteHooks hooks, Clock clock) {
    this.store = store;
    this.admission = admission;
    this.hooks = hooks;
    this.clock = clock;
    this.events = new EventViews(new InMemoryEvents(clock, EventStore.Limits.DEFAULT));
  }

  /** Serves Events from {@code store} (without it, from an empty one of this process). */
  public ResourceService withEvents(EventStore eventStore) {
    this.events = new EventViews(eventStore);
    return this;
  }

  public ResourceService(ClusterStore store, Admission admission, Clock clock) {
    this(store, admission, WriteHooks.NONE, clock);
  }

  public ClusterStore store() {
    return store;
  }

  public Future<Resource> create(ApiPath path, Resource incoming) {
    return admittedCreate(path, incoming)
        .compose(hooks::beforeCreate)
        .compose(
            prepared ->
                store
                    .create(prepared)
                    .recover(
                        failure ->
                            hooks
                                .createFailed(prepared)
                                .transform(ignored -> Future.failedFuture(failure))));
  }

  /**
   * {@code dryRun=All}: the object {@link #create} would write, defaulted and validated, written
   * nowhere; the kind's hooks (address claims) do not run.
   */
  public Future<Resource> dryRunCreate(ApiPath path, Resource incoming) {
    return admittedCreate(path, incoming);
  }

  /** The object to create, defaulted, validated and admitted into its namespace. */
  private Future<Resource> admittedCreate(ApiPath path, Resource incoming) {
    return writable(path)
        .map(incoming)
        .map(object -> placeInPath(path, object, false))
        .map(object -> StatusPart.withoutStatus(admission.withDefaults(object)))
        .map(
            object ->
                object instanceof Pod pod ? pod.withStatus(PodStatus.phase("Pending")) : object)
        .map(
            object -> {
              rejectInvalid(path.kind(), object, admission.validateCreate(object));
              return object;
            })
        .compose(
            object ->
                requireNamespace(path.kind(), object.metadata().namespace())
                    .map(namespace -> refuseHostAccess(object, null, namespace)));
  }

  /**
   * Defaulting and validation of a would-be create, without writing: throws the 4xx it would fail
   * with.
   */
  public void precheck(ApiPath path, Resource incoming) {
    if (EventViews.serves(path.kind())) {
      throw EventViews.readOnly(path.kind());
    }
    Resource object =
        StatusPart.withoutStatus(admission.withDefaults(placeInPath(path, incoming, false)));
    rejectInvalid(path.kind(), object, admission.validateCreate(object));
  }

  public Future<Resource> get(ApiPath path) {
    return EventViews.serves(path.kind()) ? events.get(path) : store.get(key(path));
  }

  public Future<ClusterStore.Listing> list(ApiPath path) {
    return EventViews.serves(path.kind())
        ? events.list(path)
        : store.list(path.kind().kind(), path.namespace());
  }

  /** The changes a watch of {@code path}'s collection streams, after {@code sinceVersion}. */
  public Future<ClusterStore.Watch> watch(
      ApiPath path, long sinceVersion, java.util.function.Consumer<WatchEvent> sink) {
    return EventViews.serves(path.kind())
        ? events.watch(path, sinceVersion, sink)
        : store.watch(path.kind().kind(), path.namespace(), sinceVersion, sink);
  }

  /** Fails with 405 for kinds the API serves read-only (events). */
  private static Future<Void> writable(ApiPath path) {
    return EventViews.serves(path.kind())
        ? Future.failedFuture(EventViews.readOnly(path.kind()))
        : Future.succeededFuture();
  }

  /** PUT of the object ({@code statusOnly} false) or of its {@code /status} subresource. */
  public Future<Resource> replace(ApiPath path, Resource incoming, boolean statusOnly) {
    return writable(path)
        .map(incoming)
        .map(object -> placeInPath(path, object, true))
        .compose(
            object ->
                namespaceForHostAccess(path, statusOnly)
                    .compose(
                        namespace ->
                            store
                                .get(key(path))
                                .compose(
                                    stored ->
                                        store
                                            .update(
                                                admit(
                                                    path.kind(),
                                                    stored,
                                                    object,
                                                    statusOnly,
                                                    namespace))
                                            .compose(
                                                written ->
                                                    Finalizers.finishIfDone(store, written)))));
  }

  /**
   * A read-modify-write whose {@code change} computes the new object from the stored one (merge
   * patch, scale); retried on conflicts, so concurrent patches never lose each other's changes.
   */
  public Future<Resource> modify(
      ApiPath path, boolean statusOnly, java.util.function.UnaryOperator<Resource> change) {
    return writable(path)
        .compose(w -> namespaceForHostAccess(path, statusOnly))
        .compose(
            namespace ->
                store
                    .modify(
                        key(path), stored -> changed(path, statusOnly, namespace, stored, change))
                    .compose(written -> Finalizers.finishIfDone(store, written)));
  }

  /**
   * {@code dryRun=All}: what {@link #modify} would store, computed from the stored object, checked
   * the same way, written nowhere.
   */
  public Future<Resource> dryRunModify(
      ApiPath path, boolean statusOnly, java.util.function.UnaryOperator<Resource> change) {
    return writable(path)
        .compose(w -> namespaceForHostAccess(path, statusOnly))
        .compose(
            namespace ->
                store
                    .get(key(path))
                    .map(stored -> changed(path, statusOnly, namespace, stored, change)));
  }

  /** {@code dryRun=All} of a PUT: the stored object must exist, the new one must be admitted. */
  public Future<Resource> dryRunReplace(ApiPath path, Resource incoming, boolean statusOnly) {
    String given = incoming.metadata() == null ? null : incoming.metadata().resourceVersion();
    return dryRunModify(
        path,
        statusOnly,
        stored -> {
          String current = stored.metadata().resourceVersion();
          if (given != null && !given.isEmpty() && !given.equals(current)) {
            throw StoreException.conflict(key(path), given, current);
          }
          return incoming;
        });
  }

  /** {@code dryRun=All} of a DELETE: the object that would be deleted, left in place. */
  public Future<Resource> dryRunDelete(ApiPath path) {
    return writable(path).compose(w -> store.get(key(path)));
  }

  private Resource changed(
      ApiPath path,
      boolean statusOnly,
      Namespace namespace,
      Resource stored,
      java.util.function.UnaryOperator<Resource> change) {
    Resource changed = placeInPath(path, change.apply(stored), true);
    Resource next =
        admit(
            path.kind(),
            stored,
            changed.withMetadata(
                changed.metadata().withResourceVersion(stored.metadata().resourceVersion())),
            statusOnly,
            namespace);
    return next.equals(stored) ? stored : next; // a change that changes nothing writes nothing
  }

  /** What {@link #apply} did with one object. */
  public enum ApplyAction {
    created,
    configured,
    unchanged
  }

  /** The outcome of applying one object: what was done and the object as stored. */
  public record Applied(ApplyAction action, Resource object) {}

  /**
   * Creates the object, or replaces the spec, labels and annotations of the one stored under its
   * name (keeping its status); writes nothing when that would change nothing.
   */
  public Future<Applied> apply(ApiPath path, Resource incoming) {
    if (EventViews.serves(path.kind())) {
      return Future.failedFuture(EventViews.readOnly(path.kind()));
    }
    ApiPath named = new ApiPath(path.kind(), path.namespace(), incoming.metadata().name(), null);
    return store
        .get(key(named))
        .transform(
            found -> {
              if (found.failed()) {
                return found.cause() instanceof StoreException e
                        && e.reason() == StoreException.Reason.NOT_FOUND
                    ? create(path, incoming)
                        .map(created -> new Applied(ApplyAction.created, created))
                    : Future.failedFuture(found.cause());
              }
              String before = found.result().metadata().resourceVersion();
              return modify(
                      named,
                      false,
                      stored ->
                          incoming.withMetadata(mergedMeta(stored.metadata(), incoming.metadata())))
                  .map(
                      result ->
                          new Applied(
                              before.equals(result.metadata().resourceVersion())
                                  ? ApplyAction.unchanged
                                  : ApplyAction.configured,
                              result));
            });
  }

  /**
   * Fails as {@link #apply} would (validation of an update, immutable fields, host access), without
   * writing, so a multi-document apply can refuse a body before writing any of it. The namespace
   * must exist.
   */
  public Future<Void> dryRunApply(ApiPath path, Resource incoming) {
    if (EventViews.serves(path.kind())) {
      return Future.failedFuture(EventViews.readOnly(path.kind()));
    }
    ApiPath named = new ApiPath(path.kind(), path.namespace(), incoming.metadata().name(), null);
    return namespaceForHostAccess(named, false)
        .compose(
            namespace ->
                store
                    .get(key(named))
                    .transform(
                        found -> {
                          if (found.failed()) {
                            if (!(found.cause() instanceof StoreException e
                                && e.reason() == StoreException.Reason.NOT_FOUND)) {
                              return Future.failedFuture(found.cause());
                            }
                            refuseHostAccess(
                                admission.withDefaults(placeInPath(path, incoming, false)),
                                null,
                                namespace);
                            return Future.succeededFuture();
                          }
                          Resource stored = found.result();
                          Resource changed =
                              placeInPath(
                                  named,
                                  incoming.withMetadata(
                                      mergedMeta(stored.metadata(), incoming.metadata())),
                                  true);
                          admit(
                              path.kind(),
                              stored,
                              changed.withMetadata(
                                  changed
                                      .metadata()
                                      .withResourceVersion(stored.metadata().resourceVersion())),
                              false,
                              namespace);
                          return Future.succeededFuture();
                        }));
  }

  /** The stored metadata with the labels and annotations the manifest gives. */
  private static ObjectMeta mergedMeta(ObjectMeta stored, ObjectMeta incoming) {
    ObjectMeta meta = stored.withLabels(incoming.labels());
    return new ObjectMeta(
        meta.name(),
        meta.generateName(),
        meta.namespace(),
        meta.labels(),
        incoming.annotations(),
        meta.uid(),
        meta.resourceVersion(),
        meta.generation(),
        meta.creationTimestamp(),
        meta.deletionTimestamp(),
        meta.deletionGracePeriodSeconds(),
        meta.ownerReferences(),
        meta.finalizers());
  }

  /**
   * Deletes an object. A pod on a node is deleted gracefully: it gets a deletionTimestamp and the
   * node removes it once its containers have stopped; {@code gracePeriodSeconds} 0 removes it now.
   */
  public Future<Resource> delete(ApiPath path, Long gracePeriodSeconds) {
    if (EventViews.serves(path.kind())) {
      return Future.failedFuture(EventViews.readOnly(path.kind()));
    }
    ObjectKey key = key(path);
    if (path.kind().kind().equals(Namespace.KIND) && PROTECTED_NAMESPACES.contains(path.name())) {
      return Future.failedFuture(
          new ApiError(
              new Status(
                  Status.FAILURE,
                  "namespace \"" + path.name() + "\" is protected and cannot be deleted",
                  "Forbidden",
                  null,
                  403)));
    }
    return store
        .get(key)
        .compose(
            stored -> {
              if (stored instanceof Pod pod && deletesGracefully(pod, gracePeriodSeconds)) {
                return markForDeletion(key, pod, gracePeriodSeconds);
              }
              if (Finalizers.holdDeletion(stored)) {
                return Finalizers.markDeleting(store, key, clock.instant());
              }
              Future<Resource> removed =
                  store.delete(key).compose(gone -> hooks.afterDelete(gone).map(gone));
              if (stored instanceof Namespace) {
                return removed.compose(gone -> deleteContents(gone.metadata().name()).map(gone));
              }
              return removed;
            });
  }

  /**
   * A DELETE with its options: the preconditions are checked against the stored object (a 409 when
   * it is another one), then the propagation policy applies. Background (the default but for Jobs)
   * deletes now and leaves the dependents to the garbage collector; Orphan and Foreground, on a
   * kind that can own dependents, set the {@code orphan} or {@code foregroundDeletion} finalizer
   * and a deletionTimestamp, and the collector finishes the deletion. The preconditions are read,
   * then the delete made: not one atomic step.
   */
  Future<Resource> deleteWith(ApiPath path, DeleteOptions options) {
    if (EventViews.serves(path.kind())) {
      return Future.failedFuture(EventViews.readOnly(path.kind()));
    }
    ObjectKey key = key(path);
    return store
        .get(key)
        .compose(
            stored -> {
              options.checkPreconditions(key, stored);
              if (options.dryRun()) {
                return Future.succeededFuture(stored);
              }
              DeleteOptions.Propagation policy = options.propagationFor(path.kind());
              if (policy == DeleteOptions.Propagation.Background
                  || !Finalizers.OWNER_KINDS.contains(path.kind().kind())) {
                return delete(path, options.gracePeriodSeconds());
              }
              String finalizer =
                  policy == DeleteOptions.Propagation.Orphan
                      ? Finalizers.ORPHAN
                      : Finalizers.FOREGROUND;
              String uid = stored.metadata().uid();
              return store.modify(
                  key,
                  current ->
                      uid.equals(current.metadata().uid())
                          ? Finalizers.markDeleting(
                              current, finalizer, clock.instant().truncatedTo(ChronoUnit.SECONDS))
                          : current);
            });
  }

  private static boolean deletesGracefully(Pod pod, Long gracePeriodSeconds) {
    boolean bound = pod.spec() != null && pod.spec().nodeName() != null;
    String phase = pod.status() == null ? null : pod.status().phase();
    boolean finished = "Succeeded".equals(phase) || "Failed".equals(phase);
    return bound && !finished && (gracePeriodSeconds == null || gracePeriodSeconds > 0);
  }

  private Future<Resource> markForDeletion(ObjectKey key, Pod pod, Long requestedGrace) {
    return store.modify(
        key,
        current -> {
          ObjectMeta meta = current.metadata();
          long grace =
              requestedGrace != null
                  ? requestedGrace
                  : pod.spec().terminationGracePeriodSeconds() != null
                      ? pod.spec().terminationGracePeriodSeconds()
                      : 30;
          if (meta.deletionTimestamp() != null
              && (meta.deletionGracePeriodSeconds() == null
                  || meta.deletionGracePeriodSeconds() <= grace)) {
            return current; // already going, at least as fast
          }
          return current.withMetadata(
              meta.withDeletion(
                  clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(grace), grace));
        });
  }

  /** Removes what a deleted namespace held; pods go through graceful deletion like any other. */
  private Future<Void> deleteContents(String namespace) {
    List<Future<?>> deletions = new java.util.ArrayList<>();
    for (KindInfo kind : ResourceKinds.all()) {
      if (!kind.namespaced()) {
        continue;
      }
      deletions.add(
          store
              .list(kind.kind(), namespace)
              .compose(
                  listing -> {
                    List<Future<Resource>> each =
                        listing.items().stream()
                            .map(
                                item ->
                                    delete(
                                            new ApiPath(
                                                kind, namespace, item.metadata().name(), null),
                                            null)
                                        .recover(
                                            e ->
                                                e instanceof StoreException
                                                    ? Future.succeededFuture()
                                                    : Future.failedFuture(e)))
                            .toList();
                    return Future.join(each);
                  }));
    }
    return Future.join(deletions).mapEmpty();
  }

  /** Defaulting, validation and the object/status split for a write over {@code stored}. */
  private Resource admit(
      KindInfo kind, Resource stored, Resource incoming, boolean statusOnly, Namespace namespace) {
    Resource next =
        statusOnly
            ? StatusPart.takeIncomingStatus(incoming, stored)
            : StatusPart.keepStoredStatus(
                hooks.beforeUpdate(stored, admission.withDefaults(stored, incoming)), stored);
    rejectInvalid(kind, next, admission.validateUpdate(stored, next));
    return statusOnly ? next : refuseHostAccess(next, stored, namespace);
  }

  /** The object, unless it uses the host where its namespace does not allow that (then a 403). */
  private static Resource refuseHostAccess(Resource object, Resource stored, Namespace namespace) {
    if (!HostAccess.concerns(object.kind())) {
      return object;
    }
    List<FieldError> refused = HostAccess.refused(object, stored, namespace);
    if (!refused.isEmpty()) {
      throw new ApiError(HostAccess.forbidden(object, object.metadata().namespace(), refused));
    }
    return object;
  }

  /**
   * The namespace an update is checked against for host access; null where the rule does not apply.
   */
  private Future<Namespace> namespaceForHostAccess(ApiPath path, boolean statusOnly) {
    if (statusOnly || !HostAccess.concerns(path.kind().kind()) || path.namespace() == null) {
      return Future.succeededFuture(null);
    }
    return requireNamespace(path.kind(), path.namespace());
  }

  /**
   * Checks the object against the URL it was sent to and fills in what the URL implies: kind,
   * namespace, and (for writes to a named object) the name.
   */
  private static Resource placeInPath(ApiPath path, Resource object, boolean named) {
    KindInfo kind = path.kind();
    if (!object.kind().equals(kind.kind())) {
      throw ApiError.badField(
          "kind",
          "the kind in the body ("
              + object.kind()
              + ") does not match the kind of the URL ("
              + kind.kind()
              + ")");
    }
    ObjectMeta meta = object.metadata() == null ? ObjectMeta.named(null, null) : object.metadata();
    if (kind.namespaced()) {
      String namespace = meta.namespace() == null ? path.namespace() : meta.namespace();
      if (path.namespace() == null) {
        throw ApiError.badRequest(
            "a " + kind.kind() + " is written under /namespaces/{namespace}/");
      }
      if (!Objects.equals(namespace, path.namespace())) {
        throw ApiError.badField(
            "metadata.namespace",
            "the namespace of the object ("
                + namespace
                + ") does not match the namespace of the request ("
                + path.namespace()
                + ")");
      }
      meta = meta.withNamespace(namespace);
    } else if (meta.namespace() != null && !meta.namespace().isEmpty()) {
      throw ApiError.badField(
          "metadata.namespace", kind.kind() + " is not namespaced; remove metadata.namespace");
    }
    if (named) {
      if (meta.name() != null && !meta.name().equals(path.name())) {
        throw ApiError.badField(
            "metadata.name",
            "the name of the object ("
                + meta.name()
                + ") does not match the name in the URL ("
                + path.name()
                + ")");
      }
      meta = meta.withName(path.name());
    }
    return object.withMetadata(meta);
  }

  private static void rejectInvalid(KindInfo kind, Resource object, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      String name = object.metadata() == null ? null : object.metadata().name();
      throw new ApiError(
          Status.invalid(
              kind.group(), kind.kind(), name, errors.stream().map(FieldError::toCause).toList()));
    }
  }

  /** The object's namespace (null for cluster-scoped kinds); a 404 when it does not exist. */
  private Future<Namespace> requireNamespace(KindInfo kind, String namespace) {
    if (!kind.namespaced()) {
      return Future.succeededFuture();
    }
    return store
        .get(new ObjectKey(Namespace.KIND, "", namespace))
        .map(Namespace.class::cast)
        .recover(
            failure ->
                failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.failedFuture(
                        new ApiError(Status.notFound("", "namespaces", namespace)))
                    : Future.failedFuture(failure));
  }

  static ObjectKey key(ApiPath path) {
    return new ObjectKey(
        path.kind().kind(), path.kind().namespaced() ? path.namespace() : "", path.name());
  }
}
