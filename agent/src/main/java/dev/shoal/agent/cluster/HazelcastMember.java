package dev.shoal.agent.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent's embedded Hazelcast member and its view of the membership. Members that leave through
 * {@link #leave()} announce it first, so the others shrink the size they count a majority against;
 * members that vanish keep counting, so the smaller side of a partition cannot act.
 */
public final class HazelcastMember implements Membership {

  private static final Logger LOG = LoggerFactory.getLogger(HazelcastMember.class);
  private static final String DEPARTURES = "shoal-departures";

  private final Vertx vertx;
  private final HazelcastInstance instance;
  private final Quorum quorum;
  private final Set<String> departing = ConcurrentHashMap.newKeySet();
  private final List<Consumer<MembershipChange>> listeners = new CopyOnWriteArrayList<>();
  private final ITopic<String> departures;

  private HazelcastMember(Vertx vertx, HazelcastInstance instance, int minMembers) {
    this.vertx = vertx;
    this.instance = instance;
    this.quorum = new Quorum(minMembers);
    this.departures = instance.getTopic(DEPARTURES);
    instance
        .getCluster()
        .addMembershipListener(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent event) {
                changed(true, event);
              }

              @Override
              public void memberRemoved(MembershipEvent event) {
                changed(false, event);
              }
            });
    departures.addMessageListener(
        message -> {
          String id = message.getMessageObject();
          departing.add(id);
          if (instance.getCluster().getMembers().stream()
              .noneMatch(m -> m.getUuid().toString().equals(id))) {
            quorum.departed(instance.getCluster().getMembers().size());
          }
        });
    quorum.observe(instance.getCluster().getMembers().size());
  }

  /**
   * Starts the member on a worker thread (joining takes seconds) and returns it once it is in a
   * cluster.
   */
  public static Future<HazelcastMember> start(Vertx vertx, ClusterConfig config, String nodeName) {
    return vertx.executeBlocking(
        () -> {
          HazelcastInstance instance =
              Hazelcast.newHazelcastInstance(HazelcastConfigs.member(config, nodeName));
          return new HazelcastMember(vertx, instance, config.minMembers());
        },
        false);
  }

  /** The Hazelcast instance, for {@code store.hazelcast} only. */
  public HazelcastInstance instance() {
    return instance;
  }

  @Override
  public MemberInfo local() {
    return info(instance.getCluster().getLocalMember());
  }

  @Override
  public List<MemberInfo> members() {
    return instance.getCluster().getMembers().stream().map(HazelcastMember::info).toList();
  }

  @Override
  public boolean hasMajority() {
    if (!instance.getLifecycleService().isRunning()) {
      return false;
    }
    int size = instance.getCluster().getMembers().size();
    quorum.observe(size);
    return quorum.allows(size);
  }

  /**
   * True when every partition has its backups in place, so losing any one member now loses no data.
   * Right after members join, data is still being copied; a crash before that completes can lose
   * recent writes.
   */
  public boolean isClusterSafe() {
    return instance.getLifecycleService().isRunning()
        && instance.getPartitionService().isClusterSafe();
  }

  public int knownClusterSize() {
    return quorum.knownSize();
  }

  @Override
  public void onChange(Consumer<MembershipChange> listener) {
    listeners.add(listener);
  }

  /** Announces the departure, then shuts the member down gracefully (its partitions move first). */
  public Future<Void> leave() {
    return vertx.executeBlocking(
        () -> {
          if (instance.getLifecycleService().isRunning()) {
            try {
              departures.publish(instance.getCluster().getLocalMember().getUuid().toString());
            } catch (RuntimeException e) {
              LOG.debug("could not announce departure", e);
            }
            instance.shutdown();
          }
          return null;
        },
        false);
  }

  /** Kills the member without a goodbye, as a crash would (tests and failover drills). */
  public void terminate() {
    instance.getLifecycleService().terminate();
  }

  private void changed(boolean joined, MembershipEvent event) {
    int size = event.getMembers().size();
    if (joined) {
      quorum.observe(size);
    } else if (departing.remove(event.getMember().getUuid().toString())) {
      quorum.departed(size);
    }
    MembershipChange change = new MembershipChange(joined, info(event.getMember()));
    for (Consumer<MembershipChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.warn("membership listener failed", e);
      }
    }
  }

  static MemberInfo info(Member member) {
    String node = member.getAttribute(HazelcastConfigs.NODE_ATTRIBUTE);
    return new MemberInfo(
        member.getUuid().toString(),
        node == null ? "" : node,
        member.getSocketAddress().getHostString(),
        member.getSocketAddress().getPort());
  }
}
