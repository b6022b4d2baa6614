package dev.shoal.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClusterStore} must do, run against each implementation. Subclasses make a
 * fresh, empty store that remembers {@code historyLimit} watch events.
 */
public abstract class ClusterStoreContract {

  protected ClusterStore store;

  protected abstract ClusterStore newStore(int historyLimit) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore(5);
  }

  public static Pod pod(String name) {
    return new Pod(ObjectMeta.named("default", name), null, null);
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** Waits for the future to fail and returns why. */
  public static StoreException.Reason failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // checked below
    }
    assertTrue(future.failed(), "expected a failure");
    return ((StoreException) future.cause()).reason();
  }

  @Test
  void anInternalKindIsStoredReadAndChangedLikeAnyOther() throws Exception {
    ObjectKey key = RangeAllocation.key("test-range");
    await(store.create(new RangeAllocation(ObjectMeta.named(null, "test-range"), "1-9", "1=a")));
    Resource changed = await(store.modify(key, r -> ((RangeAllocation) r).withData("1=a,2=b")));
    assertEquals("1=a,2=b", ((RangeAllocation) await(store.get(key))).data());
    assertEquals(
        changed.metadata().resourceVersion(), await(store.get(key)).metadata().resourceVersion());
  }

  @Test
  void createStampsIdentityAndVersions() throws Exception {
    Resource first = await(store.create(pod("a")));
    Resource second = await(store.create(pod("b")));
    assertNotNull(first.metadata().uid());
    assertNotNull(first.metadata().creationTimestamp());
    assertEquals(1L, first.metadata().generation());
    assertTrue(
        Long.parseLong(second.metadata().resourceVersion())
            > Long.parseLong(first.metadata().resourceVersion()));
    assertEquals(StoreException.Reason.ALREADY_EXISTS, failure(store.create(pod("a"))));
  }

  @Test
  void generateNameGivesAFreshName() throws Exception {
    Pod template =
        new Pod(
            new ObjectMeta(
                null, "web-", "default", null, null, null, null, null, null, null, null, null,
                null),
            null,
            null);
    String a = await(store.create(template)).metadata().name();
    String b = await(store.create(template)).metadata().name();
    assertTrue(a.startsWith("web-") && a.length() == 9, a);
    assertNotEquals(a, b);
  }

  @Test
  void staleResourceVersionIsAConflict() throws Exception {
    Resource created = await(store.create(pod("a")));
    Resource relabelled = created.withMetadata(created.metadata().withLabels(Map.of("x", "1")));
    Resource updated = await(store.update(relabelled));
    assertEquals("1", updated.metadata().labels().get("x"));
    assertEquals(created.metadata().uid(), updated.metadata().uid());
    assertEquals(StoreException.Reason.CONFLICT, failure(store.update(relabelled)));
  }

  @Test
  void modifyRetriesAgainstCurrentState() throws Exception {
    await(store.create(pod("a")));
    ObjectKey key = new ObjectKey("Pod", "default", "a");
    List<Future<Resource>> writes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String label = "w" + i;
      writes.add(
          store.modify(
              key,
              current -> {
                Map<String, String> labels =
                    new java.util.TreeMap<>(current.metadata().labelsOrEmpty());
                labels.put(label, "1");
                return current.withMetadata(current.metadata().withLabels(labels));
              }));
    }
    for (Future<Resource> write : writes) {
      await(write);
    }
    assertEquals(50, await(store.get(key)).metadata().labels().size(), "no update may be lost");
  }

  @Test
  void unchangedModifyWritesNothing() throws Exception {
    Resource created = await(store.create(pod("a")));
    Resource same = await(store.modify(ObjectKey.of(created), current -> current));
    assertEquals(created.metadata().resourceVersion(), same.metadata().resourceVersion());
  }

  @Test
  void deleteRemovesAndReportsNotFoundAfter() throws Exception {
    Resource created = await(store.create(pod("a")));
    await(store.delete(ObjectKey.of(created)));
    assertEquals(StoreException.Reason.NOT_FOUND, failure(store.get(ObjectKey.of(created))));
    assertEquals(StoreException.Reason.NOT_FOUND, failure(store.delete(ObjectKey.of(created))));
  }

  @Test
  void watchResumesFromAVersionAndForgetsOldHistory() throws Exception {
    long start = await(store.currentVersion());
    await(store.create(pod("a")));
    await(store.create(pod("b")));
    List<WatchEvent> seen = new CopyOnWriteArrayList<>();
    await(store.watch("Pod", "default", start + 1, seen::add));
    await(store.delete(new ObjectKey("Pod", "default", "a")));
    assertEquals(List.of("b", "a"), seen.stream().map(e -> e.object().metadata().name()).toList());
    assertEquals(WatchEvent.Type.DELETED, seen.get(1).type());

    for (int i = 0; i < 10; i++) {
      await(store.create(pod("n" + i)));
    }
    assertEquals(StoreException.Reason.GONE, failure(store.watch("Pod", null, start, e -> {})));
  }

  @Test
  void watchFiltersByKindAndNamespace() throws Exception {
    List<WatchEvent> seen = new CopyOnWriteArrayList<>();
    await(store.watch("Pod", "other", await(store.currentVersion()), seen::add));
    await(store.create(pod("a")));
    await(store.create(new Pod(ObjectMeta.named("other", "b"), null, null)));
    assertEquals(1, seen.size());
    assertEquals("b", seen.get(0).object().metadata().name());
  }

  @Test
  void fencedWritesFailOnceANewerEpochExists() throws Exception {
    LeaderEpochs epochs = (LeaderEpochs) store;
    long first = await(epochs.bumpEpoch());
    ClusterStore oldLeader = store.fenced(first);
    Resource created = await(oldLeader.create(pod("a")));
    long second = await(epochs.bumpEpoch());
    assertTrue(second > first);
    assertEquals(second, await(epochs.currentEpoch()));
    assertEquals(StoreException.Reason.FENCED, failure(oldLeader.create(pod("b"))));
    assertEquals(StoreException.Reason.FENCED, failure(oldLeader.delete(ObjectKey.of(created))));
    assertEquals(
        StoreException.Reason.FENCED,
        failure(
            oldLeader.modify(
                ObjectKey.of(created),
                current ->
                    current.withMetadata(current.metadata().withLabels(Map.of("late", "1"))))));
    await(store.fenced(second).create(pod("b")));
    assertEquals(2, await(store.list("Pod", "default")).items().size());
  }

  @Test
  void listingVersionResumesAWatchWithoutGapsOrRepeats() throws Exception {
    await(store.create(pod("a")));
    ClusterStore.Listing listing = await(store.list("Pod", null));
    List<WatchEvent> seen = new CopyOnWriteArrayList<>();
    await(store.watch("Pod", null, listing.version(), seen::add));
    await(store.create(pod("b")));
    assertEquals(List.of("b"), seen.stream().map(e -> e.object().metadata().name()).toList());
    assertEquals(WatchEvent.Type.ADDED, seen.get(0).type());
  }
}
