package dev.shoal.manifests.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.manifests.codec.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelJsonTest {
  private final ObjectMapper mapper = Json.mapper();

  @Test
  void podWritesKubernetesShapeAndReadsBack() throws Exception {
    Container c =
        Container.of("web", "shoal-test/busybox:1")
            .withPorts(List.of(new ContainerPort("http", 80, null, "TCP")))
            .withReadinessProbe(
                new Probe(
                    null,
                    new TCPSocketAction(IntOrString.of("http"), null),
                    null,
                    1,
                    2,
                    null,
                    null,
                    null));
    Pod pod =
        new Pod(
            ObjectMeta.named("default", "p")
                .withCreationTimestamp(Instant.parse("2026-11-29T12:00:00Z")),
            PodSpec.of(List.of(c)),
            PodStatus.phase("Pending"));
    String json = mapper.writeValueAsString(pod);
    assertTrue(json.startsWith("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"), json);
    assertTrue(json.contains("\"creationTimestamp\":\"2026-11-29T12:00:00Z\""), json);
    assertTrue(json.contains("\"port\":\"http\""), json);
    assertTrue(!json.contains("null"), json);
    assertEquals(pod, mapper.readValue(json, Pod.class));
  }

  @Test
  void intOrStringReadsNumbersAndNames() throws Exception {
    ServicePort p = mapper.readValue("{\"port\":80,\"targetPort\":8080}", ServicePort.class);
    assertEquals(IntOrString.of(8080), p.targetPort());
    ServicePort named =
        mapper.readValue("{\"port\":80,\"targetPort\":\"http\"}", ServicePort.class);
    assertEquals(IntOrString.of("http"), named.targetPort());
  }

  @Test
  void statusLooksLikeKubernetes() throws Exception {
    String json = mapper.writeValueAsString(Status.notFound("apps", "replicasets", "web"));
    assertEquals(
        "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
            + "\"message\":\"replicasets.apps \\\"web\\\" not found\",\"reason\":\"NotFound\","
            + "\"details\":{\"name\":\"web\",\"group\":\"apps\",\"kind\":\"replicasets\"},\"code\":404}",
        json);
    assertEquals(
        Status.notFound("apps", "replicasets", "web"), mapper.readValue(json, Status.class));
  }

  @Test
  void everyKindAgreesWithItsRecord() throws Exception {
    for (KindInfo info : ResourceKinds.all()) {
      var components = info.type().getRecordComponents();
      Class<?>[] types =
          java.util.Arrays.stream(components).map(c -> c.getType()).toArray(Class<?>[]::new);
      Resource empty =
          info.type().getDeclaredConstructor(types).newInstance(new Object[types.length]);
      assertEquals(info.apiVersion(), empty.apiVersion(), info.kind());
      assertEquals(info.kind(), empty.kind());
      assertEquals(info, ResourceKinds.of(empty));
      String json = mapper.writeValueAsString(empty);
      assertEquals(
          "{\"apiVersion\":\"" + info.apiVersion() + "\",\"kind\":\"" + info.kind() + "\"}", json);
      assertEquals(empty, mapper.readValue(json, info.type()));
    }
  }

  @Test
  void kindsAreFoundByPluralAndByKind() {
    assertEquals(
        ReplicaSet.class,
        ResourceKinds.byGroupAndPlural("apps", "replicasets").orElseThrow().type());
    assertEquals(
        "networking.k8s.io/v1", ResourceKinds.byKind("NetworkPolicy").orElseThrow().apiVersion());
    assertEquals(false, ResourceKinds.of(Namespace.named("x")).namespaced());
    assertEquals(Map.of(), ObjectMeta.named("a", "b").labelsOrEmpty());
  }
}
