package dev.shoal.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.overlay.lb.Affinity;
import dev.shoal.overlay.lb.Backend;
import dev.shoal.overlay.lb.ServiceFrontend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load balancer's desired frontends from services and endpoints. */
class ServiceFrontendsTest {

  static Service service(String name, String type, String ip, String affinity, ServicePort... ports) {
    return new Service(ObjectMeta.named("default", name),
        new ServiceSpec(type, null, List.of(ports), ip, null, affinity, null), null);
  }

  static Endpoints endpoints(String name, EndpointSubset... subsets) {
    return new Endpoints(ObjectMeta.named("default", name), List.of(subsets));
  }

  static EndpointAddress addr(String ip) {
    return new EndpointAddress(ip, null, null, null);
  }

  @Test
  void portsMatchByNameAndOnlyReadyAddressesAreBackends() {
    Service web = service("web", null, "10.96.0.20", null,
        new ServicePort("http", "TCP", 80, null, null), new ServicePort("dns", "UDP", 53, null, null));
    Endpoints eps = endpoints("web", new EndpointSubset(List.of(addr("10.244.2.7"), addr("10.244.1.5")),
        List.of(addr("10.244.3.9")),
        List.of(new EndpointPort("dns", 5353, "UDP"), new EndpointPort("http", 8080, "TCP"))));
    assertEquals(List.of(
        new ServiceFrontend("default/web:http/TCP", "TCP", "10.96.0.20", 80,
            List.of(new Backend("10.244.1.5", 8080), new Backend("10.244.2.7", 8080)), Affinity.NONE),
        new ServiceFrontend("default/web:dns/UDP", "UDP", "10.96.0.20", 53,
            List.of(new Backend("10.244.1.5", 5353), new Backend("10.244.2.7", 5353)), Affinity.NONE)),
        ServiceFrontends.build(List.of(web), List.of(eps)));
  }

  @Test
  void aSinglePortMatchesTheOnlyEndpointPortWhateverItsName() {
    Service s = service("one", null, "10.96.0.5", null, new ServicePort(null, null, 80, null, null));
    Endpoints eps = endpoints("one", new EndpointSubset(List.of(addr("10.244.0.2")), null,
        List.of(new EndpointPort(null, 8080, null))));
    assertEquals(List.of(new Backend("10.244.0.2", 8080)),
        ServiceFrontends.build(List.of(s), List.of(eps)).get(0).backends());
  }

  @Test
  void nodePortGetsAFrontendOnEveryAddressAndAffinityIsCarried() {
    Service s = service("np", "NodePort", "10.96.0.6", "ClientIP", new ServicePort("http", "TCP", 80, null, 30080));
    Endpoints eps = endpoints("np", new EndpointSubset(List.of(addr("10.244.0.2")), null,
        List.of(new EndpointPort("http", 8080, "TCP"))));
    List<ServiceFrontend> built = ServiceFrontends.build(List.of(s), List.of(eps));
    Affinity sticky = Affinity.clientIp(Affinity.DEFAULT_CLIENT_IP_TIMEOUT);
    List<Backend> backends = List.of(new Backend("10.244.0.2", 8080));
    assertEquals(List.of(
        new ServiceFrontend("default/np:http/TCP", "TCP", "10.96.0.6", 80, backends, sticky),
        new ServiceFrontend("default/np:http/TCP@nodePort", "TCP", "0.0.0.0", 30080, backends, sticky)), built);
  }

  @Test
  void aUdpNodePortGetsOneFrontendPerNodeAddressSoAnswersLeaveFromTheAddressAskedFor() {
    Service s = service("dns", "NodePort", "10.96.0.9", null, new ServicePort("dns", "UDP", 53, null, 30053));
    Endpoints eps = endpoints("dns", new EndpointSubset(List.of(addr("10.244.0.3")), null,
        List.of(new EndpointPort("dns", 5353, "UDP"))));
    List<ServiceFrontend> built = ServiceFrontends.build(List.of(s), List.of(eps),
        List.of("127.0.0.1", "192.0.2.11"));
    List<Backend> backends = List.of(new Backend("10.244.0.3", 5353));
    assertEquals(List.of(
        new ServiceFrontend("default/dns:dns/UDP", "UDP", "10.96.0.9", 53, backends, Affinity.NONE),
        new ServiceFrontend("default/dns:dns/UDP@nodePort/127.0.0.1", "UDP", "127.0.0.1", 30053, backends,
            Affinity.NONE),
        new ServiceFrontend("default/dns:dns/UDP@nodePort/192.0.2.11", "UDP", "192.0.2.11", 30053, backends,
            Affinity.NONE)), built);
  }

  @Test
  void headlessUnassignedAndSctpGetNoFrontendAndNoEndpointsMeansNoBackends() {
    List<ServiceFrontend> built = ServiceFrontends.build(List.of(
        service("headless", null, "None", null, new ServicePort(null, null, 80, null, null)),
        service("pending", null, null, null, new ServicePort(null, null, 80, null, null)),
        service("sctp", null, "10.96.0.7", null, new ServicePort(null, "SCTP", 80, null, null)),
        service("empty", null, "10.96.0.8", null, new ServicePort(null, null, 80, null, null))), List.of());
    assertEquals(List.of(new ServiceFrontend("default/empty:80/TCP", "TCP", "10.96.0.8", 80, List.of(), Affinity.NONE)),
        built);
  }
}
