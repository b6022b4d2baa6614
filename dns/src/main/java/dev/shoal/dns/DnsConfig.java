package dev.shoal.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Everything the responder can be told. Start from {@link #defaults()} and change what you need
 * with the {@code with...} methods.
 *
 * @param bindAddress address for both the UDP and the TCP listener
 * @param port port for both listeners; 0 picks a free one (the same number for UDP and TCP)
 * @param zone the cluster zone, e.g. {@code cluster.local}
 * @param ttlSeconds TTL of every positive answer
 * @param negativeTtlSeconds TTL and MINIMUM of the SOA returned with NXDOMAIN and NODATA answers
 * @param resolvConf where upstream resolvers are read from when {@code upstreams} is null
 * @param upstreams upstream resolvers; null means "read {@code resolvConf}", empty means "forward
 *     nothing"
 * @param upstreamTimeout how long one upstream gets before the next one is tried (then SERVFAIL)
 * @param cacheMaxEntries size of the forwarding cache (least recently used entries go first)
 * @param maxCacheTtlSeconds cap on how long an upstream answer is cached
 * @param maxUdpPayload largest UDP answer sent, whatever the client's EDNS buffer size says
 * @param refreshInterval how often {@link ClusterRecords#generation()} is polled
 * @param tcpIdleTimeout idle TCP connections are closed after this long
 * @param nativeTransport use Linux epoll (batched recvmmsg/sendmmsg) when available, else Java NIO
 */
public record DnsConfig(
    InetAddress bindAddress,
    int port,
    String zone,
    int ttlSeconds,
    int negativeTtlSeconds,
    Path resolvConf,
    List<InetSocketAddress> upstreams,
    Duration upstreamTimeout,
    int cacheMaxEntries,
    int maxCacheTtlSeconds,
    int maxUdpPayload,
    Duration refreshInterval,
    Duration tcpIdleTimeout,
    boolean nativeTransport) {

  public DnsConfig {
    zone = normaliseZone(zone);
    upstreams = upstreams == null ? null : List.copyOf(upstreams);
    if (maxUdpPayload < 512) {
      throw new IllegalArgumentException("maxUdpPayload must be at least 512");
    }
  }

  public static DnsConfig defaults() {
    return new DnsConfig(
        InetAddress.getLoopbackAddress(),
        53,
        "cluster.local",
        5,
        5,
        Path.of("/etc/resolv.conf"),
        null,
        Duration.ofSeconds(2),
        10_000,
        3600,
        4096,
        Duration.ofMillis(100),
        Duration.ofSeconds(10),
        true);
  }

  public DnsConfig withBind(InetAddress address, int newPort) {
    return new DnsConfig(
        address,
        newPort,
        zone,
        ttlSeconds,
        negativeTtlSeconds,
        resolvConf,
        upstreams,
        upstreamTimeout,
        cacheMaxEntries,
        maxCacheTtlSeconds,
        maxUdpPayload,
        refreshInterval,
        tcpIdleTimeout,
        nativeTransport);
  }

  public DnsConfig withZone(String newZone) {
    return new DnsConfig(
        bindAddress,
        port,
        newZone,
        ttlSeconds,
        negativeTtlSeconds,
        resolvConf,
        upstreams,
        upstreamTimeout,
        cacheMaxEntries,
        maxCacheTtlSeconds,
        maxUdpPayload,
        refreshInterval,
        tcpIdleTimeout,
        nativeTransport);
  }

  public DnsConfig withTtl(int positive, int negative) {
    return new DnsConfig(
        bindAddress,
        port,
        zone,
        positive,
        negative,
        resolvConf,
        upstreams,
        upstreamTimeout,
        cacheMaxEntries,
        maxCacheTtlSeconds,
        maxUdpPayload,
        refreshInterval,
        tcpIdleTimeout,
        nativeTransport);
  }

  public DnsConfig withResolvConf(Path path) {
    return new DnsConfig(
        bindAddress,
        port,
        zone,
        ttlSeconds,
        negativeTtlSeconds,
        path,
        upstreams,
        upstreamTimeout,
        cacheMaxEntries,
        maxCacheTtlSeconds,
        maxUdpPayload,
        refreshInterval,
        tcpIdleTimeout,
        nativeTransport);
  }

  public DnsConfig withUpstreams(List<InetSocketAddress> list, Duration timeout) {
    return new DnsConfig(
        bindAddress,
        port,
        zone,
        ttlSeconds,
        negativeTtlSeconds,
        resolvConf,
        list,
        timeout,
        cacheMaxEntries,
        maxCacheTtlSeconds,
        maxUdpPayload,
        refreshInterval,
        tcpIdleTimeout,
        nativeTransport);
  }

  public DnsConfig withCache(int maxEntries, int maxTtlSeconds) {
    return new DnsConfig(
        bindAddress,
        port,
        zone,
        ttlSeconds,
        negativeTtlSeconds,
        resolvConf,
        upstreams,
        upstreamTimeout,
        maxEntries,
        maxTtlSeconds,
        maxUdpPayload,
        refreshInterval,
        tcpIdleTimeout,
        nativeTransport);
  }

  public DnsConfig withMaxUdpPayload(int bytes) {
    return new DnsConfig(
        bindAddress,
        port,
        zone,
        ttlSeconds,
        negativeTtlSeconds,
        resolvConf,
        upstreams,
        upstreamTimeout,
        cacheMaxEntries,
        maxCacheTtlSeconds,
        bytes,
        refreshInterval,
        tcpIdleTimeout,
        nativeTransport);
  }

  public DnsConfig withNativeTransport(boolean enabled) {
    return new DnsConfig(
        bindAddress,
        port,
        zone,
        ttlSeconds,
        negativeTtlSeconds,
        resolvConf,
        upstreams,
        upstreamTimeout,
        cacheMaxEntries,
        maxCacheTtlSeconds,
        maxUdpPayload,
        refreshInterval,
        tcpIdleTimeout,
        enabled);
  }

  private static String normaliseZone(String z) {
    String s = z == null ? "cluster.local" : z.trim().toLowerCase(Locale.ROOT);
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("zone must not be empty");
    }
    return s;
  }
}
