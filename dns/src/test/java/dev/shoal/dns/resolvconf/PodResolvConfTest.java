package dev.shoal.dns.resolvconf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodResolvConfTest {
  static final String HOST =
      """
      # written by the host
      nameserver 192.0.2.1
      nameserver 192.0.2.2
      search corp.example
      options edns0 timeout:2
      """;
  static final PodDnsConfig EXTRA =
      new PodDnsConfig(
          List.of("192.0.2.9"),
          List.of("extra.example", "svc.cluster.local"),
          List.of("ndots:2", "single-request"));

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "ClusterFirst",
            "ClusterFirst",
            false,
            null,
            """
            nameserver 10.96.0.10
            search team-a.svc.cluster.local svc.cluster.local cluster.local corp.example
            options ndots:5
            """),
        Arguments.of(
            "no policy means ClusterFirst",
            null,
            false,
            null,
            """
            nameserver 10.96.0.10
            search team-a.svc.cluster.local svc.cluster.local cluster.local corp.example
            options ndots:5
            """),
        Arguments.of(
            "ClusterFirst on the host network falls back to Default",
            "ClusterFirst",
            true,
            null,
            """
            nameserver 192.0.2.1
            nameserver 192.0.2.2
            search corp.example
            options edns0 timeout:2
            """),
        Arguments.of(
            "ClusterFirstWithHostNet",
            "ClusterFirstWithHostNet",
            true,
            null,
            """
            nameserver 10.96.0.10
            search team-a.svc.cluster.local svc.cluster.local cluster.local corp.example
            options ndots:5
            """),
        Arguments.of(
            "Default is the host's",
            "Default",
            false,
            null,
            """
            nameserver 192.0.2.1
            nameserver 192.0.2.2
            search corp.example
            options edns0 timeout:2
            """),
        Arguments.of(
            "None is dnsConfig only",
            "None",
            false,
            EXTRA,
            """
            nameserver 192.0.2.9
            search extra.example svc.cluster.local
            options ndots:2 single-request
            """),
        Arguments.of(
            "dnsConfig merges: appended, deduplicated, options override by name",
            "ClusterFirst",
            false,
            EXTRA,
            """
            nameserver 10.96.0.10
            nameserver 192.0.2.9
            search team-a.svc.cluster.local svc.cluster.local cluster.local corp.example extra.example
            options ndots:2 single-request
            """),
        Arguments.of(
            "at most three nameservers",
            "Default",
            false,
            new PodDnsConfig(List.of("192.0.2.7", "192.0.2.8"), null, null),
            """
            nameserver 192.0.2.1
            nameserver 192.0.2.2
            nameserver 192.0.2.7
            search corp.example
            options edns0 timeout:2
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersPerDnsPolicy(
      String name, String policy, boolean hostNetwork, PodDnsConfig config, String expected) {
    assertEquals(
        expected,
        PodResolvConf.render(
            policy, hostNetwork, "team-a", "cluster.local", "10.96.0.10", HOST, config));
  }

  @Test
  void parsesAndRendersResolvConf() {
    ResolvConf c =
        ResolvConf.parse(
            "domain a.example\nsearch b.example c.example\n; comment\nnameserver ::1\noptions rotate\n");
    assertEquals(List.of("::1"), c.nameservers());
    assertEquals(List.of("b.example", "c.example"), c.searches());
    assertEquals("nameserver ::1\nsearch b.example c.example\noptions rotate\n", c.render());
  }
}
