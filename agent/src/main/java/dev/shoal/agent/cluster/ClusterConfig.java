package dev.shoal.agent.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How this agent joins the cluster. The agent fills it from its flags; {@link #defaults()} are the
 * product defaults.
 *
 * @param clusterName only members with the same name join each other ({@code --cluster-name},
 *     "shoal")
 * @param bindHost interface address the member listens on and announces; null or empty picks one
 *     ({@code --cluster-host})
 * @param port member port ({@code --cluster-port}, Hazelcast's {@code hazelcast.port}, 5701); 0
 *     lets the kernel pick a free one (tests), read back from {@link HazelcastMember#local()}
 * @param join seed members as {@code host:port} ({@code --join a:5701,b:5701}); empty: form a
 *     cluster alone until others join this one
 * @param heartbeatInterval how often members heartbeat each other ({@code --heartbeat}, 1 s; whole
 *     seconds)
 * @param maxNoHeartbeat silence after which a member is declared gone ({@code --failure-timeout}, 5
 *     s)
 * @param minMembers fewest members that may write and elect a leader, besides the majority of the
 *     largest size seen ({@code --min-members}, 1)
 * @param restoreWindow after a whole-cluster restart, how long members joining may still add their
 *     on-disk copies ({@code --restore-window}, 60 s)
 */
public record ClusterConfig(
    String clusterName,
    String bindHost,
    int port,
    List<String> join,
    Duration heartbeatInterval,
    Duration maxNoHeartbeat,
    int minMembers,
    Duration restoreWindow) {

  public static final int DEFAULT_PORT = 5701;

  public ClusterConfig {
    join = join == null ? List.of() : List.copyOf(join);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("cluster port out of range: " + port);
    }
    if (heartbeatInterval.toSeconds() < 1 || maxNoHeartbeat.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalArgumentException("need heartbeat >= 1s and failure timeout > heartbeat");
    }
    if (minMembers < 1) {
      throw new IllegalArgumentException("min members must be at least 1");
    }
  }

  public static ClusterConfig defaults() {
    return new ClusterConfig(
        "shoal",
        null,
        DEFAULT_PORT,
        List.of(),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        1,
        Duration.ofSeconds(60));
  }

  /** Splits a {@code --join} value ({@code host:port,host:port}); a missing port means 5701. */
  public static List<String> parseJoin(String value) {
    List<String> seeds = new ArrayList<>();
    if (value == null) {
      return seeds;
    }
    for (String part : value.split(",")) {
      String seed = part.trim();
      if (!seed.isEmpty()) {
        seeds.add(seed.contains(":") ? seed : seed + ":" + DEFAULT_PORT);
      }
    }
    return seeds;
  }

  public ClusterConfig withJoin(List<String> seeds) {
    return new ClusterConfig(
        clusterName,
        bindHost,
        port,
        seeds,
        heartbeatInterval,
        maxNoHeartbeat,
        minMembers,
        restoreWindow);
  }

  public ClusterConfig withAddress(String host, int newPort) {
    return new ClusterConfig(
        clusterName,
        host,
        newPort,
        join,
        heartbeatInterval,
        maxNoHeartbeat,
        minMembers,
        restoreWindow);
  }

  public ClusterConfig withClusterName(String name) {
    return new ClusterConfig(
        name, bindHost, port, join, heartbeatInterval, maxNoHeartbeat, minMembers, restoreWindow);
  }
}
