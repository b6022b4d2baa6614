package dev.shoal.agent.worker;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the pod worker.
 *
 * @param dataDir where pod volumes live ({@code <dataDir>/pods/<uid>/volumes/<name>})
 * @param network the engine network sandboxes join (default {@code bridge}); it gives pods their
 *     IPs
 * @param hostIP this node's address, reported as {@code status.hostIP}
 * @param resyncInterval how often every pod is reconciled even without events
 * @param backoffBase first restart delay of a crashing container (kubelet: 10 s); doubles per
 *     restart
 * @param backoffMax the longest restart delay (kubelet: 5 min)
 * @param clusterDns the cluster DNS address that pods with dnsPolicy ClusterFirst use; null: the
 *     node's resolvers
 * @param clusterDomain the cluster's DNS zone (default {@code cluster.local})
 * @param secretsDir where secret volumes are written ({@code <secretsDir>/<uid>/<volume>/}, mode
 *     0700 up to the volume); by default under {@code /run/shoal} (memory-backed on most hosts, so
 *     secrets stay off the disk), one directory per data directory so that agents sharing a host
 *     never touch each other's pods; {@code <dataDir>/secrets} where there is no {@code /run}
 */
public record WorkerConfig(
    Path dataDir,
    String network,
    String hostIP,
    Duration resyncInterval,
    Duration backoffBase,
    Duration backoffMax,
    String clusterDns,
    String clusterDomain,
    Path secretsDir) {

  public WorkerConfig {
    if (network == null || network.isBlank()) {
      network = "bridge";
    }
    if (resyncInterval == null) {
      resyncInterval = Duration.ofSeconds(2);
    }
    if (backoffBase == null) {
      backoffBase = Duration.ofSeconds(10);
    }
    if (backoffMax == null) {
      backoffMax = Duration.ofMinutes(5);
    }
    if (clusterDomain == null || clusterDomain.isBlank()) {
      clusterDomain = "cluster.local";
    }
    if (secretsDir == null) {
      secretsDir = defaultSecretsDir(dataDir);
    }
  }

  /**
   * {@code /run/shoal/secrets-<digest of the data directory>}, or {@code <dataDir>/secrets} without
   * {@code /run}.
   */
  static Path defaultSecretsDir(Path dataDir) {
    Path base = dataDir == null ? Path.of("shoal-data") : dataDir;
    Path run = Path.of("/run");
    if (!java.nio.file.Files.isDirectory(run) || !java.nio.file.Files.isWritable(run)) {
      return base.resolve("secrets");
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(
                  base.toAbsolutePath()
                      .normalize()
                      .toString()
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return run.resolve("shoal")
          .resolve("secrets-" + java.util.HexFormat.of().formatHex(digest, 0, 6));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static WorkerConfig defaults(Path dataDir, String hostIP) {
    return new WorkerConfig(dataDir, null, hostIP, null, null, null, null, null, null);
  }

  public WorkerConfig withBackoff(Duration base, Duration max) {
    return new WorkerConfig(
        dataDir, network, hostIP, resyncInterval, base, max, clusterDns, clusterDomain, secretsDir);
  }

  public WorkerConfig withNetwork(String value) {
    return new WorkerConfig(
        dataDir,
        value,
        hostIP,
        resyncInterval,
        backoffBase,
        backoffMax,
        clusterDns,
        clusterDomain,
        secretsDir);
  }

  public WorkerConfig withResyncInterval(Duration value) {
    return new WorkerConfig(
        dataDir,
        network,
        hostIP,
        value,
        backoffBase,
        backoffMax,
        clusterDns,
        clusterDomain,
        secretsDir);
  }

  /**
   * Pods with dnsPolicy ClusterFirst resolve through {@code server}, searching {@code domain} and
   * below.
   */
  public WorkerConfig withClusterDns(String server, String domain) {
    return new WorkerConfig(
        dataDir,
        network,
        hostIP,
        resyncInterval,
        backoffBase,
        backoffMax,
        server,
        domain,
        secretsDir);
  }

  /** Secret volumes under {@code dir} instead of the default. */
  public WorkerConfig withSecretsDir(Path dir) {
    return new WorkerConfig(
        dataDir,
        network,
        hostIP,
        resyncInterval,
        backoffBase,
        backoffMax,
        clusterDns,
        clusterDomain,
        dir);
  }

  /**
   * The restart delay after a container that had been restarted {@code restartCount} times stopped.
   */
  public Duration backoff(int restartCount) {
    long base = backoffBase.toMillis();
    long max = backoffMax.toMillis();
    int shift = Math.min(Math.max(restartCount, 0), 30);
    long delay = base > (max >> shift) ? max : base << shift;
    return Duration.ofMillis(Math.min(delay, max));
  }
}
