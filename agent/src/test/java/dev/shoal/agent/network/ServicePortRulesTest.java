package dev.shoal.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.firewall.BridgeHairpin;
import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.manifests.model.SessionAffinityConfig;
import dev.shoal.overlay.nft.Protocol;
import dev.shoal.overlay.nft.ServicePortRule;
import dev.shoal.overlay.nft.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dataplane's service ports from Services and Endpoints, as node n1 sees them. */
class ServicePortRulesTest {

  static Service service(String name, ServiceSpec spec) {
    return new Service(ObjectMeta.named("default", name), spec, null);
  }

  static ServiceSpec spec(String type, String ip, ServicePort... ports) {
    return new ServiceSpec(type, null, List.of(ports), ip, null, null, null);
  }

  static Endpoints endpoints(String name, EndpointSubset... subsets) {
    return new Endpoints(ObjectMeta.named("default", name), List.of(subsets));
  }

  static EndpointAddress addr(String ip, String node) {
    return new EndpointAddress(ip, null, node, null);
  }

  @Test
  void portsMatchByNameEachEndpointWithItsOwnPortAndOnlyReadyAddresses() {
    Service web =
        service(
            "web",
            spec(
                null,
                "10.96.0.20",
                new ServicePort("http", "TCP", 80, null, null),
                new ServicePort("dns", "UDP", 53, null, null)));
    // two subsets: the named targetPort resolved to different container ports on different pods
    Endpoints eps =
        endpoints(
            "web",
            new EndpointSubset(
                List.of(addr("10.244.2.7", "n2")),
                List.of(addr("10.244.3.9", "n1")),
                List.of(
                    new EndpointPort("dns", 5353, "UDP"), new EndpointPort("http", 8080, "TCP"))),
            new EndpointSubset(
                List.of(addr("10.244.1.5", "n1")),
                null,
                List.of(
                    new EndpointPort("dns", 53, "UDP"), new EndpointPort("http", 9090, "TCP"))));
    assertEquals(
        List.of(
            ServicePortRule.clusterIp(
                "default/web/http",
                Protocol.TCP,
                "10.96.0.20",
                80,
                List.of(
                    new Target("10.244.1.5", 9090, true), new Target("10.244.2.7", 8080, false))),
            ServicePortRule.clusterIp(
                "default/web/dns",
                Protocol.UDP,
                "10.96.0.20",
                53,
                List.of(
                    new Target("10.244.1.5", 53, true), new Target("10.244.2.7", 5353, false)))),
        ServicePortRules.build(List.of(web), List.of(eps), "n1"));
  }

  @Test
  void nodePortLocalPolicyAndAffinityWithItsTimeoutAreCarried() {
    ServiceSpec s =
        new ServiceSpec(
            "NodePort",
            null,
            List.of(new ServicePort(null, "SCTP", 80, null, 30080)),
            "10.96.0.6",
            null,
            "ClientIP",
            null,
            "Local",
            new SessionAffinityConfig(new SessionAffinityConfig.ClientIPConfig(60)));
    Endpoints eps =
        endpoints(
            "np",
            new EndpointSubset(
                List.of(addr("10.244.0.2", "n1")),
                null,
                List.of(new EndpointPort(null, 8080, "SCTP"))));
    assertEquals(
        List.of(
            new ServicePortRule(
                "default/np/80",
                Protocol.SCTP,
                "10.96.0.6",
                80,
                30080,
                true,
                60,
                List.of(new Target("10.244.0.2", 8080, true)))),
        ServicePortRules.build(List.of(service("np", s)), List.of(eps), "n1"));
    ServiceSpec defaults =
        new ServiceSpec(
            null,
            null,
            List.of(new ServicePort(null, null, 80, null, null)),
            "10.96.0.7",
            null,
            "ClientIP",
            null);
    assertEquals(
        10800,
        ServicePortRules.build(List.of(service("d", defaults)), List.of(), "n1")
            .get(0)
            .affinitySeconds());
  }

  @Test
  void headlessAndUnassignedGetNoRulesAndNoEndpointsMeansNoTargets() {
    List<ServicePortRule> built =
        ServicePortRules.build(
            List.of(
                service(
                    "headless", spec(null, "None", new ServicePort(null, null, 80, null, null))),
                service("pending", spec(null, null, new ServicePort(null, null, 80, null, null))),
                service(
                    "empty", spec(null, "10.96.0.8", new ServicePort(null, null, 80, null, null)))),
            List.of(),
            "n1");
    assertEquals(
        List.of(
            ServicePortRule.clusterIp(
                "default/empty/80", Protocol.TCP, "10.96.0.8", 80, List.of())),
        built);
  }

  @Test
  void udpFlowsOfAGoneEndpointAreFlushedOnTheClusterIpAndTheNodePort() {
    ServicePortRule before =
        ServicePortRule.clusterIp(
                "default/dns/dns",
                Protocol.UDP,
                "10.96.0.10",
                53,
                List.of(new Target("10.244.1.5", 53, true), new Target("10.244.2.7", 53, false)))
            .withNodePort(30053, false);
    ServicePortRule after = before.withTargets(List.of(new Target("10.244.1.5", 53, true)));
    assertEquals(
        List.of(
            new UdpConntrack.Stale("10.96.0.10", 53, "10.244.2.7"),
            new UdpConntrack.Stale(null, 30053, "10.244.2.7")),
        UdpConntrack.stale(List.of(before), List.of(after)));
    ServicePortRule tcp =
        ServicePortRule.clusterIp(
            "default/web/http",
            Protocol.TCP,
            "10.96.0.20",
            80,
            List.of(new Target("10.244.2.7", 80, false)));
    assertEquals(
        List.of(), UdpConntrack.stale(List.of(tcp), List.of()), "TCP flows end by themselves");
  }

  @Test
  void kernelListingsAreReadForNodeAddressesAndHairpin() {
    String addrs =
        "[{\"ifname\":\"lo\",\"addr_info\":[{\"local\":\"127.0.0.1\"}]},"
            + "{\"ifname\":\"eth0\",\"addr_info\":[{\"local\":\"192.0.2.11\"}]},"
            + "{\"ifname\":\"shoal-svc0\",\"addr_info\":[{\"local\":\"10.96.0.10\"}]},"
            + "{\"ifname\":\"shoal0\",\"addr_info\":[{\"local\":\"10.244.1.1\"}]}]";
    assertEquals(List.of("10.244.1.1", "192.0.2.11"), NodeAddresses.fromJson(addrs));
    String ports =
        "[{\"ifname\":\"veth1\",\"linkinfo\":{\"info_slave_kind\":\"bridge\",\"info_slave_data\":{\"hairpin\":false}}},"
            + "{\"ifname\":\"veth2\",\"linkinfo\":{\"info_slave_kind\":\"bridge\",\"info_slave_data\":{\"hairpin\":true}}}]";
    assertEquals(List.of("veth1"), BridgeHairpin.withoutHairpin(ports));
  }
}
