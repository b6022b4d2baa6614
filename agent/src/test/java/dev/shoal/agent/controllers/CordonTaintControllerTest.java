package dev.shoal.agent.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Taint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A cordon becomes the unschedulable:NoSchedule taint and an uncordon removes only that taint. */
class CordonTaintControllerTest {

  private static final Instant NOW = Instant.parse("2026-12-03T14:00:00Z");
  private final InMemoryStore store = new InMemoryStore();
  private final CordonTaintController controller =
      new CordonTaintController(store, Clock.fixed(NOW, ZoneOffset.UTC));

  private static final Taint USERS = new Taint("dedicated", "infra", "NoSchedule", null);

  private static Node node(Boolean unschedulable, List<Taint> taints) {
    return new Node(
        ObjectMeta.named(null, "h1"), new NodeSpec(null, null, unschedulable, taints), null);
  }

  @Test
  void cordonAddsTheTaintWithItsTimeAndUncordonRemovesOnlyIt() throws Exception {
    store
        .create(node(true, List.of(USERS)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    ObjectKey key = new ObjectKey(Node.KIND, "", "h1");
    controller.sync(key).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    Node cordoned =
        (Node) store.get(key).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(
        List.of(USERS, new Taint(CordonTaintController.KEY, null, "NoSchedule", NOW)),
        cordoned.spec().taints());
    assertSame(cordoned, controller.mirrored(cordoned), "already mirrored: nothing to write");

    store
        .modify(key, n -> node(null, ((Node) n).spec().taints()).withMetadata(n.metadata()))
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    controller.sync(key).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    Node uncordoned =
        (Node) store.get(key).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(USERS), uncordoned.spec().taints());
    Node plain = node(false, null);
    assertSame(plain, controller.mirrored(plain), "not cordoned, no taint: unchanged");
  }
}
