package dev.shoal.agent.leader;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.cluster.MemberInfo;
import dev.shoal.agent.cluster.Membership;
import dev.shoal.agent.store.InMemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Election rules against a membership the test controls and the in-memory store's epoch. */
class LeaderElectionTest {

  private static final MemberInfo SELF = new MemberInfo("self", "host-a", "192.0.2.1", 5701);
  private static final MemberInfo OTHER = new MemberInfo("other", "host-b", "192.0.2.2", 5701);

  private final Vertx vertx = Vertx.vertx();
  private final InMemoryStore store = new InMemoryStore();
  private final ScriptedMembership membership = new ScriptedMembership();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final LeaderElection election = new LeaderElection(vertx, membership, store, Duration.ofMillis(50))
      .register(epoch -> new LeaderComponent() {
        @Override
        public Future<Void> start() {
          log.add("start " + epoch);
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> stop() {
          log.add("stop " + epoch);
          return Future.succeededFuture();
        }
      });

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void theOldestMemberWithAMajorityLeadsAndEachTermHasANewEpoch() throws Exception {
    membership.members = List.of(SELF, OTHER);
    await(election.start());
    assertTrue(eventually(Duration.ofSeconds(5), () -> election.isLeader()));
    assertEquals(1, election.epoch());

    membership.majority = false;
    membership.fire();
    assertTrue(eventually(Duration.ofSeconds(5), () -> !election.isLeader()), "minority side steps down");
    assertTrue(eventually(Duration.ofSeconds(5), () -> log.equals(List.of("start 1", "stop 1"))), log.toString());

    membership.majority = true;
    assertTrue(eventually(Duration.ofSeconds(5), () -> election.isLeader()), "periodic re-check takes it back");
    assertEquals(2, election.epoch());
    assertTrue(eventually(Duration.ofSeconds(5), () -> log.contains("start 2")), log.toString());

    await(election.stop());
    assertFalse(election.isLeader());
    assertEquals(List.of("start 1", "stop 1", "start 2", "stop 2"), log);
  }

  @Test
  void aYoungerMemberDoesNotLead() throws Exception {
    membership.members = List.of(OTHER, SELF);
    await(election.start());
    membership.fire();
    assertFalse(eventually(Duration.ofMillis(300), () -> election.isLeader()));
    assertEquals(0, await(store.currentEpoch()));

    membership.members = List.of(SELF);
    membership.fire();
    assertTrue(eventually(Duration.ofSeconds(5), () -> election.isLeader()), "leads once the older one left");
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
