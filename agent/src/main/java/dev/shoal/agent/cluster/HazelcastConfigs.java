package dev.shoal.agent.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.spi.properties.ClusterProperty;
import dev.shoal.agent.store.hazelcast.HazelcastNames;
import dev.shoal.agent.store.hazelcast.VersionMergePolicy;

/** Turns a {@link ClusterConfig} into Hazelcast's member configuration. */
public final class HazelcastConfigs {

  /** Member attribute carrying the agent's node name. */
  public static final String NODE_ATTRIBUTE = "shoal.node";

  private HazelcastConfigs() {}

  public static Config member(ClusterConfig cluster, String nodeName) {
    Config config = new Config();
    config.setClusterName(cluster.clusterName());
    // port 0 (any free port) is only known once bound: the cluster name keeps such instances apart
    // instead
    config.setInstanceName(
        "shoal-" + nodeName + "-" + (cluster.port() == 0 ? cluster.clusterName() : cluster.port()));
    config.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, nodeName);

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    if (cluster.bindHost() != null && !cluster.bindHost().isEmpty()) {
      network.getInterfaces().setEnabled(true).addInterface(cluster.bindHost());
      config.setProperty(ClusterProperty.SOCKET_BIND_ANY.getName(), "false");
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .setMembers(cluster.join())
        .setConnectionTimeoutSeconds(2);

    // Failure detection in seconds, not Hazelcast's 60 s default.
    config.setProperty(
        ClusterProperty.HEARTBEAT_INTERVAL_SECONDS.getName(),
        Long.toString(cluster.heartbeatInterval().toSeconds()));
    config.setProperty(
        ClusterProperty.MAX_NO_HEARTBEAT_SECONDS.getName(),
        Long.toString(
            Math.max(
                cluster.maxNoHeartbeat().toSeconds(),
                cluster.heartbeatInterval().toSeconds() + 1)));
    config.setProperty(ClusterProperty.WAIT_SECONDS_BEFORE_JOIN.getName(), "1");
    config.setProperty(ClusterProperty.MAX_WAIT_SECONDS_BEFORE_JOIN.getName(), "3");
    // Heal partitions within tens of seconds instead of the default five minutes.
    config.setProperty(ClusterProperty.MERGE_FIRST_RUN_DELAY_SECONDS.getName(), "10");
    config.setProperty(ClusterProperty.MERGE_NEXT_RUN_DELAY_SECONDS.getName(), "10");
    config.setProperty(ClusterProperty.GRACEFUL_SHUTDOWN_MAX_WAIT.getName(), "30");
    config.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
    config.setProperty(ClusterProperty.SHUTDOWNHOOK_ENABLED.getName(), "false");
    config.setProperty(ClusterProperty.LOGGING_TYPE.getName(), "slf4j");

    config.addMapConfig(map(HazelcastNames.PREFIX + "*"));
    return config;
  }

  /**
   * One synchronous backup (a member may die without losing a write), one asynchronous. After a
   * partition heals, {@link VersionMergePolicy} keeps whichever copy has the higher
   * resourceVersion: versions come from one cluster-wide counter and the minority side cannot
   * write, so the higher version is the newer truth. PutIfAbsent would keep stale copies,
   * LatestUpdate trusts wall clocks, HigherHits counts reads.
   */
  private static MapConfig map(String name) {
    MapConfig map = new MapConfig(name);
    map.setBackupCount(1).setAsyncBackupCount(1);
    map.setStatisticsEnabled(false);
    map.setMergePolicyConfig(
        new MergePolicyConfig(
            VersionMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
    return map;
  }
}
