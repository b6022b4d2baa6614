package dev.shoal.agent.join;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.ObjectMeta;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmittedMembersTest {

  final InMemoryStore store = new InMemoryStore();
  final List<Set<String>> applied = new ArrayList<>();
  final AdmittedMembers members =
      new AdmittedMembers(
          set -> {
            synchronized (applied) {
              applied.add(set);
            }
            return Future.succeededFuture();
          });

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  Node node(String name, Map<String, String> labels) {
    return new Node(ObjectMeta.named(null, name).withLabels(labels), null, null);
  }

  @Test
  void theFirewallHearsOfChangedSetsOnlyAndADeletedNodeIsShutOut() throws Exception {
    await(members.admitHandshaken("192.0.2.11"));
    await(store.create(node("h2", Map.of())));
    await(members.follow(store));
    await(AdmittedMembers.admitSelf(store, "h2", "192.0.2.12"));
    for (int heartbeat = 0; heartbeat < 5; heartbeat++) {
      String beat = Integer.toString(heartbeat);
      await(
          store.modify(
              new ObjectKey(Node.KIND, "", "h2"),
              n -> n.withMetadata(n.metadata().withLabels(Map.of("beat", beat)))));
    }
    await(members.admitHandshaken("192.0.2.12"));
    await(store.delete(new ObjectKey(Node.KIND, "", "h2")));
    synchronized (applied) {
      assertEquals(
          List.of(Set.of("192.0.2.11"), Set.of("192.0.2.11", "192.0.2.12"), Set.of("192.0.2.11")),
          applied,
          "one apply per change of the set, none per heartbeat");
    }
  }
}
