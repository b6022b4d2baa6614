package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.control.ControllerRunner;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class GarbageCollectorTest {

  private final InMemoryStore store = new InMemoryStore();

  private Pod dependent(String name, OwnerReference... owners) {
    Pod p = TestObjects.pod("ns", name, Map.of("app", "x"));
    return p.withMetadata(p.metadata().withOwnerReferences(List.of(owners)));
  }

  private static OwnerReference ref(Resource owner) {
    return new OwnerReference(
        owner.apiVersion(),
        owner.kind(),
        owner.metadata().name(),
        owner.metadata().uid(),
        false,
        null);
  }

  @Test
  void deletesOrphansKeepsOwnedAndDropsOnlyDanglingReferences(Vertx vertx) throws Exception {
    Resource rs =
        await(store.create(TestObjects.replicaSet("ns", "owner", 0, Map.of("app", "other"))));
    Resource other =
        await(store.create(TestObjects.replicaSet("ns", "second", 0, Map.of("app", "other2"))));
    await(store.create(dependent("owned", ref(rs))));
    await(store.create(dependent("shared", ref(rs), ref(other))));
    OwnerReference stale =
        new OwnerReference("apps/v1", "ReplicaSet", "owner", "uid-of-an-older-owner", true, true);
    await(store.create(dependent("stale", stale)));
    Resource node = await(store.create(TestObjects.node("n1")));
    await(store.create(dependent("on-a-node", ref(node))));
    OwnerReference unknownKind =
        new OwnerReference("example.com/v1", "Widget", "w", "w-uid", true, null);
    await(store.create(dependent("foreign", unknownKind)));

    ControllerRunner runner = new ControllerRunner(vertx, store, new GarbageCollector(store));
    await(runner.start());
    Eventually.check(() -> names().equals(List.of("foreign", "on-a-node", "owned", "shared")));

    await(store.delete(ObjectKey.of(rs)));
    Eventually.check(() -> names().equals(List.of("foreign", "on-a-node", "shared")));
    Pod shared = (Pod) await(store.get(new ObjectKey(Pod.KIND, "ns", "shared")));
    assertEquals(
        List.of(other.metadata().uid()),
        shared.metadata().ownerReferences().stream().map(OwnerReference::uid).toList());
    await(runner.stop());
  }

  private List<String> names() throws Exception {
    return await(store.list(Pod.KIND, "ns")).items().stream()
        .map(r -> r.metadata().name())
        .sorted()
        .toList();
  }
}
