package dev.shoal.agent.control;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Pod;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ControllerRunnerTest {

  @Test
  void enqueuesExistingObjectsEventsAndPeriodicResyncs(Vertx vertx) throws Exception {
    InMemoryStore store = new InMemoryStore();
    await(store.create(TestObjects.pod("ns", "before", Map.of())));
    Map<ObjectKey, AtomicInteger> syncs = new ConcurrentHashMap<>();
    Controller controller =
        new Controller() {
          @Override
          public String name() {
            return "counting";
          }

          @Override
          public List<Watched> watches() {
            return List.of(new Watched(Pod.KIND, e -> List.of(e.key())));
          }

          @Override
          public List<String> resyncKinds() {
            return List.of(Pod.KIND);
          }

          @Override
          public Future<Void> sync(ObjectKey key) {
            syncs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return Future.succeededFuture();
          }
        };
    FakeTimer timer = new FakeTimer();
    ControllerRunner runner =
        new ControllerRunner(
            vertx,
            store,
            controller,
            ControllerRunner.Options.DEFAULT
                .withResyncPeriod(Duration.ofMillis(100))
                .withTimer(timer));
    await(runner.start());
    ObjectKey before = new ObjectKey(Pod.KIND, "ns", "before");
    Eventually.check(() -> syncs.containsKey(before));
    await(store.create(TestObjects.pod("ns", "after", Map.of())));
    Eventually.check(() -> syncs.containsKey(new ObjectKey(Pod.KIND, "ns", "after")));
    // Nothing changes, yet the resync keeps coming back: a missed event only delays convergence.
    int first = syncs.get(before).get();
    timer.advance(Duration.ofMillis(200));
    Eventually.check(() -> syncs.get(before).get() >= first + 2);
    await(runner.stop());
    int settled = syncs.get(before).get();
    timer.advance(Duration.ofSeconds(1));
    assertEquals(0, timer.pending(), "a stopped runner leaves no timer");
    assertTrue(syncs.get(before).get() <= settled + 1, "stopped runner kept syncing");
  }
}
