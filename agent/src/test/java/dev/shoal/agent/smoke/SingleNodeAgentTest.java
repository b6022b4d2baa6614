package dev.shoal.agent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.AgentVerticle;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.tls.Certificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One whole agent (Hazelcast member, store, leader, scheduler, controllers, pod worker, DNS, API)
 * on this machine's Docker engine: a manifest goes in over HTTP and comes out as running
 * containers, endpoints and DNS answers; deleting the owner removes everything.
 */
@Tag("docker")
class SingleNodeAgentTest {

  static LocalAgent local;
  static String NS;
  static Vertx vertx;
  static AgentVerticle agent;
  static WebClient http;
  static Path dataDir;

  @BeforeAll
  static void start() throws Exception {
    local = LocalAgent.start("smoke", "--crash-backoff-ms", "200");
    NS = local.namespace;
    vertx = local.vertx;
    agent = local.agent;
    dataDir = local.dataDir;
    http =
        WebClientSession.create(WebClient.create(vertx, tlsTrusting(dataDir.resolve("ca.crt"))))
            .addHeader(
                "Authorization",
                "Bearer " + Files.readString(dataDir.resolve("admin.token")).trim());
  }

  /** A client for the agent's API that trusts the CA certificate in {@code caFile} only. */
  static WebClientOptions tlsTrusting(Path caFile) throws java.io.IOException {
    return new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(agent.apiPort())
        .setSsl(true)
        .setTrustOptions(
            new PemTrustOptions().addCertValue(Buffer.buffer(Files.readString(caFile))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void manifestBecomesRunningPodsEndpointsAndDnsThenGoesAway() throws Exception {
    assertEquals(
        201,
        post(
                "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                    + "\"metadata\":{\"name\":\""
                    + NS
                    + "\"}}")
            .statusCode());
    HttpResponse<Buffer> applied =
        send(
            HttpMethod.POST,
            "/apply?namespace=" + NS,
            "application/yaml",
            """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: shoal-test/busybox:1
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
                ports: [{name: http, containerPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          clusterIP: 10.96.77.7
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-direct}
        spec:
          clusterIP: None
          selector: {app: web}
          ports: [{name: http, port: 8080}]
        """);
    assertEquals(200, applied.statusCode(), applied.bodyAsString());

    eventually(
        "2 ready replicas",
        () ->
            json("/apis/apps/v1/namespaces/" + NS + "/replicasets/web")
                    .getJsonObject("status")
                    .getInteger("readyReplicas", 0)
                == 2);
    eventually(
        "2 endpoints",
        () ->
            json("/api/v1/namespaces/" + NS + "/endpoints/web")
                    .getJsonArray("subsets", new io.vertx.core.json.JsonArray())
                    .stream()
                    .mapToInt(s -> ((JsonObject) s).getJsonArray("addresses").size())
                    .sum()
                == 2);
    assertEquals(4, containers(), "a sandbox and an app container per pod");

    eventually(
        "the node's pod subnet",
        () ->
            json("/api/v1/nodes/" + NS + "-node")
                .getJsonObject("spec", new JsonObject())
                .getString("podCIDR", "")
                .startsWith("10.244."));

    String zone = NS + ".svc.cluster.local";
    assertEquals("10.96.77.7", dig("web." + zone).trim());
    assertEquals("0 100 80 web." + zone + ".", dig("_http._tcp.web." + zone, "SRV").trim());
    assertEquals("web." + zone + ".", dig("-x", "10.96.77.7").trim());
    assertEquals("\"1.1.0\"", dig("dns-version.cluster.local", "TXT").trim());
    assertEquals(
        "", dig("web." + zone, "AAAA").trim(), "a name with only A records has no AAAA data");
    assertTrue(dig("+noall", "+comments", "nosuch." + zone).contains("status: NXDOMAIN"));
    List<String> podIps =
        json("/api/v1/namespaces/" + NS + "/pods").getJsonArray("items").stream()
            .map(p -> ((JsonObject) p).getJsonObject("status").getString("podIP"))
            .sorted()
            .toList();
    assertEquals(
        podIps,
        dig("web-direct." + zone).lines().sorted().toList(),
        "a headless service answers its pods");
    String podName = podIps.get(0).replace('.', '-') + "." + NS + ".pod.cluster.local";
    assertEquals(podIps.get(0), dig(podName).trim());

    assertEquals(
        200,
        send(HttpMethod.DELETE, "/apis/apps/v1/namespaces/" + NS + "/replicasets/web", null, null)
            .statusCode());
    eventually(
        "pods garbage-collected",
        () -> json("/api/v1/namespaces/" + NS + "/pods").getJsonArray("items").isEmpty());
    eventually("containers removed", () -> containers() == 0);
  }

  /**
   * dig against the agent's DNS; answers only ({@code +short}) unless the arguments ask otherwise.
   */
  static String dig(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("dig", "@127.0.0.1", "-p", Integer.toString(agent.dnsPort())));
    if (!args[0].startsWith("+")) {
      command.add("+short");
    }
    command.addAll(List.of(args));
    Process dig = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(dig.waitFor(10, TimeUnit.SECONDS));
    return new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  static int containers() {
    try {
      Process ps =
          new ProcessBuilder(
                  "docker", "ps", "-aq", "--filter", "label=dev.shoal.pod.namespace=" + NS)
              .redirectErrorStream(true)
              .start();
      ps.waitFor(10, TimeUnit.SECONDS);
      return (int)
          new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().count();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject json(String path) {
    try {
      return send(HttpMethod.GET, path, null, null).bodyAsJsonObject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSecretReachesAPodAsAFileAndAnEnvironmentVariable() throws Exception {
    String ns = NS + "-sec";
    assertEquals(
        201,
        post(
                "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                    + "\"metadata\":{\"name\":\""
                    + ns
                    + "\"}}")
            .statusCode());
    HttpResponse<Buffer> applied =
        send(
            HttpMethod.POST,
            "/apply?namespace=" + ns,
            "application/yaml",
            """
        apiVersion: v1
        kind: Secret
        metadata: {name: db}
        stringData: {password: s3cr3t-value}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: reader}
        spec:
          terminationGracePeriodSeconds: 0
          volumes: [{name: creds, secret: {secretName: db}}]
          containers:
          - name: main
            image: shoal-test/busybox:1
            command: ["sh", "-c", "echo env=$PASSWORD file=$(cat /creds/password); sleep 3600"]
            env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]
            volumeMounts: [{name: creds, mountPath: /creds}]
        """);
    assertEquals(200, applied.statusCode(), applied.bodyAsString());
    eventually(
        "the pod prints the secret from both places",
        () -> {
          try {
            return send(HttpMethod.GET, "/api/v1/namespaces/" + ns + "/pods/reader/log", null, null)
                .bodyAsString()
                .contains("env=s3cr3t-value file=s3cr3t-value");
          } catch (Exception e) {
            return false;
          }
        });
    // Deleting the namespace takes the pod with it; the agent would re-create containers removed by
    // hand.
    assertEquals(200, send(HttpMethod.DELETE, "/api/v1/namespaces/" + ns, null, null).statusCode());
    eventually(
        "the pod's containers are gone",
        () -> {
          try {
            return new String(
                    new ProcessBuilder(
                            "sh",
                            "-c",
                            "docker ps -aq --filter label=dev.shoal.pod.namespace=" + ns)
                        .start()
                        .getInputStream()
                        .readAllBytes())
                .isBlank();
          } catch (IOException e) {
            return false;
          }
        });
  }

  /**
   * The whole path on one agent: a Deployment's pod reads a ConfigMap as env and files, and a
   * change of the ConfigMap (through the API, the store and the agent's watch) reaches the file of
   * the running container without a restart; prints the delay from the PATCH to the new content.
   */
  @Test
  void aConfigMapReachesADeploymentAsEnvAndFilesAndFollowsAnUpdate() throws Exception {
    String ns = NS + "-cm";
    assertEquals(
        201,
        post(
                "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                    + "\"metadata\":{\"name\":\""
                    + ns
                    + "\"}}")
            .statusCode());
    HttpResponse<Buffer> applied =
        send(
            HttpMethod.POST,
            "/apply?namespace=" + ns,
            "application/yaml",
            """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-config}
        data: {mode: v0}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 0
              volumes: [{name: config, configMap: {name: web-config}}]
              containers:
              - name: web
                image: shoal-test/busybox:1
                command: ["sh", "-c", "echo env=$MODE file=$(cat /etc/web/mode); sleep 3600"]
                env: [{name: MODE, valueFrom: {configMapKeyRef: {name: web-config, key: mode}}}]
                volumeMounts: [{name: config, mountPath: /etc/web}]
        """);
    assertEquals(200, applied.statusCode(), applied.bodyAsString());
    String[] container = new String[1];
    eventually(
        "the pod's container runs",
        () -> {
          container[0] =
              docker(
                      "ps",
                      "-q",
                      "--filter",
                      "label=dev.shoal.pod.namespace=" + ns,
                      "--filter",
                      "label=dev.shoal.container=web")
                  .strip();
          return !container[0].isEmpty()
              && docker("exec", container[0], "cat", "/etc/web/mode").equals("v0");
        });
    List<Long> delays = new java.util.ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String value = "v" + i;
      long start = System.nanoTime();
      HttpResponse<Buffer> patched =
          send(
              HttpMethod.PATCH,
              "/api/v1/namespaces/" + ns + "/configmaps/web-config",
              "application/merge-patch+json",
              "{\"data\":{\"mode\":\"" + value + "\"}}");
      assertEquals(200, patched.statusCode(), patched.bodyAsString());
      eventually(
          "the new value in the running container's file",
          () -> docker("exec", container[0], "cat", "/etc/web/mode").equals(value));
      delays.add((System.nanoTime() - start) / 1_000_000);
    }
    System.out.println("RESULT configmap-patch-to-container-file-ms " + delays);
    // The real kubectl finds configmaps (and their short name) through discovery. (Its create
    // sends protobuf, which Shoal does not read; the object is posted as JSON instead.)
    HttpResponse<Buffer> literal =
        send(
            HttpMethod.POST,
            "/api/v1/namespaces/" + ns + "/configmaps",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"literal\"},"
                + "\"data\":{\"greeting\":\"hello\"}}");
    assertEquals(201, literal.statusCode(), literal.bodyAsString());
    assertEquals(
        "configmap/literal\nconfigmap/web-config\n", kubectl("get", "cm", "-n", ns, "-o", "name"));
    assertEquals(
        "hello",
        kubectl("get", "configmap", "literal", "-n", ns, "-o", "jsonpath={.data.greeting}"));
    assertEquals(
        container[0],
        docker(
                "ps",
                "-q",
                "--filter",
                "label=dev.shoal.pod.namespace=" + ns,
                "--filter",
                "label=dev.shoal.container=web")
            .strip(),
        "the same container: an update of the files restarts nothing");
    assertTrue(
        send(
                HttpMethod.GET,
                "/api/v1/namespaces/" + ns + "/pods?labelSelector=app%3Dweb",
                null,
                null)
            .bodyAsString()
            .contains("web-"));
    assertEquals(200, send(HttpMethod.DELETE, "/api/v1/namespaces/" + ns, null, null).statusCode());
  }

  /** Runs the real kubectl against this agent (its admin kubeconfig); gives its output. */
  private static String kubectl(String... args) {
    try {
      LocalAgent.Run run = local.kubectl(args);
      return run.out() + run.err();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the docker CLI and gives its standard output. */
  private static String docker(String... args) {
    return run("docker", List.of(args));
  }

  private static String run(String program, List<String> args) {
    try {
      List<String> command = new java.util.ArrayList<>(List.of(program));
      command.addAll(args);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  @Test
  void aFailingProbeIsExplainedInThePodsStatusAndInItsEvents() throws Exception {
    String ns = NS + "-ev";
    assertEquals(
        201,
        post(
                "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                    + "\"metadata\":{\"name\":\""
                    + ns
                    + "\"}}")
            .statusCode());
    HttpResponse<Buffer> applied =
        send(
            HttpMethod.POST,
            "/apply?namespace=" + ns,
            "application/yaml",
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: sick}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - name: main
            image: shoal-test/busybox:1
            command: ["sh", "-c", "exec sleep 3600"]
            readinessProbe: {exec: {command: [cat, /ready]}, periodSeconds: 1, failureThreshold: 1}
        """);
    assertEquals(200, applied.statusCode(), applied.bodyAsString());
    String events = "/api/v1/namespaces/" + ns + "/events?fieldSelector=involvedObject.name%3Dsick";
    eventually(
        "a counted Unhealthy event served from the events map",
        () ->
            items(events).stream()
                .anyMatch(
                    e ->
                        "Unhealthy".equals(e.getString("reason"))
                            && e.getInteger("count") > 1
                            && e.getString("message")
                                .startsWith(
                                    "Readiness probe failed: command failed with exit code 1")));
    assertTrue(
        items(events).stream().anyMatch(e -> "Started".equals(e.getString("reason"))),
        items(events).toString());
    eventually(
        "the reason in the Ready condition",
        () ->
            json("/api/v1/namespaces/" + ns + "/pods/sick")
                .getJsonObject("status")
                .getJsonArray("conditions")
                .stream()
                .map(JsonObject.class::cast)
                .anyMatch(
                    c ->
                        "Ready".equals(c.getString("type"))
                            && c.getString("message", "")
                                .contains(
                                    "Readiness probe failed: command failed with exit code 1")));
    assertTrue(
        items("/apis/events.k8s.io/v1/namespaces/" + ns + "/events").stream()
            .anyMatch(e -> "sick".equals(e.getJsonObject("regarding").getString("name"))),
        "the events.k8s.io view");
    assertEquals(200, send(HttpMethod.DELETE, "/api/v1/namespaces/" + ns, null, null).statusCode());
  }

  static List<JsonObject> items(String path) {
    return json(path).getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void apiNeedsTlsVerifiedWithTheClusterCaAndAToken() throws Exception {
    // The CA a client fetches from the open /ca.crt path is the one in the data dir, and verifies
    // the node.
    WebClient trustAll =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(agent.apiPort())
                .setSsl(true)
                .setTrustAll(true)
                .setVerifyHost(false));
    HttpResponse<Buffer> fetched = await(trustAll.get("/ca.crt").send());
    assertEquals(200, fetched.statusCode());
    Path fetchedCa = Files.createTempFile("fetched-ca", ".crt");
    Files.writeString(fetchedCa, fetched.bodyAsString());
    assertEquals(Files.readString(dataDir.resolve("ca.crt")), fetched.bodyAsString());
    WebClient verified = WebClient.create(vertx, tlsTrusting(fetchedCa));
    assertEquals(200, await(verified.get("/healthz").send()).statusCode());

    // Another CA does not verify this node: the handshake fails before any request is made.
    Path otherCa = Files.createTempFile("other-ca", ".crt");
    Files.writeString(otherCa, Certificates.pem(Certificates.newCa("someone-else").certificate()));
    WebClient wrongCa = WebClient.create(vertx, tlsTrusting(otherCa));
    Throwable refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            Exception.class, () -> await(wrongCa.get("/healthz").send()));
    assertTrue(
        String.valueOf(refused).toLowerCase().contains("ssl")
            || String.valueOf(refused).contains("cert")
            || String.valueOf(refused).contains("PKIX"),
        "a TLS failure, not " + refused);

    // Verified but anonymous: the health probes answer, nothing else does.
    assertEquals(200, await(verified.get("/readyz").send()).statusCode());
    HttpResponse<Buffer> anonymous = await(verified.get("/api/v1/namespaces/default/pods").send());
    assertEquals(401, anonymous.statusCode());
    assertEquals("Unauthorized", anonymous.bodyAsJsonObject().getString("reason"));

    // The admin token the first node wrote is readable by its owner only.
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dataDir.resolve("admin.token"))));
    assertEquals(
        200, send(HttpMethod.GET, "/api/v1/namespaces/default/pods", null, null).statusCode());
  }

  static HttpResponse<Buffer> post(String path, String json) throws Exception {
    return send(HttpMethod.POST, path, "application/json", json);
  }

  static HttpResponse<Buffer> send(HttpMethod method, String path, String type, String body)
      throws Exception {
    var request = http.request(method, path);
    if (type != null) {
      request.putHeader("Content-Type", type);
    }
    return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  /** Polls every 200 ms (each check is a request to the agent), for up to a minute. */
  static void eventually(String what, Supplier<Boolean> condition) throws Exception {
    Eventually.check(condition::get, Duration.ofSeconds(60), Duration.ofMillis(200), what);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }
}
