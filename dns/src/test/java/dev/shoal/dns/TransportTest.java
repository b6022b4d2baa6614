package dev.shoal.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.dns.support.Dig;
import dev.shoal.dns.support.FakeClusterRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Starting: both transports (epoll, the default on Linux, and the NIO fallback), the zone setting,
 * a taken port.
 */
class TransportTest {

  @Test
  void theZoneIsConfigurable() {
    FakeClusterRecords records =
        new FakeClusterRecords()
            .service(ServiceEntry.clusterIp("default", "web", "10.96.0.10", List.of()));
    DnsResponder dns =
        DnsResponder.create(
            DnsConfig.defaults()
                .withBind(InetAddress.getLoopbackAddress(), 0)
                .withZone("Shoal.Internal.")
                .withTtl(30, 7)
                .withUpstreams(List.of(), Duration.ofMillis(200)),
            records);
    try {
      InetSocketAddress at = dns.start().join();
      Dig.Result r = Dig.query(at, "web.default.svc.shoal.internal", "A");
      assertEquals(List.of("10.96.0.10"), r.answerData());
      assertEquals("30", r.answer().get(0).get(1));
      Dig.Result missing = Dig.query(at, "nope.shoal.internal", "A");
      assertEquals("NXDOMAIN", missing.status());
      assertEquals("7", missing.authority().get(0).get(1));
      assertEquals(
          "REFUSED",
          Dig.query(at, "web.default.svc.cluster.local", "A").status(),
          "outside the zone now");
    } finally {
      dns.stop().join();
    }
  }

  @Test
  void aTakenPortFailsTheStartWithTheAddressInTheMessage() {
    DnsConfig config =
        DnsConfig.defaults()
            .withBind(InetAddress.getLoopbackAddress(), 0)
            .withUpstreams(List.of(), Duration.ofMillis(200));
    DnsResponder first = DnsResponder.create(config, new FakeClusterRecords());
    try {
      int port = first.start().join().getPort();
      DnsResponder second =
          DnsResponder.create(
              config.withBind(InetAddress.getLoopbackAddress(), port), new FakeClusterRecords());
      CompletionException e = assertThrows(CompletionException.class, () -> second.start().join());
      assertTrue(
          e.getCause().getMessage().contains("DNS cannot listen on 127.0.0.1:" + port),
          e.getCause().getMessage());
      second.stop().join();
    } finally {
      first.stop().join();
    }
  }

  @ParameterizedTest(name = "native={0} -> {1}")
  @CsvSource({"true, epoll", "false, nio"})
  void answersOnEitherTransport(boolean nativeTransport, String expected) {
    FakeClusterRecords records =
        new FakeClusterRecords()
            .service(ServiceEntry.clusterIp("default", "web", "10.96.0.10", List.of()));
    DnsResponder dns =
        DnsResponder.create(
            DnsConfig.defaults()
                .withBind(InetAddress.getLoopbackAddress(), 0)
                .withUpstreams(List.of(), Duration.ofMillis(200))
                .withNativeTransport(nativeTransport),
            records);
    try {
      InetSocketAddress at = dns.start().join();
      assertEquals(expected, dns.transportName());
      assertEquals(
          List.of("10.96.0.10"), Dig.query(at, "web.default.svc.cluster.local", "A").answerData());
      assertEquals(
          List.of("10.96.0.10"),
          Dig.query(at, "web.default.svc.cluster.local", "A", "+tcp").answerData());
    } finally {
      dns.stop().join();
    }
  }
}
