package dev.shoal.agent.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventSource;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding, rate limits, time to live and the size bound, all on a clock the test moves. */
class EventRecorderTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final ObjectReference WEB =
      new ObjectReference("Pod", "shop", "web", "uid-1", "v1", "7", "spec.containers{app}");

  private final ManualClock clock = new ManualClock(T0);

  private EventRecorder recorder(EventStore store, int burst) {
    return new StoreEventRecorder(
        store,
        new EventSource("kubelet", "h1"),
        new EventCorrelator(burst, Duration.ofMinutes(5), Duration.ofHours(1)),
        clock);
  }

  private static List<Event> events(EventStore store) {
    return store.list(null).result().items().stream().map(Event.class::cast).toList();
  }

  @Test
  void repeatsFoldIntoOneEventWithACount() {
    InMemoryEvents store = new InMemoryEvents(clock, EventStore.Limits.DEFAULT);
    EventRecorder events = recorder(store, 25);
    events.warning(
        WEB, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");
    clock.advance(Duration.ofSeconds(10));
    events.warning(
        WEB, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");
    clock.advance(Duration.ofSeconds(10));
    events.warning(
        WEB, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");

    List<Event> all = events(store);
    assertEquals(1, all.size(), "one Event: " + all);
    Event e = all.get(0);
    assertEquals(3, e.count());
    assertEquals(T0, e.firstTimestamp());
    assertEquals(T0.plusSeconds(20), e.lastTimestamp());
    assertEquals(3, e.series().count());
    assertEquals("Warning", e.type());
    assertEquals("shop", e.metadata().namespace());
    assertTrue(e.metadata().name().startsWith("web."), e.metadata().name());
    assertEquals(new EventSource("kubelet", "h1"), e.source());
    assertEquals("kubelet", e.reportingComponent());
    assertEquals("h1", e.reportingInstance());
    assertEquals(WEB, e.involvedObject());
  }

  @Test
  void anotherMessageOrReasonIsAnotherEvent() {
    InMemoryEvents store = new InMemoryEvents(clock, EventStore.Limits.DEFAULT);
    EventRecorder events = recorder(store, 25);
    events.warning(
        WEB, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");
    events.warning(
        WEB,
        "Unhealthy",
        "Readiness probe failed: dial tcp 198.18.0.4:80: connect: connection refused");
    events.normal(WEB, "Killing", "Container app failed liveness probe, will be restarted");
    events.normal(
        WEB.withFieldPath("spec.containers{other}"),
        "Killing",
        "Container app failed liveness probe, will be restarted");
    assertEquals(4, events(store).size());
    assertTrue(events(store).stream().allMatch(e -> e.count() == 1));
  }

  @Test
  void aStormIsCutToABurstThenOnePerRefill() {
    InMemoryEvents store = new InMemoryEvents(clock, EventStore.Limits.DEFAULT);
    EventRecorder events = recorder(store, 5);
    for (int i = 0; i < 50; i++) {
      events.warning(WEB, "Unhealthy", "Liveness probe failed: timeout");
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals(5, events(store).get(0).count(), "a burst of 5, then nothing for 5 minutes");
    clock.advance(Duration.ofMinutes(5));
    events.warning(WEB, "Unhealthy", "Liveness probe failed: timeout");
    events.warning(WEB, "Unhealthy", "Liveness probe failed: timeout");
    assertEquals(6, events(store).get(0).count(), "one token back after the refill period");
    events.normal(WEB, "Killing", "Container app failed liveness probe, will be restarted");
    assertEquals(2, events(store).size(), "another reason has its own bucket");
  }

  @Test
  void eventsExpireAnHourAfterTheirLastWrite() {
    InMemoryEvents store =
        new InMemoryEvents(clock, new EventStore.Limits(Duration.ofHours(1), 100));
    EventRecorder events = recorder(store, 1000);
    events.warning(WEB, "Unhealthy", "a");
    events.normal(WEB, "Started", "Started container app");
    clock.advance(Duration.ofMinutes(50));
    events.warning(WEB, "Unhealthy", "a"); // refreshed: lives on
    clock.advance(Duration.ofMinutes(11));
    List<Event> left = events(store);
    assertEquals(1, left.size(), "Started went after an hour: " + left);
    assertEquals("Unhealthy", left.get(0).reason());
    assertEquals(2, left.get(0).count());
    clock.advance(Duration.ofMinutes(50));
    assertEquals(0, store.size());
  }

  @Test
  void aRepeatAfterItsEventExpiredStartsANewOne() {
    InMemoryEvents store =
        new InMemoryEvents(clock, new EventStore.Limits(Duration.ofHours(1), 100));
    EventRecorder events = recorder(store, 1000);
    events.warning(WEB, "Unhealthy", "a");
    clock.advance(Duration.ofMinutes(61));
    events.warning(WEB, "Unhealthy", "a");
    Event e = events(store).get(0);
    assertEquals(1, e.count());
    assertEquals(T0.plusSeconds(61 * 60), e.firstTimestamp());
    assertNull(e.series());
  }

  @Test
  void theSizeBoundEvictsTheLeastRecentlyWrittenAndWatchersSeeIt() {
    InMemoryEvents store = new InMemoryEvents(clock, new EventStore.Limits(Duration.ofHours(1), 3));
    List<WatchEvent> seen = new ArrayList<>();
    store.watch(null, 0, seen::add);
    EventRecorder events = recorder(store, 1000);
    for (int i = 0; i < 3; i++) {
      events.normal(WEB, "Reason" + i, "m");
      clock.advance(Duration.ofSeconds(1));
    }
    events.normal(WEB, "Reason0", "m"); // written again: now the newest
    events.normal(WEB, "Reason3", "m");
    List<String> left = events(store).stream().map(Event::reason).sorted().toList();
    assertEquals(List.of("Reason0", "Reason2", "Reason3"), left);
    List<String> deleted =
        seen.stream()
            .filter(w -> w.type() == WatchEvent.Type.DELETED)
            .map(w -> ((Event) w.object()).reason())
            .toList();
    assertEquals(List.of("Reason1"), deleted);
    assertEquals(
        List.of("ADDED", "ADDED", "ADDED", "MODIFIED", "ADDED", "DELETED"),
        seen.stream().map(w -> w.type().name()).toList());
  }

  @Test
  void aFailedWriteIsDroppedNotThrown() {
    EventStore broken =
        new EventStore() {
          @Override
          public Future<Event> put(Event event) {
            return Future.failedFuture(new IllegalStateException("map unavailable"));
          }

          @Override
          public Future<Event> get(String namespace, String name) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Future<dev.shoal.agent.store.ClusterStore.Listing> list(String namespace) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Future<dev.shoal.agent.store.ClusterStore.Watch> watch(
              String namespace, long since, java.util.function.Consumer<WatchEvent> sink) {
            throw new UnsupportedOperationException();
          }
        };
    Future<Void> done = recorder(broken, 25).warning(WEB, "Unhealthy", "x");
    assertTrue(done.succeeded(), "the caller never sees the failure");
    Future<Void> invalid =
        recorder(new InMemoryEvents(clock, EventStore.Limits.DEFAULT), 25)
            .record(WEB, "Error", "Unhealthy", "x");
    assertTrue(invalid.succeeded(), "an invalid event is dropped, not thrown");
  }

  @Test
  void eventsAboutClusterObjectsLiveInDefault() {
    InMemoryEvents store = new InMemoryEvents(clock, EventStore.Limits.DEFAULT);
    recorder(store, 25)
        .warning(new ObjectReference("Node", null, "h1", "n-uid", "v1", null), "NodeNotReady", "x");
    Resource e = store.list("default").result().items().get(0);
    assertEquals("default", e.metadata().namespace());
  }
}
