package dev.shoal.agent.store.hazelcast;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.cluster.TestCluster;
import dev.shoal.agent.events.EventRecorder;
import dev.shoal.agent.events.EventStore;
import dev.shoal.agent.events.StoreEventRecorder;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.ObjectReference;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The events map on a real two-member cluster: its own configuration (time to live, size bound,
 * eviction), events written on one member listed and watched on the other, folded counts, expiry
 * seen as DELETED.
 */
class HazelcastEventsTest {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final ObjectReference WEB =
      new ObjectReference("Pod", "shop", "web", "u1", "v1", null, "spec.containers{app}");
  private static Vertx vertx;
  private static List<HazelcastMember> members;

  @BeforeAll
  static void startMembers() throws Exception {
    vertx = Vertx.vertx();
    members = new TestCluster(2).startAll(vertx);
  }

  @AfterAll
  static void stopMembers() throws Exception {
    members.forEach(HazelcastMember::terminate);
    TestCluster.await(vertx.close());
  }

  private static String mapName() {
    return "test.events" + NEXT.incrementAndGet();
  }

  @Test
  void theMapHasItsOwnTimeToLiveAndBoundNotTheObjectStoresConfiguration() throws Exception {
    String name = mapName();
    HazelcastEvents events =
        await(
            HazelcastEvents.open(
                vertx,
                members.get(0).instance(),
                name,
                new EventStore.Limits(Duration.ofMinutes(30), 500)));
    try {
      for (HazelcastMember member : members) {
        MapConfig config = member.instance().getConfig().getMapConfig(name);
        assertEquals(1800, config.getTimeToLiveSeconds(), "the configuration reached every member");
        assertEquals(500, config.getEvictionConfig().getSize());
        assertEquals(MaxSizePolicy.PER_NODE, config.getEvictionConfig().getMaxSizePolicy());
        assertEquals(EvictionPolicy.LRU, config.getEvictionConfig().getEvictionPolicy());
      }
      MapConfig objects =
          members.get(0).instance().getConfig().getMapConfig(HazelcastNames.PREFIX + "objects");
      assertEquals(0, objects.getTimeToLiveSeconds(), "the object store's maps never expire");
    } finally {
      events.close();
    }
  }

  @Test
  void eventsWrittenOnOneMemberAreListedAndWatchedOnTheOther() throws Exception {
    String name = mapName();
    HazelcastEvents one =
        await(
            HazelcastEvents.open(
                vertx, members.get(0).instance(), name, EventStore.Limits.DEFAULT));
    HazelcastEvents two =
        await(
            HazelcastEvents.open(
                vertx, members.get(1).instance(), name, EventStore.Limits.DEFAULT));
    try {
      List<WatchEvent> seen = new CopyOnWriteArrayList<>();
      await(two.watch("shop", await(two.list("shop")).version(), seen::add));
      EventRecorder kubelet = StoreEventRecorder.of(one, "kubelet", "node-0");
      await(
          kubelet.warning(
              WEB, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503"));
      await(
          kubelet.warning(
              WEB, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503"));
      assertTrue(
          eventually(Duration.ofSeconds(30), () -> seen.size() >= 2),
          "two changes seen on member 2: " + seen);
      assertEquals(
          List.of(WatchEvent.Type.ADDED, WatchEvent.Type.MODIFIED),
          seen.stream().map(WatchEvent::type).toList());
      assertEquals(2, ((Event) seen.get(1).object()).count());
      assertTrue(
          Long.parseLong(seen.get(1).object().metadata().resourceVersion())
              > Long.parseLong(seen.get(0).object().metadata().resourceVersion()),
          "versions grow");
      assertEquals(
          seen.get(0).object().metadata().uid(),
          seen.get(1).object().metadata().uid(),
          "same object");

      Event listed = (Event) await(two.list(null)).items().get(0);
      assertEquals(2, listed.count());
      Event got = await(two.get("shop", listed.metadata().name()));
      assertEquals(listed, got);
      assertEquals(0, await(two.list("other")).items().size());
    } finally {
      one.close();
      two.close();
    }
  }

  @Test
  void anExpiredEventIsGoneAndWatchersSeeItDeleted() throws Exception {
    String name = mapName();
    HazelcastEvents events =
        await(
            HazelcastEvents.open(
                vertx,
                members.get(0).instance(),
                name,
                new EventStore.Limits(Duration.ofSeconds(1), 100)));
    try {
      List<WatchEvent> seen = new CopyOnWriteArrayList<>();
      await(events.watch(null, 0, seen::add));
      await(
          StoreEventRecorder.of(events, "kubelet", "node-0")
              .normal(WEB, "Started", "Started container app"));
      assertTrue(
          eventually(
              Duration.ofSeconds(60),
              () -> seen.stream().anyMatch(e -> e.type() == WatchEvent.Type.DELETED)),
          "expiry seen: " + seen);
      assertEquals(0, await(events.list(null)).items().size());
    } finally {
      events.close();
    }
  }

  @Test
  void theSizeBoundHolds() throws Exception {
    String name = mapName();
    int bound = 300;
    HazelcastEvents events =
        await(
            HazelcastEvents.open(
                vertx,
                members.get(0).instance(),
                name,
                new EventStore.Limits(Duration.ofHours(1), bound)));
    try {
      EventRecorder recorder = StoreEventRecorder.of(events, "kubelet", "node-0");
      for (int i = 0; i < 3 * bound; i++) {
        await(
            recorder.normal(
                new ObjectReference("Pod", "shop", "p" + i, "u" + i, "v1", null), "Started", "x"));
      }
      int size = members.get(0).instance().getMap(name).size();
      assertTrue(
          size > 0 && size <= 2 * bound, "at most the bound per member (2 members): " + size);
      assertTrue(
          eventually(Duration.ofSeconds(30), () -> await0(events).size() == size),
          "the local copy follows evictions");
    } finally {
      events.close();
    }
  }

  private static List<?> await0(HazelcastEvents events) {
    try {
      return await(events.list(null)).items();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
