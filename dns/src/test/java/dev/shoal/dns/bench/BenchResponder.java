package dev.shoal.dns.bench;

import dev.shoal.dns.ClusterRecords;
import dev.shoal.dns.DnsConfig;
import dev.shoal.dns.DnsResponder;
import dev.shoal.dns.EndpointEntry;
import dev.shoal.dns.PodEntry;
import dev.shoal.dns.ServiceEntry;
import dev.shoal.dns.ServicePort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Serves {@code N} ClusterIP services {@code svc-<i>.bench.svc.cluster.local} at
 * 10.96.(i/256).(i%256), the same names bench/dns/run gives unbound, until killed. Usage: {@code
 * BenchResponder <port> [N] [upstream]} (an upstream {@code host:port} to forward every other name
 * to; none: such names are refused). Prints "READY <address>" once it answers. {@code
 * -Dshoal.dns.transport=nio} turns the epoll transport off.
 */
public final class BenchResponder {
  private BenchResponder() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    List<InetSocketAddress> upstreams = new ArrayList<>();
    if (args.length > 2) {
      int colon = args[2].lastIndexOf(':');
      upstreams.add(
          new InetSocketAddress(
              args[2].substring(0, colon), Integer.parseInt(args[2].substring(colon + 1))));
    }
    List<ServiceEntry> services = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      services.add(
          ServiceEntry.clusterIp(
              "bench",
              "svc-" + i,
              "10.96." + (i / 256) + "." + (i % 256),
              List.of(ServicePort.tcp("http", 80))));
    }
    ClusterRecords records =
        new ClusterRecords() {
          @Override
          public long generation() {
            return 1;
          }

          @Override
          public Collection<ServiceEntry> services() {
            return services;
          }

          @Override
          public Collection<EndpointEntry> endpoints(String namespace, String service) {
            return List.of();
          }

          @Override
          public Collection<PodEntry> pods() {
            return List.of();
          }
        };
    DnsResponder dns =
        DnsResponder.create(
            DnsConfig.defaults()
                .withBind(InetAddress.getLoopbackAddress(), port)
                .withUpstreams(upstreams, Duration.ofSeconds(1))
                .withNativeTransport(!"nio".equals(System.getProperty("shoal.dns.transport"))),
            records);
    InetSocketAddress at = dns.start().join();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> dns.stop().join()));
    System.out.println("READY " + at);
    Thread.currentThread().join();
  }
}
