package dev.shoal.agent.node;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.cluster.MemberInfo;
import dev.shoal.agent.cluster.Membership;
import dev.shoal.agent.control.FakeClock;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeCondition;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeRegistrationTest {

  private final Vertx vertx = Vertx.vertx();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeMembership membership = new FakeMembership();
  private final NodeFacts facts = new NodeFacts("host-a", "192.0.2.10", 4, 8L << 30, 110);

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private static Node node(InMemoryStore store) throws Exception {
    return (Node) await(store.get(new ObjectKey("Node", "", "host-a")));
  }

  private static NodeCondition ready(Node node) {
    return node.status().conditions().stream()
        .filter(c -> c.type().equals("Ready"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void registersItselfAndRefreshesTheHeartbeatKeepingUserLabels() throws Exception {
    FakeTimer timer = new FakeTimer();
    NodeRegistration registration =
        new NodeRegistration(vertx, store, membership, facts, Duration.ofSeconds(1), timer);
    await(registration.start());

    Node first = node(store);
    assertEquals("host-a", first.metadata().labels().get(NodeObjects.HOSTNAME_LABEL));
    assertEquals(
        Map.of("cpu", "4", "memory", "8388608Ki", "pods", "110"), first.status().capacity());
    assertEquals("192.0.2.10", first.status().addresses().get(0).address());
    assertEquals("InternalIP", first.status().addresses().get(0).type());
    assertTrue(first.status().isReady());

    await(
        store.modify(
            ObjectKey.of(first),
            current -> {
              Map<String, String> labels = new TreeMap<>(current.metadata().labelsOrEmpty());
              labels.put("zone", "blue");
              return current.withMetadata(current.metadata().withLabels(labels));
            }));
    Instant firstBeat = ready(first).lastHeartbeatTime();
    assertEquals(FakeClock.START, firstBeat);
    timer.advance(Duration.ofMillis(999));
    assertEquals(firstBeat, ready(node(store)).lastHeartbeatTime(), "no beat before the period");
    timer.advance(Duration.ofMillis(1));
    assertTrue(
        eventually(
            Duration.ofSeconds(10),
            () -> {
              try {
                return ready(node(store))
                    .lastHeartbeatTime()
                    .equals(FakeClock.START.plusSeconds(1));
              } catch (Exception e) {
                return false;
              }
            }),
        "heartbeat refreshed, stamped (in whole seconds) with the injected clock");
    Node later = node(store);
    assertEquals("blue", later.metadata().labels().get("zone"), "user label kept");
    assertEquals(
        ready(first).lastTransitionTime(),
        ready(later).lastTransitionTime(),
        "still Ready since then");
    await(registration.stop());
    timer.advance(Duration.ofSeconds(5));
    assertEquals(0, timer.pending(), "a stopped registration leaves no timer");
  }

  @Test
  void reportsTheNodeNameOfMembersThatLeave() throws Exception {
    NodeRegistration registration =
        new NodeRegistration(
            vertx, store, membership, facts, Duration.ofSeconds(1), java.time.Clock.systemUTC());
    List<String> gone = new CopyOnWriteArrayList<>();
    registration.onNodeGone(gone::add);
    await(registration.start());
    membership.fire(
        new Membership.MembershipChange(
            true, new MemberInfo("id-b", "host-b", "192.0.2.11", 5701)));
    membership.fire(
        new Membership.MembershipChange(
            false, new MemberInfo("id-b", "host-b", "192.0.2.11", 5701)));
    assertTrue(
        eventually(Duration.ofSeconds(5), () -> gone.equals(List.of("host-b"))), gone.toString());
    await(registration.stop());
  }

  /** Membership driven by the test. */
  private static final class FakeMembership implements Membership {
    private final List<Consumer<MembershipChange>> listeners = new CopyOnWriteArrayList<>();
    private final MemberInfo self = new MemberInfo("id-a", "host-a", "192.0.2.10", 5701);

    void fire(MembershipChange change) {
      listeners.forEach(listener -> listener.accept(change));
    }

    @Override
    public MemberInfo local() {
      return self;
    }

    @Override
    public List<MemberInfo> members() {
      return List.of(self);
    }

    @Override
    public boolean hasMajority() {
      return true;
    }

    @Override
    public void onChange(Consumer<MembershipChange> listener) {
      listeners.add(listener);
    }
  }
}
