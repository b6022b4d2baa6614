package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EndpointsControllerTest {

  private static final Map<String, String> APP = Map.of("app", "web");

  static Service service(String name, ServicePort... ports) {
    return new Service(
        ObjectMeta.named("ns", name),
        new ServiceSpec(null, APP, List.of(ports), null, null, null, null),
        null);
  }

  static Pod pod(String name, String ip, boolean ready, String portName, int port) {
    Pod p =
        TestObjects.pod(
            "ns",
            name,
            APP,
            TestObjects.withPort(TestObjects.container(null, null), portName, port, null));
    PodStatus status =
        PodStatus.phase("Running")
            .withIPs("192.0.2.1", ip)
            .withConditions(
                List.of(
                    new PodCondition(
                        "Ready", ready ? "True" : "False", null, null, null, Instant.now())));
    return p.withSpec(p.spec().withNodeName("n1")).withStatus(status);
  }

  @Test
  void namedTargetPortsGroupPodsIntoSubsetsAndSplitReadiness() {
    Service svc = service("web", new ServicePort("http", "TCP", 80, IntOrString.of("http"), null));
    List<EndpointSubset> subsets =
        EndpointsBuilder.build(
            svc,
            List.of(
                pod("a", "198.18.0.1", true, "http", 8080),
                pod("b", "198.18.0.2", false, "http", 8080),
                pod("c", "198.18.0.3", true, "http", 9090),
                pod("d", "198.18.0.4", true, "metrics", 9100)));
    assertEquals(2, subsets.size());
    EndpointSubset first = subsets.get(0);
    assertEquals(
        List.of("198.18.0.1"), first.addresses().stream().map(EndpointAddress::ip).toList());
    assertEquals(
        List.of("198.18.0.2"),
        first.notReadyAddresses().stream().map(EndpointAddress::ip).toList());
    assertEquals(List.of(new EndpointPort("http", 8080, "TCP")), first.ports());
    assertEquals("n1", first.addresses().get(0).nodeName());
    assertEquals("a", first.addresses().get(0).targetRef().name());
    assertEquals(List.of(new EndpointPort("http", 9090, "TCP")), subsets.get(1).ports());
  }

  @Test
  void hostnameOnlyWhenTheSubdomainNamesTheService() {
    Pod named = pod("a", "198.18.0.1", true, "http", 80);
    named = named.withSpec(named.spec().withHostnameAndSubdomain("db-0", "web"));
    Service svc = service("web", new ServicePort(null, "TCP", 80, IntOrString.of(80), null));
    assertEquals(
        "db-0", EndpointsBuilder.build(svc, List.of(named)).get(0).addresses().get(0).hostname());
    Service other = service("other", new ServicePort(null, "TCP", 80, IntOrString.of(80), null));
    assertNull(EndpointsBuilder.build(other, List.of(named)).get(0).addresses().get(0).hostname());
  }

  @Test
  void endpointsFollowReadinessAndTheServiceLifetime(Vertx vertx) throws Exception {
    try (LeaderHarness h = new LeaderHarness(vertx, Duration.ofMinutes(5), "n1")) {
      h.kubelet.autoReady(false);
      await(
          h.store.create(
              service("web", new ServicePort("http", "TCP", 80, IntOrString.of("http"), null))));
      ObjectKey endpoints = new ObjectKey(Endpoints.KIND, "ns", "web");
      Eventually.check(() -> exists(h, endpoints));
      assertNull(((Endpoints) await(h.store.get(endpoints))).subsets());

      Pod p =
          TestObjects.pod(
              "ns",
              "a",
              APP,
              TestObjects.withPort(TestObjects.container(null, null), "http", 8080, null));
      await(h.store.create(p));
      Eventually.check(
          () -> subset(h, endpoints) != null && subset(h, endpoints).notReadyAddresses() != null);
      assertNull(subset(h, endpoints).addresses());
      await(h.kubelet.makeAllReady());
      Eventually.check(
          () ->
              subset(h, endpoints).addresses() != null
                  && subset(h, endpoints).notReadyAddresses() == null);
      assertEquals(8080, subset(h, endpoints).ports().get(0).port());
      String version = await(h.store.get(endpoints)).metadata().resourceVersion();

      // An unrelated change to the pod does not rewrite the endpoints.
      await(
          h.store.modify(
              ObjectKey.of(p),
              r -> r.withMetadata(r.metadata().withLabels(Map.of("app", "web", "x", "y")))));
      await(h.store.create(TestObjects.pod("ns", "unrelated", Map.of("app", "db"))));
      Eventually.check(
          () ->
              await(h.store.list(Pod.KIND, "ns")).items().stream()
                  .allMatch(r -> ((Pod) r).spec().nodeName() != null));
      assertEquals(version, await(h.store.get(endpoints)).metadata().resourceVersion());

      await(h.store.delete(ObjectKey.of(p)));
      Eventually.check(() -> subset(h, endpoints) == null);
      await(h.store.delete(new ObjectKey(Service.KIND, "ns", "web")));
      Eventually.check(() -> !exists(h, endpoints));
    }
  }

  private static EndpointSubset subset(LeaderHarness h, ObjectKey key) throws Exception {
    List<EndpointSubset> subsets = ((Endpoints) await(h.store.get(key))).subsets();
    return subsets == null ? null : subsets.get(0);
  }

  private static boolean exists(LeaderHarness h, ObjectKey key) throws Exception {
    return await(h.store.list(Endpoints.KIND, "ns")).items().stream()
        .anyMatch(r -> ObjectKey.of(r).equals(key));
  }
}
