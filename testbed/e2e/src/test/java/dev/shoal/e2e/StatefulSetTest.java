package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet of three with a claim each on the three hosts: every pod appends its name to a file
 * on its own node-local volume at each start; a deleted pod comes back with the same name, on the
 * same node, and finds its file; scaled to one and back to three the pods find theirs again; {@code
 * web-1.web} resolves from another pod through the headless service.
 */
@SharedBed(namespace = StatefulSetTest.NS)
class StatefulSetTest extends ThreeHostTestbed {

  static final String NS = "sts";
  static final String MANIFESTS =
      """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: sts}
      spec:
        clusterIP: None
        selector: {app: web}
        ports: [{name: web, port: 80}]
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web, namespace: sts}
      spec:
        serviceName: web
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            terminationGracePeriodSeconds: 1
            containers:
            - name: main
              image: shoal-test/busybox:1
              imagePullPolicy: IfNotPresent
              command: ["sh", "-c", "hostname >> /data/started; exec sleep 3600"]
              volumeMounts:
              - {name: data, mountPath: /data}
        volumeClaimTemplates:
        - metadata: {name: data}
          spec:
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: 1Gi}}
      """;

  private static List<PodView> serving(int count) {
    return Poll.until(
        count + " serving web pods",
        SETTLE_LIMIT,
        () -> api(1).pods(NS, "app=web").stream().filter(PodView::serving).toList(),
        p -> p.size() == count && api(1).pods(NS, "app=web").size() == count);
  }

  private static Map<String, String> nodes(List<PodView> pods) {
    Map<String, String> byName = new TreeMap<>();
    pods.forEach(p -> byName.put(p.name(), p.node()));
    return byName;
  }

  private static String started(PodView pod) {
    return Probes.inPod(hostNamed(pod.node()), NS, pod.name(), "cat /data/started").strip();
  }

  private static PodView named(List<PodView> pods, String name) {
    return pods.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void stableNamesNodesDataAndDns() {
    long start = System.nanoTime();
    api(2).apply(MANIFESTS);
    List<PodView> pods = serving(3);
    figure("statefulset web 3 pods serving in %s (%s)", since(start), spread(pods));
    Map<String, String> placed = nodes(pods);
    assertEquals(List.of("web-0", "web-1", "web-2"), List.copyOf(placed.keySet()));
    for (PodView pod : pods) {
      assertEquals(pod.name(), started(pod), "each pod's own volume");
      JsonNode claim =
          api(1).get("/api/v1/namespaces/sts/persistentvolumeclaims/data-" + pod.name());
      assertEquals("Bound", claim.path("status").path("phase").asText());
      String volume = claim.path("spec").path("volumeName").asText();
      JsonNode pv = api(3).get("/api/v1/persistentvolumes/" + volume);
      assertEquals(
          pod.node(),
          pv.path("spec")
              .path("nodeAffinity")
              .path("required")
              .path("nodeSelectorTerms")
              .path(0)
              .path("matchExpressions")
              .path(0)
              .path("values")
              .path(0)
              .asText(),
          "the volume is on the pod's node");
    }

    PodView web0 = named(pods, "web-0");
    String lookup =
        Probes.inPod(
            hostNamed(web0.node()), NS, "web-0", "nslookup web-1.web.sts.svc.cluster.local; true");
    String web1Ip =
        api(1).get("/api/v1/namespaces/sts/pods/web-1").path("status").path("podIP").asText();
    assertTrue(lookup.contains(web1Ip), "web-1.web resolves to " + web1Ip + ": " + lookup);

    PodView web1 = named(pods, "web-1");
    long deleted = System.nanoTime();
    api(1).delete("/api/v1/namespaces/sts/pods/web-1");
    List<PodView> back =
        Poll.until(
            "web-1 back with a new uid",
            SETTLE_LIMIT,
            () -> api(1).pods(NS, "app=web").stream().filter(PodView::serving).toList(),
            p ->
                p.size() == 3
                    && p.stream()
                        .anyMatch(x -> x.name().equals("web-1") && !x.uid().equals(web1.uid())));
    figure("statefulset web-1 deleted and serving again in %s", since(deleted));
    assertEquals(placed, nodes(back), "same names on the same nodes");
    assertEquals("web-1\nweb-1", started(named(back, "web-1")), "web-1 found its data");

    long scaled = System.nanoTime();
    api(2)
        .mergePatch("/apis/apps/v1/namespaces/sts/statefulsets/web", "{\"spec\":{\"replicas\":1}}");
    List<PodView> one = serving(1);
    figure("statefulset web scaled to 1 in %s", since(scaled));
    assertEquals("web-0", one.get(0).name());
    assertEquals(
        3,
        api(1).get("/api/v1/namespaces/sts/persistentvolumeclaims").path("items").size(),
        "claims are kept on scale-down");

    scaled = System.nanoTime();
    api(3)
        .mergePatch("/apis/apps/v1/namespaces/sts/statefulsets/web", "{\"spec\":{\"replicas\":3}}");
    List<PodView> three = serving(3);
    figure("statefulset web scaled back to 3 in %s", since(scaled));
    assertEquals(placed, nodes(three), "same nodes after scaling back");
    assertEquals("web-0", started(named(three, "web-0")));
    assertEquals("web-1\nweb-1\nweb-1", started(named(three, "web-1")));
    assertEquals("web-2\nweb-2", started(named(three, "web-2")));

    JsonNode status = api(1).get("/apis/apps/v1/namespaces/sts/statefulsets/web").path("status");
    assertEquals(3, status.path("readyReplicas").asInt());
    assertEquals(status.path("currentRevision").asText(), status.path("updateRevision").asText());
  }

  private static Host hostNamed(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }
}
