package dev.shoal.agent.leader;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.cluster.MemberInfo;
import dev.shoal.agent.cluster.Membership;
import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.store.InMemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Election rules against a membership the test controls, the in-memory store's epoch, and virtual
 * time.
 */
class LeaderElectionTest {

  private static final MemberInfo SELF = new MemberInfo("self", "host-a", "192.0.2.1", 5701);
  private static final MemberInfo OTHER = new MemberInfo("other", "host-b", "192.0.2.2", 5701);
  private static final Duration RECHECK = Duration.ofMillis(50);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final FakeTimer timer = new FakeTimer();
  private final InMemoryStore store = new InMemoryStore();
  private final ScriptedMembership membership = new ScriptedMembership();
  private final List<String> log = new CopyOnWriteArrayList<>();

  private LeaderElection election(LeaderComponent.Factory... factories) {
    LeaderElection election =
        new LeaderElection(
            vertx,
            membership,
            store,
            RECHECK,
            timer,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    for (LeaderComponent.Factory factory : factories) {
      election.register(factory);
    }
    return election;
  }

  /** A component that logs its starts and stops and fails its first {@code failures} starts. */
  private LeaderComponent.Factory component(String name, AtomicInteger failures) {
    return epoch ->
        new LeaderComponent() {
          @Override
          public Future<Void> start() {
            if (failures.getAndDecrement() > 0) {
              log.add("start " + name + epoch + " failed");
              return Future.failedFuture(new IllegalStateException(name + " cannot start"));
            }
            log.add("start " + name + epoch);
            return Future.succeededFuture();
          }

          @Override
          public Future<Void> stop() {
            log.add("stop " + name + epoch);
            return Future.succeededFuture();
          }
        };
  }

  private LeaderComponent.Factory component(String name) {
    return component(name, new AtomicInteger());
  }

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void theOldestMemberWithAMajorityLeadsAndEachTermHasANewEpoch() throws Exception {
    LeaderElection election = election(component("c"));
    membership.members = List.of(SELF, OTHER);
    await(election.start());
    assertTrue(eventually(WAIT, election::isLeader));
    assertEquals(1, election.epoch());

    membership.majority = false;
    membership.fire();
    assertTrue(eventually(WAIT, () -> !election.isLeader()), "minority side steps down");
    assertTrue(eventually(WAIT, () -> log.equals(List.of("start c1", "stop c1"))), log.toString());

    membership.majority = true;
    timer.advance(RECHECK);
    assertTrue(eventually(WAIT, election::isLeader), "periodic re-check takes it back");
    assertEquals(2, election.epoch());
    assertTrue(eventually(WAIT, () -> log.contains("start c2")), log.toString());

    await(election.stop());
    assertFalse(election.isLeader());
    assertEquals(List.of("start c1", "stop c1", "start c2", "stop c2"), log);
  }

  @Test
  void aYoungerMemberDoesNotLead() throws Exception {
    LeaderElection election = election(component("c"));
    membership.members = List.of(OTHER, SELF);
    await(election.start());
    membership.fire();
    timer.advance(Duration.ofSeconds(1));
    assertFalse(election.isLeader());
    assertEquals(0, await(store.currentEpoch()));

    membership.members = List.of(SELF);
    membership.fire();
    assertTrue(eventually(WAIT, election::isLeader), "leads once the older one left");
  }

  @Test
  void aTermWhoseComponentsFailToStartStepsDownAndIsRetriedWithBackoffUnderANewEpoch()
      throws Exception {
    LeaderElection election =
        election(component("a"), component("b", new AtomicInteger(2)), component("c"));
    await(election.start());
    assertTrue(eventually(WAIT, () -> log.size() == 3), log.toString());
    assertEquals(
        List.of("start a1", "start b1 failed", "stop a1"),
        log,
        "what started is stopped, c never starts");
    assertFalse(election.isLeader(), "a term that did not start is not kept");

    timer.advance(Duration.ofMillis(999));
    assertEquals(1, await(store.currentEpoch()), "the periodic re-checks wait out the back-off");
    timer.advance(Duration.ofMillis(1));
    assertTrue(eventually(WAIT, () -> log.size() == 6), log.toString());
    assertEquals(List.of("start a2", "start b2 failed", "stop a2"), log.subList(3, 6));
    assertFalse(election.isLeader());

    timer.advance(Duration.ofMillis(1_999));
    assertEquals(2, await(store.currentEpoch()), "the second back-off is twice the first");
    timer.advance(Duration.ofMillis(1));
    assertTrue(eventually(WAIT, election::isLeader));
    assertEquals(3, election.epoch());
    assertEquals(List.of("start a3", "start b3", "start c3"), log.subList(6, 9));

    membership.majority = false;
    membership.fire();
    assertTrue(eventually(WAIT, () -> !election.isLeader()));
    membership.majority = true;
    membership.fire();
    assertTrue(
        eventually(WAIT, election::isLeader), "after a good term the next gain does not wait");
    assertEquals(4, election.epoch());
    await(election.stop());
  }

  /** Membership whose answers the test sets. */
  private static final class ScriptedMembership implements Membership {
    volatile List<MemberInfo> members = List.of(SELF);
    volatile boolean majority = true;
    private final List<Consumer<MembershipChange>> listeners = new CopyOnWriteArrayList<>();

    void fire() {
      listeners.forEach(listener -> listener.accept(new MembershipChange(false, OTHER)));
    }

    @Override
    public MemberInfo local() {
      return SELF;
    }

    @Override
    public List<MemberInfo> members() {
      return members;
    }

    @Override
    public boolean hasMajority() {
      return majority;
    }

    @Override
    public void onChange(Consumer<MembershipChange> listener) {
      listeners.add(listener);
    }
  }
}
