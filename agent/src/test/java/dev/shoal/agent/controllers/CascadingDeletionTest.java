package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Finalizers;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Orphan and foreground deletion, one collector pass at a time, over an in-memory store. */
class CascadingDeletionTest {

  private final InMemoryStore store = new InMemoryStore();
  private final CascadingDeletion deletion =
      new CascadingDeletion(
          store, Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void orphanStripsTheReferencesThenDeletesTheOwner() throws Exception {
    Resource owner = create(TestObjects.replicaSet("ns", "owner", 1, Map.of("app", "a")));
    Resource other = create(TestObjects.replicaSet("ns", "other", 1, Map.of("app", "b")));
    create(pod("only", ref(owner, true)));
    create(pod("shared", ref(owner, true), ref(other, false)));
    Resource marked = mark(owner, Finalizers.ORPHAN);

    await(deletion.finish(marked));

    assertGone(ObjectKey.of(owner));
    assertNull(get(podKey("only")).metadata().ownerReferences(), "kept, without its owner");
    assertEquals(
        List.of(other.metadata().uid()),
        get(podKey("shared")).metadata().ownerReferences().stream()
            .map(OwnerReference::uid)
            .toList());
  }

  @Test
  void foregroundDeletesDependentsFirstAndTheOwnerLast() throws Exception {
    Resource top = create(TestObjects.replicaSet("ns", "top", 1, Map.of("app", "a")));
    ReplicaSet mid = (ReplicaSet) TestObjects.replicaSet("ns", "mid", 1, Map.of("app", "a"));
    Resource middle =
        create(mid.withMetadata(mid.metadata().withOwnerReferences(List.of(ref(top, true)))));
    create(pod("p1", ref(middle, true)));
    create(pod("p2", ref(middle, false)));

    await(deletion.finish(mark(top, Finalizers.FOREGROUND)));
    Resource midNow = get(ObjectKey.of(middle));
    assertTrue(
        Finalizers.has(midNow, Finalizers.FOREGROUND), "the owning dependent: foreground too");
    assertNotNull(midNow.metadata().deletionTimestamp());
    assertNotNull(get(ObjectKey.of(top)), "waits for its blocking dependent");

    await(deletion.finish(midNow)); // deletes both pods; p1 blocked it, so the next pass releases
    assertGone(podKey("p1"));
    assertGone(podKey("p2"));
    await(deletion.finish(get(ObjectKey.of(middle))));
    assertGone(ObjectKey.of(middle));

    await(deletion.finish(get(ObjectKey.of(top))));
    assertGone(ObjectKey.of(top));
  }

  @Test
  void anotherFinalizerKeepsTheObject() throws Exception {
    Resource owner = create(TestObjects.replicaSet("ns", "owner", 1, Map.of("app", "a")));
    Resource held =
        await(
            store.modify(
                ObjectKey.of(owner),
                o -> o.withMetadata(o.metadata().withFinalizers(List.of("example.com/hold")))));
    await(deletion.finish(mark(held, Finalizers.FOREGROUND)));
    Resource left = get(ObjectKey.of(owner));
    assertEquals(List.of("example.com/hold"), left.metadata().finalizers());
    assertNotNull(left.metadata().deletionTimestamp());
  }

  private Resource mark(Resource object, String finalizer) throws Exception {
    return await(
        store.modify(
            ObjectKey.of(object),
            o -> Finalizers.markDeleting(o, finalizer, Instant.parse("2026-12-03T12:00:00Z"))));
  }

  private Resource create(Resource object) throws Exception {
    return await(store.create(object));
  }

  private Resource get(ObjectKey key) throws Exception {
    return await(store.get(key));
  }

  private void assertGone(ObjectKey key) {
    try {
      await(store.get(key));
      throw new AssertionError(key + " still there");
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      assertTrue(
          cause instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND,
          String.valueOf(cause));
    }
  }

  private static ObjectKey podKey(String name) {
    return new ObjectKey(Pod.KIND, "ns", name);
  }

  private static Pod pod(String name, OwnerReference... owners) {
    Pod p = TestObjects.pod("ns", name, Map.of("app", "a"));
    return p.withMetadata(p.metadata().withOwnerReferences(List.of(owners)));
  }

  private static OwnerReference ref(Resource owner, boolean block) {
    return new OwnerReference(
        owner.apiVersion(),
        owner.kind(),
        owner.metadata().name(),
        owner.metadata().uid(),
        true,
        block);
  }
}
