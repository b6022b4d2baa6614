package dev.shoal.agent.store.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.shoal.agent.store.AtRestKey;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.DiskCopy;
import dev.shoal.agent.store.FencedStore;
import dev.shoal.agent.store.FencedWrites;
import dev.shoal.agent.store.LeaderEpochs;
import dev.shoal.agent.store.LocalView;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.SecretSeal;
import dev.shoal.agent.store.Stamps;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.StoreUnavailableException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.agent.store.WatchHub;
import dev.shoal.agent.store.hazelcast.WriteObject.Mode;
import dev.shoal.agent.store.hazelcast.WriteObject.Outcome;
import dev.shoal.agent.telemetry.Latency;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Secret;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterStore} on Hazelcast maps shared by every agent. Writes run on a worker pool: each
 * takes a version from the cluster-wide counter (where the leader's fencing epoch is checked), then
 * writes the object with one {@link WriteObject} entry processor, compare-and-set on its
 * resourceVersion. An entry listener feeds every change made anywhere into this node's {@link
 * LocalView} and watch hub, so lists and watches are answered from memory. Writes are refused while
 * this member is on the minority side of a partition. Secret values are sealed with the cluster's
 * key ({@link SecretSeal}) before they leave this member and stay sealed in the map, the local view
 * and the watch history; they are opened only on the way out to a caller (get, list, watch, the
 * result of a write).
 */
public final class HazelcastStore implements FencedWrites, LeaderEpochs, AutoCloseable {

  /**
   * @param dataDir where the on-disk copy lives (null: none)
   * @param opTimeout longest wait for one cluster call
   * @param historyLimit watch events remembered for resuming
   * @param restoreWindow how long after a whole-cluster restart joining members may still restore
   *     their copy
   * @param tombstoneTtl how long a deleted key keeps its tombstone
   * @param mapPrefix names of this store's maps start with it ({@code "shoal-"}; tests use their
   *     own)
   * @param secretKey the cluster's 32-byte key that seals Secret values in the map (null: kept in
   *     the clear)
   */
  public record Options(
      Path dataDir,
      Duration opTimeout,
      int historyLimit,
      Duration restoreWindow,
      Duration tombstoneTtl,
      String mapPrefix,
      byte[] secretKey) {

    public static Options defaults(Path dataDir) {
      return new Options(
          dataDir,
          Duration.ofSeconds(10),
          10_000,
          Duration.ofSeconds(60),
          Duration.ofMinutes(2),
          HazelcastNames.PREFIX,
          null);
    }

    public Options withRestoreWindow(Duration window) {
      return new Options(
          dataDir, opTimeout, historyLimit, window, tombstoneTtl, mapPrefix, secretKey);
    }

    public Options withHistory(int limit, String prefix) {
      return new Options(dataDir, opTimeout, limit, restoreWindow, tombstoneTtl, prefix, secretKey);
    }

    /**
     * Seals Secret values in the map with {@code key} (every member needs the same one: derive it
     * from the join secret).
     */
    public Options withSecretKey(byte[] key) {
      return new Options(
          dataDir, opTimeout, historyLimit, restoreWindow, tombstoneTtl, mapPrefix, key.clone());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(HazelcastStore.class);
  private static final long NO_FENCE = -1;

  /**
   * The at-rest key of the on-disk copy, in the data directory (made on first start, mode 0600).
   */
  public static final String AT_REST_KEY_FILE = "at-rest.key";

  /**
   * What the key sealing Secret values in the map is derived for from the join secret (the same on
   * every member).
   */
  public static final String SECRET_KEY_PURPOSE = "secret-values";

  private static final int MAX_ATTEMPTS = 1_000;

  private final IMap<String, String> objects;
  private final IMap<String, long[]> meta;
  private final EpochAcks epochs;
  private final BooleanSupplier mayWrite;
  private final Options options;
  private final Clock clock;
  private final WatchHub hub;
  private final DiskCopy disk;
  private final LocalView view;
  private final WorkerExecutor workers;
  private final Calls calls;
  private final SecretSeal seal;
  private UUID listenerId;
  private volatile MeterRegistry meters;

  private final HazelcastInstance hazelcast;
  private UUID lifecycleListenerId;

  private HazelcastStore(
      Vertx vertx, HazelcastInstance hazelcast, BooleanSupplier mayWrite, Options options) {
    this.hazelcast = hazelcast;
    this.objects = hazelcast.getMap(options.mapPrefix() + HazelcastNames.OBJECTS);
    this.meta = hazelcast.getMap(options.mapPrefix() + HazelcastNames.META);

    this.mayWrite = mayWrite;
    this.options = options;
    this.clock = Clock.systemUTC();
    this.hub = new WatchHub(options.historyLimit());
    this.disk =
        options.dataDir() == null
            ? null
            : new DiskCopy(
                options.dataDir().resolve("store"),
                AtRestKey.loadOrCreate(options.dataDir().resolve(AT_REST_KEY_FILE)));
    this.view = new LocalView(hub, disk == null ? (key, version, deleted, stored) -> {} : disk);
    this.workers = vertx.createSharedWorkerExecutor("shoal-store-" + UUID.randomUUID(), 16);
    this.calls = new Calls(options.opTimeout());
    this.seal = SecretSeal.withKey(options.secretKey());
    this.epochs = new EpochAcks(hazelcast, meta, options.mapPrefix(), calls, options.opTimeout());
  }

  /**
   * Opens the store on a running member: restores the on-disk copy if this is a fresh cluster (or
   * one still inside its restore window), loads the local view, then follows changes. {@code
   * mayWrite} says whether this member sees a majority (use {@code HazelcastMember::hasMajority}).
   */
  public static Future<HazelcastStore> open(
      Vertx vertx, HazelcastInstance hazelcast, BooleanSupplier mayWrite, Options options) {
    HazelcastStore store;
    try {
      store = new HazelcastStore(vertx, hazelcast, mayWrite, options);
    } catch (IllegalStateException e) {
      return Future.failedFuture(
          e); // e.g. an unreadable at-rest key: a start-up error that says what to do
    }
    return store.workers.executeBlocking(
        () -> {
          store.start();
          return store;
        },
        false);
  }

  /** This node's replicated read view, for hot-path readers (DNS, load balancer). */
  public LocalView localView() {
    return view;
  }

  private void start() throws Exception {
    listenerId = objects.addEntryListener(new Listener(), true);
    epochs.start();
    new Restore(
            objects,
            meta,
            calls,
            disk,
            options.restoreWindow().toMillis(),
            options.tombstoneTtl().toSeconds())
        .run();
    if (disk != null) {
      disk.beginResync();
    }
    for (var entry : objects.entrySet()) {
      applyStored(entry.getKey(), entry.getValue());
    }
    view.startPublishing();
    if (disk != null) {
      disk.endResync();
    }
    workers.executeBlocking(
        () -> {
          sealPlainSecrets();
          return null;
        },
        false);
    lifecycleListenerId =
        hazelcast
            .getLifecycleService()
            .addLifecycleListener(
                event -> {
                  if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                    workers.executeBlocking(
                        () -> {
                          resyncAfterMerge();
                          return null;
                        },
                        false);
                  }
                });
    LOG.info("cluster store open: {} objects, version {}", objects.size(), view.version());
  }

  /**
   * After a split-brain heals, this member has rejoined the larger side, but entry listeners never
   * replay what that side wrote while the two were apart. Re-reading every entry closes the gap:
   * the view only takes versions newer than its own, and publishes them as ordinary watch events.
   */
  private void resyncAfterMerge() {
    int before = view.snapshot().size();
    for (var entry : objects.entrySet()) {
      try {
        applyStored(entry.getKey(), entry.getValue());
      } catch (RuntimeException e) {
        LOG.error("cannot apply {} after merge", entry.getKey(), e);
      }
    }
    LOG.info(
        "cluster merged: local view re-read ({} objects before, {} now, version {})",
        before,
        view.snapshot().size(),
        view.version());
  }

  /**
   * Upgrade: rewrites the Secrets an older agent left in the clear so they are sealed. Any member
   * may do it (a repeat only adds a version); without a majority now it is left for the next start
   * or write.
   */
  private void sealPlainSecrets() {
    int sealed = 0;
    for (Resource secret : view.list(Secret.KIND, null)) {
      if (seal.holdsPlain(secret)) {
        try {
          writeLoop(
              ObjectKey.of(secret),
              NO_FENCE,
              current -> current.withMetadata(current.metadata()),
              false);
          sealed++;
        } catch (Exception e) {
          LOG.info(
              "cannot seal {} yet ({}); its next write or this agent's next start seals it",
              ObjectKey.of(secret),
              e.getMessage());
        }
      }
    }
    if (sealed > 0) {
      LOG.info("sealed the values of {} Secrets an older agent had written in the clear", sealed);
    }
  }

  @Override
  public Future<Resource> create(Resource object) {
    return create(object, NO_FENCE);
  }

  @Override
  public Future<Resource> get(ObjectKey key) {
    return run(
        "get", () -> seal.open(live(key, calls.await(objects.getAsync(HazelcastNames.key(key))))));
  }

  @Override
  public Future<Listing> list(String kind, String namespace) {
    Listing listing = view.listing(kind, namespace);
    return Future.succeededFuture(
        !Secret.KIND.equals(kind)
            ? listing
            : new Listing(listing.items().stream().map(seal::open).toList(), listing.version()));
  }

  @Override
  public Future<Resource> update(Resource object) {
    return update(object, NO_FENCE);
  }

  @Override
  public Future<Resource> modify(ObjectKey key, UnaryOperator<Resource> change) {
    return modify(key, change, NO_FENCE);
  }

  @Override
  public Future<Resource> delete(ObjectKey key) {
    return delete(key, NO_FENCE);
  }

  @Override
  public Future<Watch> watch(
      String kind, String namespace, long sinceVersion, Consumer<WatchEvent> sink) {
    try {
      Consumer<WatchEvent> opened =
          !Secret.KIND.equals(kind)
              ? sink
              : event ->
                  sink.accept(
                      new WatchEvent(event.type(), seal.open(event.object()), event.version()));
      return Future.succeededFuture(
          hub.subscribe(kind, namespace, sinceVersion, Vertx.currentContext(), opened));
    } catch (StoreException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Long> currentVersion() {
    return Future.succeededFuture(view.version());
  }

  /**
   * Bumps the epoch, then waits (at most the operation timeout) until every member has seen it, so
   * from then on every member refuses writes carrying an older epoch, also those whose version was
   * taken earlier.
   */
  @Override
  public Future<Long> bumpEpoch() {
    return run(
        "bumpEpoch",
        () -> {
          requireMajority();
          long epoch =
              calls.await(
                  meta.submitToKey(HazelcastNames.META_KEY, new MetaProcessors.BumpEpoch()));
          epochs.seen(epoch);
          epochs.awaitAcknowledged(epoch);
          return epoch;
        });
  }

  @Override
  public Future<Long> currentEpoch() {
    return run(
        "currentEpoch",
        () -> {
          long[] stored = calls.await(meta.getAsync(HazelcastNames.META_KEY));
          return stored == null ? 0L : stored[Meta.EPOCH];
        });
  }

  @Override
  public ClusterStore fenced(long epoch) {
    return new FencedStore(this, epoch);
  }

  /**
   * Stops following changes and flushes the on-disk copy; the member itself is stopped by its
   * owner.
   */
  public Future<Void> close(Vertx vertx) {
    return vertx.executeBlocking(
        () -> {
          close();
          return null;
        },
        false);
  }

  @Override
  public void close() {
    try {
      objects.removeEntryListener(listenerId);
      if (lifecycleListenerId != null) {
        hazelcast.getLifecycleService().removeLifecycleListener(lifecycleListenerId);
      }
      epochs.stop();
    } catch (RuntimeException e) {
      LOG.debug("listener already gone", e);
    }
    if (disk != null) {
      disk.close();
    }
    workers.close();
  }

  @Override
  public Future<Resource> create(Resource object, long fence) {
    return run(
        "create",
        () -> {
          for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long version = nextVersion(fence, ObjectKey.of(object));
            Resource stamped = Stamps.forCreate(object, version, clock.instant());
            ObjectKey key = ObjectKey.of(stamped);
            Resource kept = seal.seal(stamped);
            String stored = Envelope.encode(version, false, kept);
            String[] result = write(key, Mode.CREATE, -1, version, stored, fence);
            switch (Outcome.valueOf(result[0])) {
              case OK -> {
                view.apply(key, version, false, kept, stored);
                return stamped;
              }
              case EXISTS -> throw StoreException.alreadyExists(key);
              default -> backOff(attempt);
            }
          }
          throw contention(ObjectKey.of(object));
        });
  }

  @Override
  public Future<Resource> update(Resource object, long fence) {
    ObjectKey key = ObjectKey.of(object);
    String given = object.metadata().resourceVersion();
    boolean conditional = given != null && !given.isEmpty();
    return run("update", () -> writeLoop(key, fence, stored -> object, conditional));
  }

  @Override
  public Future<Resource> modify(ObjectKey key, UnaryOperator<Resource> change, long fence) {
    return run(
        "modify",
        () ->
            writeLoop(
                key,
                fence,
                stored -> {
                  Resource changed = change.apply(stored);
                  return changed == stored
                      ? stored
                      : changed.withMetadata(
                          changed
                              .metadata()
                              .withResourceVersion(stored.metadata().resourceVersion()));
                },
                false));
  }

  /**
   * Read, change, compare-and-set; retries on a concurrent write unless the caller named a version.
   */
  private Resource writeLoop(
      ObjectKey key, long fence, UnaryOperator<Resource> change, boolean conditional)
      throws Exception {
    String storedForm = calls.await(objects.getAsync(HazelcastNames.key(key)));
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Resource stored = seal.open(live(key, storedForm));
      Resource changed = change.apply(stored);
      if (changed == stored) {
        return stored;
      }
      long version = nextVersion(fence, key);
      Resource stamped = Stamps.forUpdate(stored, changed, version);
      Resource kept = seal.seal(stamped);
      String encoded = Envelope.encode(version, false, kept);
      String[] result =
          write(key, Mode.UPDATE, Envelope.versionOf(storedForm), version, encoded, fence);
      switch (Outcome.valueOf(result[0])) {
        case OK -> {
          view.apply(key, version, false, kept, encoded);
          return stamped;
        }
        case NOT_FOUND -> throw StoreException.notFound(key);
        default -> {
          if (conditional) {
            throw StoreException.conflict(
                key,
                changed.metadata().resourceVersion(),
                Long.toString(Envelope.versionOf(result[1])));
          }
          storedForm = result[1];
          backOff(attempt);
        }
      }
    }
    throw contention(key);
  }

  @Override
  public Future<Resource> delete(ObjectKey key, long fence) {
    return run(
        "delete",
        () -> {
          String storedForm = calls.await(objects.getAsync(HazelcastNames.key(key)));
          for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Resource stored = live(key, storedForm);
            long version = nextVersion(fence, key);
            Resource last =
                stored.withMetadata(stored.metadata().withResourceVersion(Long.toString(version)));
            String tombstone = Envelope.encode(version, true, last);
            String[] result =
                write(key, Mode.DELETE, Envelope.versionOf(storedForm), version, tombstone, fence);
            switch (Outcome.valueOf(result[0])) {
              case OK -> {
                view.apply(key, version, true, last, tombstone);
                return seal.open(last);
              }
              case NOT_FOUND -> throw StoreException.notFound(key);
              default -> {
                storedForm = result[1];
                backOff(attempt);
              }
            }
          }
          throw contention(key);
        });
  }

  private long nextVersion(long fence, ObjectKey key) throws Exception {
    requireMajority();
    long[] next =
        calls.await(
            meta.submitToKey(HazelcastNames.META_KEY, new MetaProcessors.NextVersion(fence)));
    if (next[0] < 0) {
      throw StoreException.fenced(key, fence, next[1]);
    }
    return next[0];
  }

  private String[] write(
      ObjectKey key, Mode mode, long expected, long version, String stored, long fence)
      throws Exception {
    String[] result =
        calls.await(
            objects.submitToKey(
                HazelcastNames.key(key),
                new WriteObject(
                    mode,
                    expected,
                    version,
                    stored,
                    options.tombstoneTtl().toSeconds(),
                    fence,
                    options.mapPrefix())));
    if (Outcome.valueOf(result[0]) == Outcome.FENCED) {
      throw StoreException.fenced(key, fence, Long.parseLong(result[1]));
    }
    return result;
  }

  private void requireMajority() {
    if (!mayWrite.getAsBoolean()) {
      throw new StoreUnavailableException(
          "this member does not see a majority of the cluster; writes are refused until the partition heals");
    }
  }

  private static Resource live(ObjectKey key, String stored) {
    if (stored == null || Envelope.isTombstone(stored)) {
      throw StoreException.notFound(key);
    }
    return Envelope.parse(stored).decode(key);
  }

  private void applyStored(String key, String stored) {
    ObjectKey objectKey = HazelcastNames.objectKey(key);
    Envelope envelope = Envelope.parse(stored);
    view.apply(
        objectKey, envelope.version(), envelope.deleted(), envelope.decode(objectKey), stored);
  }

  private static void backOff(int attempt) throws InterruptedException {
    Thread.sleep(ThreadLocalRandom.current().nextInt(Math.min(attempt, 10) + 1));
  }

  private static StoreUnavailableException contention(ObjectKey key) {
    return new StoreUnavailableException(
        "gave up writing " + key + " after " + MAX_ATTEMPTS + " concurrent changes");
  }

  /**
   * Runs a blocking map operation on the store's workers, timed by name when {@link #meterWith}
   * gave a registry (the time includes the wait for a worker).
   */
  private <T> Future<T> run(String name, Callable<T> operation) {
    long started = System.nanoTime();
    return workers
        .executeBlocking(operation, false)
        .andThen(
            outcome ->
                Latency.since(
                    meters,
                    started,
                    "shoal.store.operation",
                    "Store operations on the Hazelcast map, by operation and outcome",
                    "operation",
                    name,
                    "outcome",
                    outcome.succeeded() ? "ok" : "error"));
  }

  /**
   * Times every map operation from now on in {@code registry}, and exposes the watch fan-out there:
   * watchers, events delivered, events queued for delivery.
   */
  public HazelcastStore meterWith(MeterRegistry registry) {
    this.meters = registry;
    Gauge.builder("shoal.watch.watchers", hub, WatchHub::watcherCount)
        .description("Open watches on this agent's store (API watches and components)")
        .register(registry);
    FunctionCounter.builder("shoal.watch.events.delivered", hub, WatchHub::deliveredCount)
        .description("Watch events handed to watchers (one event to n watchers counts n)")
        .register(registry);
    Gauge.builder("shoal.watch.queue.depth", hub, WatchHub::queuedCount)
        .description("Watch events handed over but not yet run on their watcher's event loop")
        .register(registry);
    return this;
  }

  /** Feeds changes made on any member into the local view; runs on Hazelcast's event threads. */
  private final class Listener
      implements EntryAddedListener<String, String>,
          EntryUpdatedListener<String, String>,
          EntryMergedListener<String, String>,
          EntryExpiredListener<String, String> {

    @Override
    public void entryExpired(EntryEvent<String, String> event) {
      if (disk != null
          && event.getOldValue() != null
          && Envelope.isTombstone(event.getOldValue())) {
        disk.forget(HazelcastNames.objectKey(event.getKey()));
      }
    }

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      changed(event);
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      changed(event);
    }

    @Override
    public void entryMerged(EntryEvent<String, String> event) {
      changed(event);
    }

    private void changed(EntryEvent<String, String> event) {
      try {
        if (event.getValue() != null) {
          applyStored(event.getKey(), event.getValue());
        }
      } catch (RuntimeException e) {
        LOG.error("cannot apply change of {}", event.getKey(), e);
      }
    }
  }
}
