package dev.shoal.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.dns.support.Dig;
import dev.shoal.dns.support.FakeClusterRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both transports answer over UDP and TCP: epoll (the default on Linux) and the NIO fallback. */
class TransportTest {

  @ParameterizedTest(name = "native={0} -> {1}")
  @CsvSource({"true, epoll", "false, nio"})
  void answersOnEitherTransport(boolean nativeTransport, String expected) {
    FakeClusterRecords records = new FakeClusterRecords()
        .service(ServiceEntry.clusterIp("default", "web", "10.96.0.10", List.of()));
    DnsResponder dns = DnsResponder.create(DnsConfig.defaults().withBind(InetAddress.getLoopbackAddress(), 0)
        .withUpstreams(List.of(), Duration.ofMillis(200)).withNativeTransport(nativeTransport), records);
    try {
      InetSocketAddress at = dns.start().join();
      assertEquals(expected, dns.transportName());
      assertEquals(List.of("10.96.0.10"), Dig.query(at, "web.default.svc.cluster.local", "A").answerData());
      assertEquals(List.of("10.96.0.10"), Dig.query(at, "web.default.svc.cluster.local", "A", "+tcp").answerData());
    } finally {
      dns.stop().join();
    }
  }
}
