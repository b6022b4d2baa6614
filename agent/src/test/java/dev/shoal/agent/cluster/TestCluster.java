package dev.shoal.agent.cluster;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.store.hazelcast.HazelcastStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real Hazelcast members in this JVM on 127.0.0.1, joined by a seed list. Each member asks for port
 * 0 and the port it got is read back from the member: a port probed first and bound later can be
 * taken in between (by any socket's ephemeral port). A member joins the ones started before it;
 * {@link #ports} holds each member's latest port (0 until it first started).
 */
public final class TestCluster {

  public final String name = "test-" + UUID.randomUUID();
  public final List<Integer> ports = new ArrayList<>();

  public TestCluster(int size) {
    for (int i = 0; i < size; i++) {
      ports.add(0);
    }
  }

  /** Member {@code index}: any free port, the other members' known ports as seeds. */
  public ClusterConfig config(int index) {
    return ClusterConfig.defaults()
        .withClusterName(name)
        .withAddress("127.0.0.1", 0)
        .withJoin(seedsExcept(index));
  }

  /** {@code host:port} of every member that has started at least once, but {@code index}. */
  public List<String> seedsExcept(int index) {
    List<String> seeds = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      if (i != index && ports.get(i) != 0) {
        seeds.add("127.0.0.1:" + ports.get(i));
      }
    }
    return seeds;
  }

  public HazelcastMember start(Vertx vertx, int index) throws Exception {
    HazelcastMember member = await(HazelcastMember.start(vertx, config(index), "node-" + index));
    ports.set(index, member.local().port());
    return member;
  }

  /** Starts members one after another (each joins the ones before). */
  public List<HazelcastMember> startAll(Vertx vertx) throws Exception {
    List<HazelcastMember> members = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      members.add(start(vertx, i));
    }
    return members;
  }

  public static HazelcastStore openStore(Vertx vertx, HazelcastMember member, Path dataDir)
      throws Exception {
    return await(
        HazelcastStore.open(
            vertx,
            member.instance(),
            member::hasMajority,
            HazelcastStore.Options.defaults(dataDir)));
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes. */
  public static boolean eventually(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    return Eventually.within(timeout, Duration.ofMillis(20), condition);
  }

  public static void leaveAll(List<HazelcastMember> members) {
    for (HazelcastMember member : members) {
      try {
        await(member.leave());
      } catch (Exception e) {
        member.terminate();
      }
    }
  }
}
