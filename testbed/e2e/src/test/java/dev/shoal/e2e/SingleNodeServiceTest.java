package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Services within a single node, with the agent's default pod network (the test bed starts agents
 * without {@code --pod-network}): every pod of the class is pinned to h1 (node selector {@code
 * kubernetes.io/hostname}), so client, replicas and translation all live on one node while h2 and
 * h3 serve the other classes of the shared bed. A pod reaches a Service by name and the replica
 * sees the pod's own address, a Service without endpoints refuses at once, a replica reaches itself
 * through its Service, and the dataplane table puts back what is deleted from it by hand within a
 * second.
 */
@SharedBed(namespace = SingleNodeServiceTest.NS)
class SingleNodeServiceTest extends ThreeHostTestbed {

  static final String NS = "single";
  static final String MANIFESTS =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: single}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            nodeSelector: {kubernetes.io/hostname: h1}
            terminationGracePeriodSeconds: 1
            containers:
            - name: web
              image: shoal-test/netecho:1
              command: ["netecho", "serve", "8080"]
              ports: [{name: tcp, containerPort: 8080}]
              readinessProbe:
                tcpSocket: {port: tcp}
                periodSeconds: 1
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: single}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: tcp}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: nobody, namespace: single}
      spec:
        selector: {app: nobody}
        ports: [{port: 80}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client, namespace: single}
      spec:
        nodeSelector: {kubernetes.io/hostname: h1}
        terminationGracePeriodSeconds: 1
        containers:
        - name: client
          image: shoal-test/netecho:1
          command: ["sleep", "3600"]
      """;

  static List<String> webPods = new ArrayList<>();
  static String clientIp;

  @BeforeAll
  static void deploy() {
    long start = System.nanoTime();
    Poll.until(
        "the manifests applied", SETTLE_LIMIT, () -> api(1).apply(MANIFESTS), result -> true);
    Poll.until(
        "2 web endpoints and a running client",
        SETTLE_LIMIT,
        () ->
            Probes.readyAddresses(api(1), NS, "web") == 2
                && PodView.of(api(1).get("/api/v1/namespaces/" + NS + "/pods/client")).serving(),
        ok -> ok);
    api(1)
        .get("/api/v1/namespaces/" + NS + "/pods?labelSelector=app%3Dweb")
        .path("items")
        .forEach(p -> webPods.add(p.path("metadata").path("name").asText()));
    clientIp =
        api(1)
            .get("/api/v1/namespaces/" + NS + "/pods/client")
            .path("status")
            .path("podIP")
            .asText();
    figure("single-ready 2 web pods %s and a client (%s) in %s", webPods, clientIp, since(start));
    Set<String> nodes = new TreeSet<>();
    api(1)
        .get("/api/v1/namespaces/" + NS + "/pods")
        .path("items")
        .forEach(p -> nodes.add(PodView.of(p).node()));
    assertEquals(Set.of("h1"), nodes, "the nodes of the class's pods");
  }

  @Test
  void aPodReachesAServiceByNameAndTheReplicaSeesThePodsAddress() {
    Set<String> answered = new TreeSet<>();
    Set<String> seen = new TreeSet<>();
    for (String line :
        Probes.inPod(
                host(1),
                NS,
                "client",
                "for i in 1 2 3 4; do nc -w 3 web 80 </dev/null | head -n 1; done")
            .lines()
            .toList()) {
      String[] words = line.trim().split(" ");
      assertEquals(2, words.length, "greeting: '" + line + "'");
      answered.add(words[0]);
      seen.add(words[1].substring(0, words[1].lastIndexOf(':')));
    }
    figure("single-by-name 4 connections to web:80 answered by %s, who saw %s", answered, seen);
    assertEquals(new TreeSet<>(webPods), answered, "both replicas, round-robin");
    assertEquals(Set.of(clientIp), seen, "the replicas see the client pod's own address");
  }

  @Test
  void aServiceWithoutEndpointsRefusesAtOnce() {
    long start = System.nanoTime();
    String out =
        Probes.inPod(host(1), NS, "client", "nc -w 5 nobody 80 </dev/null 2>&1; true").trim();
    figure(
        "single-no-endpoints nc to nobody:80: '%s' (docker exec round trip %s)", out, since(start));
    assertTrue(out.contains("Connection refused"), "refused, not timed out or routed out: " + out);
  }

  @Test
  void aReplicaReachesItselfThroughItsService() {
    String self = webPods.get(0);
    Set<String> answered =
        new TreeSet<>(
            Probes.inPod(
                    host(1),
                    NS,
                    self,
                    "for i in 1 2 3 4; do nc -w 3 web 80 </dev/null | head -n 1 | cut -d' ' -f1; done")
                .lines()
                .toList());
    figure("single-hairpin %s through web:80 answered by %s", self, answered);
    assertTrue(answered.contains(self), "hairpin: " + answered);
  }

  @Test
  void whatIsDeletedFromTheTableByHandIsBackWithinASecond() {
    JsonNode svc = api(1).get("/api/v1/namespaces/" + NS + "/services/web");
    String element = svc.path("spec").path("clusterIP").asText() + " . tcp . 80";
    testbed.exec(
        host(1), "nft", "delete", "element", "inet", "shoal", "service-ips", "{ " + element + " }");
    long deleted = System.nanoTime();
    Poll.until(
        "the element back",
        java.time.Duration.ofSeconds(10),
        () -> testbed.exec(host(1), "nft", "list", "map", "inet", "shoal", "service-ips"),
        l -> l.contains(element));
    double elementBack = (System.nanoTime() - deleted) / 1e9;
    testbed.exec(host(1), "nft", "flush", "chain", "inet", "shoal", "services");
    long flushed = System.nanoTime();
    Poll.until(
        "the services chain's rules back",
        java.time.Duration.ofSeconds(10),
        () -> testbed.exec(host(1), "nft", "list", "chain", "inet", "shoal", "services"),
        l -> l.contains("vmap"));
    double rulesBack = (System.nanoTime() - flushed) / 1e9;
    figure(
        "single-drift a deleted map element back in %.3f s, a flushed chain in %.3f s (each including one "
            + "test bed round trip)",
        elementBack, rulesBack);
    assertTrue(elementBack < 1.0 && rulesBack < 1.0, elementBack + " s, " + rulesBack + " s");
  }
}
