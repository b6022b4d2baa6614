package dev.shoal.agent.scheduler;

import static dev.shoal.agent.control.TestObjects.container;
import static dev.shoal.agent.control.TestObjects.node;
import static dev.shoal.agent.control.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Await;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduler on virtual time: nothing is placed until the test moves the fake timer past the
 * debounce.
 */
@ExtendWith(VertxExtension.class)
class SchedulerTest {

  private static final SchedulerOptions OPTIONS =
      new SchedulerOptions(
          Duration.ofMillis(2),
          Duration.ofMillis(10),
          Duration.ofSeconds(15),
          Duration.ofMillis(250));

  private final InMemoryStore store = new InMemoryStore();
  private final FakeTimer timer = new FakeTimer();

  private Scheduler scheduler(Vertx vertx, ClusterStore on, SchedulerOptions options) {
    return new Scheduler(vertx, on, options, Placement.standard(), timer);
  }

  @Test
  void unschedulablePodExplainsThenSchedulesWhenANodeAppears(Vertx vertx) throws Exception {
    await(store.create(node("small", "4", "1Gi", Instant.now())));
    Scheduler scheduler = scheduler(vertx, store, OPTIONS);
    await(scheduler.start());
    ObjectKey key =
        ObjectKey.of(await(store.create(pod("ns", "big", Map.of(), container("100m", "2Gi")))));

    PodCondition refused =
        advancingUntil(
            () -> {
              PodCondition c = PodScheduledWrites.condition(((Pod) await(store.get(key))).status());
              return c != null && "False".equals(c.status()) ? c : null;
            });
    assertEquals("Unschedulable", refused.reason());
    assertEquals("0/1 nodes are available: 1 Insufficient memory.", refused.message());
    assertEquals("Pending", ((Pod) await(store.get(key))).status().phase());

    await(store.create(node("large", "4", "8Gi", Instant.now())));
    Pod bound =
        advancingUntil(
            () -> {
              Pod p = (Pod) await(store.get(key));
              return p.spec().nodeName() != null ? p : null;
            });
    assertEquals("large", bound.spec().nodeName());
    assertEquals("True", PodScheduledWrites.condition(bound.status()).status());
    await(scheduler.stop());
  }

  @Test
  void aBurstIsPlacedInOneBatchOnlyOnceItSettlesWithinCapacityLeavingNamedPodsAlone(Vertx vertx)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      await(store.create(node("n" + i, "1", "8Gi", Instant.now())));
    }
    Pod pinned = pod("ns", "pinned", Map.of(), container(null, null));
    await(store.create(pinned.withSpec(pinned.spec().withNodeName("elsewhere"))));
    for (int i = 0; i < 35; i++) {
      await(store.create(pod("ns", "p" + i, Map.of(), container("100m", "10Mi"))));
    }
    Scheduler scheduler = scheduler(vertx, store, OPTIONS);
    await(scheduler.start()); // sees the whole burst at once, in its first listing

    timer.advance(OPTIONS.settle().minusNanos(1));
    assertEquals(0, count("True") + count("False"), "nothing placed before the burst has settled");
    timer.advance(Duration.ofNanos(1));
    // 3 nodes x 1 cpu = 30 pods of 100m; 5 stay pending: all decided in the one batch the timer
    // fired.
    assertEquals(30, count("True"));
    assertEquals(5, count("False"));
    Map<String, Integer> perNode = new HashMap<>();
    for (var r : await(store.list(Pod.KIND, "ns")).items()) {
      Pod p = (Pod) r;
      if (!p.metadata().name().equals("pinned") && p.spec().nodeName() != null) {
        perNode.merge(p.spec().nodeName(), 1, Integer::sum);
      }
    }
    assertEquals(Map.of("n0", 10, "n1", 10, "n2", 10), perNode);
    Pod stillPinned = (Pod) await(store.get(new ObjectKey(Pod.KIND, "ns", "pinned")));
    assertEquals("elsewhere", stillPinned.spec().nodeName());
    assertNull(stillPinned.status());
    await(scheduler.stop());
  }

  @Test
  void aPodWhoseEventWasMissedIsScheduledAtTheNextResync(Vertx vertx) throws Exception {
    await(store.create(node("n1")));
    ClusterStore lossy =
        new ForwardingStore(store) {
          @Override
          public Future<ClusterStore.Watch> watch(
              String kind, String namespace, long since, Consumer<WatchEvent> sink) {
            return super.watch(
                kind,
                namespace,
                since,
                e -> {
                  if (!e.key().name().equals("lost")) {
                    sink.accept(e);
                  }
                });
          }
        };
    SchedulerOptions fast =
        new SchedulerOptions(
            Duration.ofMillis(2),
            Duration.ofMillis(10),
            Duration.ofMillis(200),
            Duration.ofMillis(50));
    Scheduler scheduler = scheduler(vertx, lossy, fast);
    await(scheduler.start());
    ObjectKey key =
        ObjectKey.of(await(store.create(pod("ns", "lost", Map.of(), container(null, null)))));
    timer.advance(Duration.ofMillis(199));
    assertNull(
        ((Pod) await(store.get(key))).spec().nodeName(),
        "the event was lost: nothing before the resync");
    timer.advance(Duration.ofMillis(1)); // the resync lists the pod and signals the batch
    timer.advance(fast.settle());
    assertEquals("n1", ((Pod) await(store.get(key))).spec().nodeName());
    await(scheduler.stop());
  }

  @Test
  void aFailedWriteOfTheUnschedulableReasonIsRetriedWithBackoffUntilItLands(Vertx vertx)
      throws Exception {
    await(store.create(node("small", "4", "1Gi", Instant.now())));
    ObjectKey key =
        ObjectKey.of(await(store.create(pod("ns", "big", Map.of(), container("100m", "2Gi")))));
    AtomicInteger writes = new AtomicInteger();
    ClusterStore flaky =
        new ForwardingStore(store) {
          @Override
          public Future<Resource> modify(ObjectKey k, UnaryOperator<Resource> change) {
            if (k.equals(key) && writes.incrementAndGet() <= 2) {
              return Future.failedFuture(new IllegalStateException("store unavailable"));
            }
            return super.modify(k, change);
          }
        };
    Scheduler scheduler = scheduler(vertx, flaky, OPTIONS);
    await(scheduler.start());
    timer.advance(OPTIONS.settle());
    assertEquals(1, writes.get());
    assertNull(PodScheduledWrites.condition(((Pod) await(store.get(key))).status()));

    Duration firstRetry = Scheduler.WRITE_RETRY.base();
    timer.advance(
        firstRetry.plus(
            OPTIONS.settle())); // the first back-off (jitter only shortens it), then the batch
    assertEquals(2, writes.get(), "tried again after the back-off, not in a tight loop");
    timer.advance(firstRetry.multipliedBy(2).plus(OPTIONS.settle())); // doubled
    assertEquals(3, writes.get());
    PodCondition refused = PodScheduledWrites.condition(((Pod) await(store.get(key))).status());
    assertEquals("Unschedulable", refused.reason());
    timer.advance(Duration.ofSeconds(5));
    assertTrue(writes.get() == 3, "nothing more once the write landed (before the resync)");
    await(scheduler.stop());
  }

  /** Moves virtual time on a millisecond per poll until {@code value} is non-null. */
  private <T> T advancingUntil(java.util.concurrent.Callable<T> value) throws Exception {
    return Eventually.value(
        () -> {
          timer.advance(Duration.ofMillis(1));
          return value.call();
        });
  }

  private long count(String scheduled) throws Exception {
    return await(store.list(Pod.KIND, "ns")).items().stream()
        .map(r -> PodScheduledWrites.condition(((Pod) r).status()))
        .filter(c -> c != null && scheduled.equals(c.status()))
        .count();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return Await.await(f);
  }
}
