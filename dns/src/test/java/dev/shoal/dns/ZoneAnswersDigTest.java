package dev.shoal.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.dns.support.Dig;
import dev.shoal.dns.support.FakeClusterRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every record type of the cluster zone, asked with the real dig over UDP and TCP. */
class ZoneAnswersDigTest {
  static final FakeClusterRecords RECORDS = new FakeClusterRecords();
  static DnsResponder dns;
  static InetSocketAddress at;

  @BeforeAll
  static void start() {
    RECORDS
        .service(
            ServiceEntry.clusterIp(
                "default",
                "web",
                "10.96.0.10",
                List.of(
                    ServicePort.tcp("http", 80),
                    ServicePort.tcp(null, 8080),
                    ServicePort.udp("dns", 53))))
        .service(
            ServiceEntry.headless("default", "db", List.of(ServicePort.tcp("pg", 5432))),
            new EndpointEntry("10.244.1.2", "db-0", true, List.of(ServicePort.tcp("pg", 5432))),
            new EndpointEntry("10.244.1.3", null, true, List.of(ServicePort.tcp("pg", 5433))),
            new EndpointEntry("10.244.1.4", "db-2", false, List.of(ServicePort.tcp("pg", 5432))))
        .service(
            ServiceEntry.headless("default", "empty", List.of()),
            new EndpointEntry("10.244.1.9", null, false, List.of()))
        .service(ServiceEntry.headless("big", "many", List.of()), many(100))
        .service(ServiceEntry.clusterIp("default", "six", "fd00::10", List.of()))
        .service(ServiceEntry.clusterIp("default", "broken", "not-an-ip", List.of()))
        .pod("default", "10.244.1.5")
        .pod("default", "10.244.1.2");
    dns =
        DnsResponder.create(
            DnsConfig.defaults()
                .withBind(InetAddress.getLoopbackAddress(), 0)
                .withUpstreams(List.of(), Duration.ofMillis(500)),
            RECORDS);
    at = dns.start().join();
  }

  @AfterAll
  static void stop() {
    dns.stop().join();
  }

  static EndpointEntry[] many(int n) {
    EndpointEntry[] out = new EndpointEntry[n];
    for (int i = 0; i < n; i++) {
      out[i] = EndpointEntry.ready("10.244.2." + (i + 1), List.of());
    }
    return out;
  }

  @Test
  void clusterIpServiceAnswersItsClusterIpAuthoritativelyWithTtl5() {
    Dig.Result r = Dig.query(at, "web.default.svc.cluster.local", "A");
    assertEquals("NOERROR", r.status());
    assertTrue(r.flag("aa"), r.output());
    assertEquals(List.of("10.96.0.10"), r.answerData());
    assertEquals("5", r.answer().get(0).get(1));
  }

  @Test
  void headlessServiceAnswersOneAPerReadyEndpoint() {
    Dig.Result r = Dig.query(at, "db.default.svc.cluster.local", "A");
    assertEquals("NOERROR", r.status());
    assertEquals(Set.of("10.244.1.2", "10.244.1.3"), new HashSet<>(r.answerData()));
  }

  @Test
  void headlessServiceWithoutReadyEndpointsIsNxdomain() {
    Dig.Result r = Dig.query(at, "empty.default.svc.cluster.local", "A");
    assertEquals("NXDOMAIN", r.status());
  }

  @Test
  void endpointHostnameAndDashedIpNamesResolve() {
    assertEquals(
        List.of("10.244.1.2"),
        Dig.query(at, "db-0.db.default.svc.cluster.local", "A").answerData());
    assertEquals(
        List.of("10.244.1.3"),
        Dig.query(at, "10-244-1-3.db.default.svc.cluster.local", "A").answerData());
    assertEquals(
        "NXDOMAIN", Dig.query(at, "db-2.db.default.svc.cluster.local", "A").status(), "not ready");
  }

  @Test
  void srvForANamedPortOfAClusterIpServicePointsAtTheServiceWithItsAddressAdditional() {
    Dig.Result r = Dig.query(at, "_http._tcp.web.default.svc.cluster.local", "SRV");
    assertEquals(List.of("0 100 80 web.default.svc.cluster.local."), r.answerData());
    assertEquals("10.96.0.10", r.additional().get(0).get(4));
    assertEquals(
        List.of("0 100 53 web.default.svc.cluster.local."),
        Dig.query(at, "_dns._udp.web.default.svc.cluster.local", "SRV").answerData());
    assertEquals(
        "NXDOMAIN", Dig.query(at, "_dns._tcp.web.default.svc.cluster.local", "SRV").status());
  }

  @Test
  void srvOfAHeadlessServiceHasOneRecordPerEndpointWithItsPortAndName() {
    Dig.Result r = Dig.query(at, "_pg._tcp.db.default.svc.cluster.local", "SRV");
    assertEquals(
        Set.of(
            "0 50 5432 db-0.db.default.svc.cluster.local.",
            "0 50 5433 10-244-1-3.db.default.svc.cluster.local."),
        new HashSet<>(r.answerData()));
    assertEquals(2, r.additional().size());
  }

  @Test
  void ptrForClusterIpHostnameEndpointAndPod() {
    assertEquals(
        List.of("web.default.svc.cluster.local."), Dig.query(at, "-x", "10.96.0.10").answerData());
    assertEquals(
        List.of("db-0.db.default.svc.cluster.local."),
        Dig.query(at, "-x", "10.244.1.2").answerData());
    assertEquals(
        List.of("10-244-1-5.default.pod.cluster.local."),
        Dig.query(at, "-x", "10.244.1.5").answerData());
  }

  @Test
  void ipv6ClusterIpsGetAaaaAndIp6ArpaPtr() {
    assertEquals(
        List.of("fd00::10"), Dig.query(at, "six.default.svc.cluster.local", "AAAA").answerData());
    assertEquals(
        List.of("six.default.svc.cluster.local."), Dig.query(at, "-x", "fd00::10").answerData());
    assertEquals("NOERROR", Dig.query(at, "six.default.svc.cluster.local", "A").status(), "NODATA");
  }

  @Test
  void aServiceWithAnUnusableAddressIsLeftOut() {
    assertEquals("NXDOMAIN", Dig.query(at, "broken.default.svc.cluster.local", "A").status());
  }

  @Test
  void podARecord() {
    assertEquals(
        List.of("10.244.1.5"),
        Dig.query(at, "10-244-1-5.default.pod.cluster.local", "A").answerData());
    assertEquals("NXDOMAIN", Dig.query(at, "10-244-1-6.default.pod.cluster.local", "A").status());
  }

  @Test
  void dnsVersionTxt() {
    assertEquals(
        List.of("\"1.1.0\""), Dig.query(at, "dns-version.cluster.local", "TXT").answerData());
  }

  @Test
  void unknownNameIsNxdomainWithTheSoaAndNegativeTtl() {
    Dig.Result r = Dig.query(at, "nope.default.svc.cluster.local", "A");
    assertEquals("NXDOMAIN", r.status());
    assertTrue(r.answer().isEmpty());
    assertEquals(1, r.authority().size(), r.output());
    List<String> soa = r.authority().get(0);
    assertEquals(
        List.of(
            "cluster.local.",
            "5",
            "IN",
            "SOA",
            "ns.dns.cluster.local.",
            "hostmaster.cluster.local."),
        soa.subList(0, 6));
    assertEquals("5", soa.get(soa.size() - 1), "SOA minimum");
  }

  @Test
  void otherTypeOfAnExistingNameAndEmptyNonTerminalsAreNodataWithSoa() {
    for (String[] q :
        List.of(
            new String[] {"web.default.svc.cluster.local", "AAAA"},
            new String[] {"default.svc.cluster.local", "A"},
            new String[] {"svc.cluster.local", "A"},
            new String[] {"_tcp.web.default.svc.cluster.local", "SRV"},
            new String[] {"cluster.local", "A"})) {
      Dig.Result r = Dig.query(at, q);
      assertEquals("NOERROR", r.status(), String.join(" ", q));
      assertTrue(r.answer().isEmpty(), r.output());
      assertEquals("SOA", r.authority().get(0).get(3), r.output());
    }
    assertEquals("SOA", Dig.query(at, "cluster.local", "SOA").answer().get(0).get(3));
  }

  @Test
  void namesAreCaseInsensitiveAndTheAnswerEchoesTheQuestionsCase() {
    Dig.Result r = Dig.query(at, "WeB.DeFault.SVC.Cluster.Local", "A");
    assertEquals(List.of("10.96.0.10"), r.answerData());
    assertEquals("WeB.DeFault.SVC.Cluster.Local.", r.answer().get(0).get(0));
  }

  @Test
  void multiAddressAnswersRotateBetweenQueries() {
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(Dig.query(at, "db.default.svc.cluster.local", "A").answerData().get(0));
    }
    assertEquals(
        Set.of("10.244.1.2", "10.244.1.3"), new HashSet<>(first), "first record changes: " + first);
    assertNotEquals(first.get(0), first.get(1));
  }

  @Test
  void tooBigForUdpIsTruncatedAndCompleteOverTcp() {
    Dig.Result udp = Dig.query(at, "many.big.svc.cluster.local", "A", "+ignore", "+bufsize=512");
    assertTrue(udp.flag("tc"), udp.output());
    assertTrue(udp.answer().isEmpty());
    Dig.Result noEdns = Dig.query(at, "many.big.svc.cluster.local", "A", "+ignore", "+noedns");
    assertTrue(noEdns.flag("tc"), noEdns.output());
    Dig.Result tcp = Dig.query(at, "many.big.svc.cluster.local", "A", "+tcp");
    assertFalse(tcp.flag("tc"));
    assertEquals(100, tcp.answer().size());
    Dig.Result retried = Dig.query(at, "many.big.svc.cluster.local", "A", "+bufsize=512");
    assertEquals(100, retried.answer().size(), "dig retries over TCP by itself");
  }

  @Test
  void ednsBufferSizeIsHonouredAndOptEchoedOnlyWhenAsked() {
    Dig.Result big = Dig.query(at, "many.big.svc.cluster.local", "A", "+ignore", "+bufsize=2000");
    assertFalse(big.flag("tc"), big.output());
    assertEquals(100, big.answer().size());
    assertNotNull(big.opt(), big.output());
    assertTrue(big.opt().contains("udp: 4096"), big.opt());
    assertNull(Dig.query(at, "web.default.svc.cluster.local", "A", "+noedns").opt());
  }

  @Test
  void everythingAlsoAnswersOverTcp() {
    Dig.Result r = Dig.query(at, "_pg._tcp.db.default.svc.cluster.local", "SRV", "+tcp");
    assertEquals(2, r.answer().size());
    assertEquals("NXDOMAIN", Dig.query(at, "x.cluster.local", "A", "+tcp").status());
  }

  @Test
  void namesOutsideTheZoneAreRefusedWhenThereIsNoUpstream() {
    assertEquals("REFUSED", Dig.query(at, "example.org", "A").status());
  }

  @Test
  void newRecordsAreServedAfterARefresh() {
    RECORDS.service(ServiceEntry.clusterIp("late", "svc", "10.96.0.99", List.of()));
    dns.refresh().join();
    assertEquals(
        List.of("10.96.0.99"), Dig.query(at, "svc.late.svc.cluster.local", "A").answerData());
  }
}
