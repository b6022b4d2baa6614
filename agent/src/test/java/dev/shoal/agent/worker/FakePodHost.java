package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Secret;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An in-memory cluster for the worker: pods bound to one node, every status written, deletions
 * finished.
 */
final class FakePodHost implements PodHost {
  private final String node;
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  final List<PodStatus> history = new CopyOnWriteArrayList<>();
  final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

  /** Every event the worker recorded, folded as the agent folds them. */
  final dev.shoal.agent.events.InMemoryEvents events =
      new dev.shoal.agent.events.InMemoryEvents(
          java.time.Clock.systemUTC(), dev.shoal.agent.events.EventStore.Limits.DEFAULT);

  private final dev.shoal.agent.events.EventRecorder recorder;

  /** How many changes (statuses, events, pods put, deletions) so far; notified on each. */
  private final Object changes = new Object();

  private long changeCount;

  FakePodHost(String node) {
    this.node = node;
    dev.shoal.agent.events.EventRecorder store =
        dev.shoal.agent.events.StoreEventRecorder.of(events, "kubelet", node);
    this.recorder =
        (about, type, reason, message) ->
            store.record(about, type, reason, message).andThen(written -> changed());
  }

  private void changed() {
    synchronized (changes) {
      changeCount++;
      changes.notifyAll();
    }
  }

  /**
   * Reads {@code get} now and after each change the worker writes here (a status, an event, a
   * finished deletion) until {@code done} accepts the value; fails naming {@code what} and the last
   * value seen after {@code timeout}. The reads run outside the lock, so a writer never waits on
   * one.
   */
  <T> T await(Supplier<T> get, Predicate<T> done, Duration timeout, String what) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen;
      synchronized (changes) {
        seen = changeCount;
      }
      T last = get.get();
      if (done.test(last)) {
        return last;
      }
      synchronized (changes) {
        while (changeCount == seen) {
          long left = end - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(
                "timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(changes, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        }
      }
    }
  }

  @Override
  public dev.shoal.agent.events.EventRecorder events() {
    return recorder;
  }

  /** The events recorded about one pod. */
  List<dev.shoal.manifests.model.Event> eventsOf(Pod pod) {
    return events.list(pod.metadata().namespace()).result().items().stream()
        .map(dev.shoal.manifests.model.Event.class::cast)
        .filter(e -> pod.metadata().uid().equals(e.involvedObject().uid()))
        .toList();
  }

  void putSecret(Secret secret) {
    secrets.put(secret.metadata().namespace() + "/" + secret.metadata().name(), secret);
  }

  @Override
  public Future<Optional<Secret>> secret(String namespace, String name) {
    return Future.succeededFuture(Optional.ofNullable(secrets.get(namespace + "/" + name)));
  }

  private final Map<String, dev.shoal.manifests.model.ConfigMap> configMaps =
      new ConcurrentHashMap<>();

  void putConfigMap(dev.shoal.manifests.model.ConfigMap configMap) {
    configMaps.put(configMap.metadata().namespace() + "/" + configMap.metadata().name(), configMap);
  }

  @Override
  public Future<Optional<dev.shoal.manifests.model.ConfigMap>> configMap(
      String namespace, String name) {
    return Future.succeededFuture(Optional.ofNullable(configMaps.get(namespace + "/" + name)));
  }

  void put(Pod pod) {
    pods.put(pod.metadata().uid(), pod);
    changed();
  }

  /** Drops the pod without a graceful delete (as if it was force-deleted or bound elsewhere). */
  void forget(Pod pod) {
    pods.remove(pod.metadata().uid());
  }

  /**
   * Starts a graceful delete, as the API does: deletionTimestamp and grace period set, object kept.
   */
  void delete(Pod pod, long graceSeconds) {
    pods.computeIfPresent(
        pod.metadata().uid(),
        (k, p) -> p.withMetadata(p.metadata().withDeletion(Instant.now(), graceSeconds)));
  }

  Pod get(Pod pod) {
    return pods.get(pod.metadata().uid());
  }

  PodStatus status(Pod pod) {
    Pod p = get(pod);
    return p == null ? null : p.status();
  }

  @Override
  public String nodeName() {
    return node;
  }

  @Override
  public Future<List<Pod>> boundPods() {
    return Future.succeededFuture(new ArrayList<>(pods.values()));
  }

  @Override
  public Future<Void> writeStatus(Pod pod, PodStatus status) {
    history.add(status);
    pods.computeIfPresent(pod.metadata().uid(), (k, p) -> p.withStatus(status));
    changed();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> finishDeletion(Pod pod) {
    finished.add(pod.metadata().uid());
    pods.remove(pod.metadata().uid());
    changed();
    return Future.succeededFuture();
  }
}
