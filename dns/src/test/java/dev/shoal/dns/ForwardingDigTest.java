package dev.shoal.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.dns.support.Dig;
import dev.shoal.dns.support.FakeClusterRecords;
import dev.shoal.dns.support.FakeUpstream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names outside the zone go to a fake upstream (Netty's own codec); answers are cached for their
 * TTL.
 */
class ForwardingDigTest {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  static FakeUpstream upstream;
  static DnsResponder dns;
  static InetSocketAddress at;

  @BeforeAll
  static void start() {
    upstream = new FakeUpstream();
    FakeClusterRecords records =
        new FakeClusterRecords()
            .service(ServiceEntry.clusterIp("default", "web", "10.96.0.10", List.of()));
    dns =
        DnsResponder.create(
            DnsConfig.defaults()
                .withBind(LOOPBACK, 0)
                .withUpstreams(List.of(upstream.address()), Duration.ofMillis(300)),
            records);
    at = dns.start().join();
  }

  @AfterAll
  static void stop() {
    dns.stop().join();
    upstream.close();
  }

  @Test
  void outsideNamesAreForwardedAndThenServedFromTheCache() {
    Dig.Result first = Dig.query(at, "www.example.org", "A");
    assertEquals("NOERROR", first.status(), first.output());
    assertEquals(List.of("93.184.216.34"), first.answerData());
    assertFalse(first.flag("aa"));
    assertEquals(1, upstream.queries("www.example.org"));
    Dig.Result second = Dig.query(at, "WWW.example.ORG", "A");
    assertEquals(List.of("93.184.216.34"), second.answerData());
    assertTrue(Integer.parseInt(second.answer().get(0).get(1)) <= 60);
    assertEquals(1, upstream.queries("www.example.org"), "second answer came from the cache");
  }

  @Test
  void negativeAnswersAreCachedPerSoaMinimum() {
    Dig.Result first = Dig.query(at, "gone.example.org", "A");
    assertEquals("NXDOMAIN", first.status());
    assertEquals("SOA", first.authority().get(0).get(3));
    Dig.Result second = Dig.query(at, "gone.example.org", "A");
    assertEquals("NXDOMAIN", second.status());
    assertTrue(Integer.parseInt(second.authority().get(0).get(1)) <= 300);
    assertEquals(1, upstream.queries("gone.example.org"));
  }

  @Test
  void forwardingWorksOverTcpToo() {
    Dig.Result r = Dig.query(at, "www.example.org", "A", "+tcp");
    assertEquals(List.of("93.184.216.34"), r.answerData());
  }

  @Test
  void aTruncatedUpstreamAnswerIsFetchedAgainOverTcpAndServedWhole() {
    Dig.Result udp = Dig.query(at, "big.example.org", "A", "+ignore", "+bufsize=512");
    assertTrue(udp.flag("tc"), "too big for this client's 512 bytes: " + udp.output());
    assertEquals(1, upstream.tcpTotal(), "we asked the upstream again over TCP");
    Dig.Result big = Dig.query(at, "big.example.org", "A", "+bufsize=1232");
    assertEquals(40, big.answer().size(), big.output());
    Dig.Result tcp = Dig.query(at, "big.example.org", "A", "+tcp");
    assertEquals(40, tcp.answer().size());
    assertEquals(1, upstream.queries("big.example.org"), "then from the cache");
    assertEquals(1, upstream.tcpTotal());
  }

  @Test
  void unknownReverseNamesAreForwarded() {
    assertEquals("NXDOMAIN", Dig.query(at, "-x", "192.0.2.77").status());
    assertEquals(1, upstream.queries("77.2.0.192.in-addr.arpa"));
  }

  @Test
  void theClusterZoneIsNeverForwarded() {
    int before = upstream.total();
    assertEquals("NXDOMAIN", Dig.query(at, "nope.default.svc.cluster.local", "A").status());
    assertEquals("NOERROR", Dig.query(at, "web.default.svc.cluster.local", "AAAA").status());
    assertEquals(before, upstream.total());
  }

  @Test
  void silentUpstreamGivesServfailWithinTheTimeout() {
    // dig waits 3 s; the responder gives up on the upstream after 300 ms
    Dig.Result r = Dig.query(at, "silent.example.org", "A");
    assertEquals("SERVFAIL", r.status(), r.output());
  }

  @Test
  void unreachableUpstreamGivesServfailAndASecondUpstreamIsTriedFirst() throws Exception {
    // a socket that never reads: held open for the test, so no other socket can take its port
    // meanwhile
    DatagramSocket deaf = new DatagramSocket(0, LOOPBACK);
    InetSocketAddress dead = new InetSocketAddress(LOOPBACK, deaf.getLocalPort());
    DnsResponder alone =
        DnsResponder.create(
            DnsConfig.defaults()
                .withBind(LOOPBACK, 0)
                .withUpstreams(List.of(dead), Duration.ofMillis(300)),
            new FakeClusterRecords());
    DnsResponder failover =
        DnsResponder.create(
            DnsConfig.defaults()
                .withBind(LOOPBACK, 0)
                .withUpstreams(List.of(dead, upstream.address()), Duration.ofMillis(300)),
            new FakeClusterRecords());
    try {
      assertEquals("SERVFAIL", Dig.query(alone.start().join(), "www.example.org", "A").status());
      assertEquals(
          List.of("93.184.216.34"),
          Dig.query(failover.start().join(), "www.example.org", "A").answerData());
    } finally {
      alone.stop().join();
      failover.stop().join();
      deaf.close();
    }
  }

  @Test
  void upstreamsAreReadFromResolvConfWhenNotGiven() throws Exception {
    java.nio.file.Path conf = java.nio.file.Files.createTempFile("resolv", ".conf");
    java.nio.file.Files.writeString(
        conf, "search example.org\nnameserver 192.0.2.53\nnameserver ::1\n");
    DnsResponder r =
        DnsResponder.create(
            DnsConfig.defaults().withBind(LOOPBACK, 0).withResolvConf(conf),
            new FakeClusterRecords());
    try {
      r.start().join();
      assertEquals(
          List.of(new InetSocketAddress("192.0.2.53", 53), new InetSocketAddress("::1", 53)),
          r.upstreams());
    } finally {
      r.stop().join();
      java.nio.file.Files.delete(conf);
    }
  }
}
