package dev.shoal.agent.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's service-link variables, compared with what Kubernetes gives a pod for the same
 * services.
 */
class ServiceEnvTest {

  static Service service(String ns, String name, String ip, ServicePort... ports) {
    return new Service(
        ObjectMeta.named(ns, name),
        new ServiceSpec(null, null, List.of(ports), ip, null, null, null),
        null);
  }

  @Test
  void namedPortsAndDockerLinkVariables() {
    Service redis =
        service(
            "default",
            "redis-primary",
            "10.0.0.11",
            new ServicePort("redis", "TCP", 6379, null, null),
            new ServicePort("metrics", "UDP", 9121, null, null));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("REDIS_PRIMARY_SERVICE_HOST", "10.0.0.11");
    expected.put("REDIS_PRIMARY_SERVICE_PORT", "6379");
    expected.put("REDIS_PRIMARY_SERVICE_PORT_REDIS", "6379");
    expected.put("REDIS_PRIMARY_SERVICE_PORT_METRICS", "9121");
    expected.put("REDIS_PRIMARY_PORT", "tcp://10.0.0.11:6379");
    expected.put("REDIS_PRIMARY_PORT_6379_TCP", "tcp://10.0.0.11:6379");
    expected.put("REDIS_PRIMARY_PORT_6379_TCP_PROTO", "tcp");
    expected.put("REDIS_PRIMARY_PORT_6379_TCP_PORT", "6379");
    expected.put("REDIS_PRIMARY_PORT_6379_TCP_ADDR", "10.0.0.11");
    expected.put("REDIS_PRIMARY_PORT_9121_UDP", "udp://10.0.0.11:9121");
    expected.put("REDIS_PRIMARY_PORT_9121_UDP_PROTO", "udp");
    expected.put("REDIS_PRIMARY_PORT_9121_UDP_PORT", "9121");
    expected.put("REDIS_PRIMARY_PORT_9121_UDP_ADDR", "10.0.0.11");
    assertEquals(expected, ServiceEnv.forPod("default", List.of(redis)));
    assertEquals(
        List.copyOf(expected.keySet()),
        List.copyOf(ServiceEnv.forPod("default", List.of(redis)).keySet()));
  }

  @Test
  void unnamedPortDefaultsToTcpAndHasNoNamedVariable() {
    Map<String, String> env =
        ServiceEnv.forPod(
            "default",
            List.of(
                service(
                    "default", "web", "10.0.0.20", new ServicePort(null, null, 80, null, null))));
    assertEquals(
        Map.of(
            "WEB_SERVICE_HOST",
            "10.0.0.20",
            "WEB_SERVICE_PORT",
            "80",
            "WEB_PORT",
            "tcp://10.0.0.20:80",
            "WEB_PORT_80_TCP",
            "tcp://10.0.0.20:80",
            "WEB_PORT_80_TCP_PROTO",
            "tcp",
            "WEB_PORT_80_TCP_PORT",
            "80",
            "WEB_PORT_80_TCP_ADDR",
            "10.0.0.20"),
        env);
  }

  @Test
  void otherNamespacesHeadlessAndUnassignedServicesGiveNothing() {
    ServicePort p = new ServicePort(null, "TCP", 80, null, null);
    assertEquals(
        Map.of(),
        ServiceEnv.forPod(
            "default",
            List.of(
                service("other", "web", "10.0.0.1", p),
                service("default", "headless", "None", p),
                service("default", "pending", null, p))));
  }

  @Test
  void servicesComeInNameOrder() {
    ServicePort p = new ServicePort(null, "TCP", 80, null, null);
    Map<String, String> env =
        ServiceEnv.forPod(
            "default",
            List.of(
                service("default", "b", "10.0.0.2", p), service("default", "a", "10.0.0.1", p)));
    assertEquals("A_SERVICE_HOST", env.keySet().iterator().next());
  }
}
