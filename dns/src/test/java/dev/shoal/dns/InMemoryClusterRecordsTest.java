package dev.shoal.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.dns.support.Dig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent-facing records holder: changes reach dig answers through the generation poll, without
 * refresh().
 */
class InMemoryClusterRecordsTest {

  @Test
  void changesAreServedAfterTheNextPoll() {
    InMemoryClusterRecords records = new InMemoryClusterRecords();
    DnsResponder dns =
        DnsResponder.create(
            DnsConfig.defaults()
                .withBind(InetAddress.getLoopbackAddress(), 0)
                .withUpstreams(List.of(), Duration.ofMillis(200)),
            records);
    try {
      InetSocketAddress at = dns.start().join();
      assertEquals("NXDOMAIN", Dig.query(at, "db.shop.svc.cluster.local", "A").status());
      records.putService(ServiceEntry.headless("shop", "db", List.of()));
      records.putEndpoints("shop", "db", List.of(EndpointEntry.ready("10.244.3.7", List.of())));
      records.putPod("shop/db-0", new PodEntry("shop", "10.244.3.7"));
      assertEquals("NOERROR", await(at, "db.shop.svc.cluster.local", "NOERROR").status());
      assertEquals(
          List.of("10.244.3.7"), Dig.query(at, "db.shop.svc.cluster.local", "A").answerData());
      assertEquals(
          List.of("10.244.3.7"),
          Dig.query(at, "10-244-3-7.shop.pod.cluster.local", "A").answerData());
      records.putEndpoints("shop", "db", List.of());
      records.removePod("shop/db-0");
      assertEquals("NXDOMAIN", await(at, "10-244-3-7.shop.pod.cluster.local", "NXDOMAIN").status());
      assertEquals(
          "NXDOMAIN",
          Dig.query(at, "db.shop.svc.cluster.local", "A").status(),
          "no ready endpoint left");
    } finally {
      dns.stop().join();
    }
  }

  /**
   * Asks until the status is {@code expected} (the index is rebuilt within 100 ms of a change), at
   * most 50 times.
   */
  private static Dig.Result await(InetSocketAddress at, String name, String expected) {
    Dig.Result r = Dig.query(at, name, "A");
    for (int i = 0; i < 50 && !r.status().equals(expected); i++) {
      r = Dig.query(at, name, "A");
    }
    return r;
  }
}
