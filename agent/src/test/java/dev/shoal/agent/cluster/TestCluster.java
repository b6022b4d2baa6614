package dev.shoal.agent.cluster;

import dev.shoal.agent.store.hazelcast.HazelcastStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Real Hazelcast members in this JVM on 127.0.0.1, each on its own free port, joined by a seed list. */
public final class TestCluster {

  public final String name = "test-" + UUID.randomUUID();
  public final List<Integer> ports = new ArrayList<>();

  public TestCluster(int size) throws IOException {
    for (int i = 0; i < size; i++) {
      ports.add(freePort());
    }
  }

  public ClusterConfig config(int index) {
    List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
    return ClusterConfig.defaults().withClusterName(name).withAddress("127.0.0.1", ports.get(index)).withJoin(seeds);
  }

  public HazelcastMember start(Vertx vertx, int index) throws Exception {
    return await(HazelcastMember.start(vertx, config(index), "node-" + index));
  }

  /** Starts members one after another (each joins the ones before). */
  public List<HazelcastMember> startAll(Vertx vertx) throws Exception {
    List<HazelcastMember> members = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      members.add(start(vertx, i));
    }
    return members;
  }

  public static HazelcastStore openStore(Vertx vertx, HazelcastMember member, Path dataDir) throws Exception {
    return await(HazelcastStore.open(vertx, member.instance(), member::hasMajority,
        HazelcastStore.Options.defaults(dataDir)));
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes. */
  public static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
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

  /**
   * A free port below the kernel's ephemeral range (32768 and up), so the members' own outgoing connections
   * cannot take it between picking it and binding it (or between a stop and a restart).
   */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port found in 20000-32000");
  }
}
