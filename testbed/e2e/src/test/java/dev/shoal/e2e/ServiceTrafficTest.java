package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Traffic over the overlay: pods on different hosts reach each other by pod IP, a Service's ClusterIP
 * spreads connections round-robin over every replica on every host, and a NodePort answers on each host.
 * The replicas answer each connection with their hostname, which is their pod name.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceTrafficTest extends ThreeHostTestbed {

  static final String NS = "traffic";
  static final String MANIFESTS = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: traffic}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: echo, namespace: traffic}
      spec:
        replicas: 6
        selector: {matchLabels: {app: echo}}
        template:
          metadata: {labels: {app: echo}}
          spec:
            terminationGracePeriodSeconds: 1
            containers:
            - name: echo
              image: shoal-test/busybox:1
              command: ["nc", "-ll", "-p", "8080", "-e", "hostname"]
              ports: [{name: echo, containerPort: 8080}]
              readinessProbe:
                tcpSocket: {port: echo}
                periodSeconds: 1
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: echo, namespace: traffic}
      spec:
        selector: {app: echo}
        ports: [{name: echo, port: 80, targetPort: echo}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: echo-np, namespace: traffic}
      spec:
        type: NodePort
        selector: {app: echo}
        ports: [{name: echo, port: 81, targetPort: echo}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client, namespace: traffic}
      spec:
        nodeName: h2
        terminationGracePeriodSeconds: 1
        containers:
        - name: client
          image: shoal-test/busybox:1
          command: ["sleep", "3600"]
      """;

  static List<JsonNode> echoPods;

  @BeforeAll
  static void deploy() {
    long start = System.nanoTime();
    api(1).apply(MANIFESTS);
    echoPods = Poll.until("6 ready echo pods and a running client", SETTLE_LIMIT, () -> {
      List<JsonNode> ready = new ArrayList<>();
      api(1).get("/api/v1/namespaces/" + NS + "/pods?labelSelector=app%3Decho").path("items").forEach(p -> {
        if (PodView.of(p).serving()) {
          ready.add(p);
        }
      });
      boolean client = PodView.of(api(1).get("/api/v1/namespaces/" + NS + "/pods/client")).serving();
      return client ? ready : List.<JsonNode>of();
    }, ready -> ready.size() == 6);
    Poll.until("6 endpoints", SETTLE_LIMIT, () -> api(2).get("/api/v1/namespaces/" + NS + "/endpoints/echo")
        .path("subsets").path(0).path("addresses").size(), n -> n == 6);
    figure("traffic-ready 6 echo pods in %s", since(start));
  }

  @Test
  void aPodReachesAPodOnAnotherHostByPodIp() {
    for (JsonNode pod : echoPods) {
      if (pod.path("spec").path("nodeName").asText().equals("h2")) {
        continue;
      }
      String ip = pod.path("status").path("podIP").asText();
      String answer = fromClient("nc -w 3 " + ip + " 8080 </dev/null").trim();
      assertEquals(pod.path("metadata").path("name").asText(), answer,
          "answer of " + ip + " on " + pod.path("spec").path("nodeName").asText() + " to the client on h2");
    }
    figure("traffic-pod-ip the client on h2 reached the 4 echo pods on h1 and h3 by pod IP");
  }

  @Test
  void sixtyConnectionsToTheClusterIpReachEveryReplicaTenTimes() {
    String clusterIp = api(2).get("/api/v1/namespaces/" + NS + "/services/echo").path("spec").path("clusterIP").asText();
    long start = System.nanoTime();
    String answers = fromClient("for i in $(seq 60); do nc -w 3 " + clusterIp + " 80 </dev/null; done");
    Map<String, Long> perPod = answers.lines().filter(l -> !l.isBlank())
        .collect(Collectors.groupingBy(String::trim, TreeMap::new, Collectors.counting()));
    figure("traffic-round-robin 60 connections to %s:80 in %s: %s", clusterIp, since(start), perPod);
    Map<String, Long> expected = new TreeMap<>();
    echoPods.forEach(p -> expected.put(p.path("metadata").path("name").asText(), 10L));
    assertEquals(expected, perPod, "connections per replica");
  }

  @Test
  void theNodePortAnswersOnEveryHost() throws IOException {
    int nodePort = api(1).get("/api/v1/namespaces/" + NS + "/services/echo-np").path("spec").path("ports").path(0)
        .path("nodePort").asInt();
    assertTrue(nodePort >= 30000 && nodePort <= 32767, "nodePort " + nodePort);
    List<String> names = echoPods.stream().map(p -> p.path("metadata").path("name").asText()).toList();
    for (Host host : hosts) {
      String answer = Poll.until("an answer on " + host.name() + ":" + nodePort, SETTLE_LIMIT,
          () -> readLine(host.ip(), nodePort), names::contains);
      figure("traffic-nodeport %s:%d answered by %s", host.name(), nodePort, answer);
    }
  }

  /** Runs last: it takes h3 down. */
  @Test
  @Order(Integer.MAX_VALUE)
  void trafficThroughTheServiceRecoversOnceACrashedHostsEndpointsAreGone() {
    String clusterIp = api(2).get("/api/v1/namespaces/" + NS + "/services/echo").path("spec").path("clusterIP").asText();
    String probe = "ok=0; for i in $(seq 12); do nc -w 1 " + clusterIp + " 80 </dev/null | grep -q echo && ok=$((ok+1));"
        + " done; echo $ok";
    long start = System.nanoTime();
    testbed.crash(host(3));
    Poll.until("12 of 12 connections through " + clusterIp + " answered after h3 crashed", SETTLE_LIMIT,
        () -> fromClient(probe).trim(), "12"::equals);
    figure("traffic-after-crash every connection through the ClusterIP answered again %s after h3 crashed",
        since(start));
  }

  private static String fromClient(String script) {
    String container = testbed.docker(host(2), "ps", "-q", "--filter", "label=dev.shoal.pod.namespace=" + NS,
        "--filter", "label=dev.shoal.pod.name=client", "--filter", "label=dev.shoal.container.kind=app")
        .lines().findFirst().orElseThrow();
    return testbed.docker(host(2), "exec", container, "sh", "-c", script);
  }

  private static String readLine(String ip, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(ip, port), 2000);
      socket.setSoTimeout(3000);
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
