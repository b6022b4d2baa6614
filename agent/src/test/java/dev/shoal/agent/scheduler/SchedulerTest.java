package dev.shoal.agent.scheduler;

import static dev.shoal.agent.control.TestObjects.container;
import static dev.shoal.agent.control.TestObjects.node;
import static dev.shoal.agent.control.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SchedulerTest {

  private final InMemoryStore store = new InMemoryStore();

  @Test
  void unschedulablePodExplainsThenSchedulesWhenANodeAppears(Vertx vertx) throws Exception {
    await(store.create(node("small", "4", "1Gi", Instant.now())));
    Scheduler scheduler = new Scheduler(vertx, store);
    await(scheduler.start());
    ObjectKey key = ObjectKey.of(await(store.create(pod("ns", "big", Map.of(), container("100m", "2Gi")))));

    PodCondition refused = Eventually.value(() -> {
      PodCondition c = PodScheduledWrites.condition(((Pod) await(store.get(key))).status());
      return c != null && "False".equals(c.status()) ? c : null;
    });
    assertEquals("Unschedulable", refused.reason());
    assertEquals("0/1 nodes are available: 1 Insufficient memory.", refused.message());
    assertEquals("Pending", ((Pod) await(store.get(key))).status().phase());

    await(store.create(node("large", "4", "8Gi", Instant.now())));
    Pod bound = Eventually.value(() -> {
      Pod p = (Pod) await(store.get(key));
      return p.spec().nodeName() != null ? p : null;
    });
    assertEquals("large", bound.spec().nodeName());
    assertEquals("True", PodScheduledWrites.condition(bound.status()).status());
    await(scheduler.stop());
  }

  @Test
  void placesABurstWithinCapacityAndLeavesNamedPodsAlone(Vertx vertx) throws Exception {
    for (int i = 0; i < 3; i++) {
      await(store.create(node("n" + i, "1", "8Gi", Instant.now())));
    }
    Pod pinned = pod("ns", "pinned", Map.of(), container(null, null));
    await(store.create(pinned.withSpec(pinned.spec().withNodeName("elsewhere"))));
    Scheduler scheduler = new Scheduler(vertx, store);
    await(scheduler.start());
    for (int i = 0; i < 35; i++) {
      await(store.create(pod("ns", "p" + i, Map.of(), container("100m", "10Mi"))));
    }
    // 3 nodes x 1 cpu = 30 pods of 100m; 5 stay pending.
    Eventually.check(() -> count("True") == 30 && count("False") == 5);
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
    assertEquals(null, stillPinned.status());
    await(scheduler.stop());
  }

  @Test
  void aPodWhoseEventWasMissedIsScheduledAtTheNextResync(Vertx vertx) throws Exception {
    await(store.create(node("n1")));
    ClusterStore lossy = new ForwardingStore(store) {
      @Override
      public Future<ClusterStore.Watch> watch(String kind, String namespace, long since, Consumer<WatchEvent> sink) {
        return super.watch(kind, namespace, since, e -> {
          if (!e.key().name().equals("lost")) {
            sink.accept(e);
          }
        });
      }
    };
    SchedulerOptions fast = new SchedulerOptions(Duration.ofMillis(2), Duration.ofMillis(10), Duration.ofMillis(200),
        Duration.ofMillis(50));
    Scheduler scheduler = new Scheduler(vertx, lossy, fast, Placement.standard(), Clock.systemUTC());
    await(scheduler.start());
    ObjectKey key = ObjectKey.of(await(store.create(pod("ns", "lost", Map.of(), container(null, null)))));
    Eventually.check(() -> ((Pod) await(store.get(key))).spec().nodeName() != null);
    await(scheduler.stop());
  }

  private long count(String scheduled) throws Exception {
    return await(store.list(Pod.KIND, "ns")).items().stream()
        .map(r -> PodScheduledWrites.condition(((Pod) r).status()))
        .filter(c -> c != null && scheduled.equals(c.status()))
        .count();
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
  }
}
