package dev.shoal.agent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.AgentVerticle;
import dev.shoal.agent.config.ConfigLoader;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.StreamLines;
import dev.shoal.agent.runtime.docker.TestImages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two whole agents in this JVM sharing the machine's Docker engine, each on its own loopback
 * address (127.0.0.1 and 127.0.0.2, the same API port, as nodes of one cluster use): a pod bound to
 * node b has its log read through node a, tailed and followed, over TLS with the cluster CA and the
 * admin token; the followed stream keeps delivering while open, and closing it on a releases the
 * engine's log stream on b.
 */
@Tag("docker")
class PodLogAcrossNodesTest {
  static final String NS = "logs-" + UUID.randomUUID().toString().substring(0, 6);
  static final String NODE_A = NS + "-a";
  static final String NODE_B = NS + "-b";
  static Vertx vertxA;
  static Vertx vertxB;
  static Vertx client;
  static AgentVerticle a;
  static AgentVerticle b;
  static HttpClientAgent http;
  static String token;
  static Path kubeconfigA;

  /** Whether this test put node b's address on the loopback device (and so takes it off again). */
  static boolean addedAddress;

  @BeforeAll
  static void start() throws Exception {
    TestImages.ensure();
    // Hazelcast binds only to an interface's address; 127.0.0.2 answers on lo but is not listed
    // until added.
    if (!run("ip -4 -o addr show dev lo").contains("127.0.0.2/")) {
      run("ip addr add 127.0.0.2/32 dev lo");
      addedAddress = true;
    }
    Path dirA = Files.createTempDirectory("shoal-logs-a");
    Path dirB = Files.createTempDirectory("shoal-logs-b");
    int clusterPort = clusterPort();
    vertxA = Vertx.vertx();
    a =
        new AgentVerticle(
            ConfigLoader.load(
                List.of(
                    "--node-name",
                    NODE_A,
                    "--data-dir",
                    dirA.toString(),
                    "--api-host",
                    "127.0.0.1",
                    "--api-port",
                    "0",
                    "--cluster-host",
                    "127.0.0.1",
                    "--cluster-port",
                    Integer.toString(clusterPort),
                    "--dns-host",
                    "127.0.0.1",
                    "--dns-port",
                    "0",
                    "--firewall",
                    "false",
                    "--pod-network",
                    "bridge"),
                Map.of()));
    await(vertxA.deployVerticle(a));
    // Node b listens on the port a got, on its own address: the port every node of the cluster
    // uses.
    vertxB = Vertx.vertx();
    b =
        new AgentVerticle(
            ConfigLoader.load(
                List.of(
                    "--node-name",
                    NODE_B,
                    "--data-dir",
                    dirB.toString(),
                    "--api-host",
                    "127.0.0.2",
                    "--api-port",
                    Integer.toString(a.apiPort()),
                    "--cluster-host",
                    "127.0.0.2",
                    "--cluster-port",
                    Integer.toString(clusterPort),
                    "--join",
                    "127.0.0.1:" + clusterPort,
                    "--join-secret-file",
                    dirA.resolve("join.secret").toString(),
                    "--dns-host",
                    "127.0.0.2",
                    "--dns-port",
                    "0",
                    "--firewall",
                    "false",
                    "--pod-network",
                    "bridge"),
                Map.of()));
    await(vertxB.deployVerticle(b));
    token = Files.readString(dirA.resolve("admin.token")).trim();
    kubeconfigA = dirA.resolve("admin.kubeconfig");
    client = Vertx.vertx();
    http =
        client.createHttpClient(
            new HttpClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setTrustOptions(
                    new PemTrustOptions()
                        .addCertValue(Buffer.buffer(Files.readString(dirA.resolve("ca.crt"))))));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Vertx v : new Vertx[] {client, vertxB, vertxA}) {
      if (v != null) {
        await(v.close());
      }
    }
    new ProcessBuilder(
            "sh",
            "-c",
            "for ns in "
                + NS
                + " "
                + NS
                + "-x; do docker ps -aq --filter label=dev.shoal.pod.namespace=$ns"
                + " | xargs -r docker rm -f; done")
        .inheritIO()
        .start()
        .waitFor(60, TimeUnit.SECONDS);
    if (addedAddress) {
      run("ip addr del 127.0.0.2/32 dev lo");
    }
  }

  static String run(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(command + " failed: " + out);
    }
    return out;
  }

  @Test
  void aPodLogOfNodeBIsReadTailedAndFollowedThroughNodeA() throws Exception {
    StreamLines nodeB = stream("/api/v1/nodes?watch=true&fieldSelector=metadata.name%3D" + NODE_B);
    nodeB.await(l -> !l.isEmpty(), WAIT, "node b in the cluster");
    nodeB.cancel();
    assertEquals(
        201,
        send(
                "127.0.0.1",
                HttpMethod.POST,
                "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                    + NS
                    + "\"}}")
            .status);
    StreamLines talker =
        stream(
            "/api/v1/namespaces/" + NS + "/pods?watch=true&fieldSelector=metadata.name%3Dtalker");
    Answer created =
        send(
            "127.0.0.1",
            HttpMethod.POST,
            "/api/v1/namespaces/" + NS + "/pods",
            """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"talker"},
         "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,"containers":[{"name":"main",
           "image":"shoal-test/busybox:1",
           "command":["sh","-c","trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done"]}]}}
        """
                .formatted(NODE_B));
    assertEquals(201, created.status, created.body);
    talker.await(
        l -> l.stream().anyMatch(e -> phase(new JsonObject(e)).equals("Running")),
        WAIT,
        "the pod running on b");
    talker.cancel();
    String log = "/api/v1/namespaces/" + NS + "/pods/talker/log";

    int streamsBefore = engineStreams();
    StreamLines followed = stream(log + "?follow=true&tailLines=1");
    Eventually.check(
        () -> engineStreams() > streamsBefore, WAIT, "the engine's log stream open on b");
    int first = lastLine(followed.await(l -> lastLine(l) > 0, WAIT, "a first followed line"));
    followed.await(
        l -> lastLine(l) >= first + 3, WAIT, "newer lines keep arriving while the stream is open");
    followed.cancel();
    Eventually.check(
        () -> engineStreams() == streamsBefore,
        WAIT,
        "closing the client's stream releases b's engine stream");

    // The log now holds at least four lines.
    Answer tail = get("127.0.0.1", log + "?tailLines=2");
    assertEquals(200, tail.status, tail.body);
    assertTrue(
        tail.body.matches("line \\d+\\nline \\d+\\n"), "two lines through node a: " + tail.body);
    Answer direct = get("127.0.0.2", log + "?tailLines=1&timestamps=true");
    assertTrue(
        direct.body.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ line \\d+\\n"),
        "node b itself, with timestamps: " + direct.body);
    Answer limited = get("127.0.0.1", log + "?limitBytes=5");
    assertEquals("line ", limited.body);

    Answer pending =
        send(
            "127.0.0.1",
            HttpMethod.POST,
            "/api/v1/namespaces/" + NS + "/pods",
            """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nowhere"},
         "spec":{"nodeSelector":{"no-such":"node"},"containers":[{"name":"main","image":"shoal-test/busybox:1"}]}}
        """);
    assertEquals(201, pending.status, pending.body);
    Answer unbound = get("127.0.0.1", "/api/v1/namespaces/" + NS + "/pods/nowhere/log");
    assertEquals(400, unbound.status, unbound.body);
    assertTrue(unbound.body.contains("pod nowhere does not have a host assigned"), unbound.body);
  }

  /**
   * The real kubectl, pointed at node a, execs in a pod of node b: output, the exit code, stdin to
   * its end; node a relays the WebSocket to b.
   */
  @Test
  void kubectlExecInAPodOfNodeBThroughNodeA() throws Exception {
    String ns = NS + "-x";
    StreamLines nodeB = stream("/api/v1/nodes?watch=true&fieldSelector=metadata.name%3D" + NODE_B);
    nodeB.await(l -> !l.isEmpty(), WAIT, "node b in the cluster");
    nodeB.cancel();
    send(
        "127.0.0.1",
        HttpMethod.POST,
        "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
    StreamLines box =
        stream("/api/v1/namespaces/" + ns + "/pods?watch=true&fieldSelector=metadata.name%3Dbox");
    Answer created =
        send(
            "127.0.0.1",
            HttpMethod.POST,
            "/api/v1/namespaces/" + ns + "/pods",
            """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"box"},
         "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,"containers":[{"name":"main",
           "image":"shoal-test/busybox:1",
           "command":["sh","-c","trap 'exit 0' TERM; while true; do sleep 1; done"]}]}}
        """
                .formatted(NODE_B));
    assertEquals(201, created.status, created.body);
    box.await(
        l -> l.stream().anyMatch(e -> phase(new JsonObject(e)).equals("Running")),
        WAIT,
        "the pod running on b");
    box.cancel();
    String[] hostname =
        kubectl(null, "exec", "-n", ns, "box", "--", "sh", "-c", "echo on-b; exit 42");
    assertEquals("42", hostname[0], hostname[2]);
    assertEquals("on-b\n", hostname[1]);
    String[] cat = kubectl("through a\n", "exec", "-i", "-n", ns, "box", "--", "cat");
    assertEquals("0", cat[0], cat[2]);
    assertEquals("through a\n", cat[1]);
  }

  /** kubectl with node a's admin kubeconfig: exit code, stdout, stderr. */
  private static String[] kubectl(String stdin, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfigA));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Path input = Files.createTempFile("stdin", ".txt");
    Files.writeString(input, stdin == null ? "" : stdin);
    builder.redirectInput(input.toFile());
    Path err = Files.createTempFile("stderr", ".txt");
    builder.redirectError(err.toFile());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + args[0] + " did not end");
    }
    return new String[] {Integer.toString(p.exitValue()), out, Files.readString(err)};
  }

  private static final Duration WAIT = Duration.ofSeconds(120);

  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  /** The number of the last "line N" among {@code lines}, 0 if none. */
  private static int lastLine(List<String> lines) {
    int last = 0;
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        last = Integer.parseInt(m.group(1));
      }
    }
    return last;
  }

  private static String phase(JsonObject watchEvent) {
    return watchEvent
        .getJsonObject("object")
        .getJsonObject("status", new JsonObject())
        .getString("phase", "");
  }

  /** A streamed GET through node a (a watch, a followed log); fails unless it answers 200. */
  static StreamLines stream(String path) throws Exception {
    StreamLines lines = new StreamLines();
    HttpClientResponse response =
        await(
            http.request(
                    new RequestOptions()
                        .setHost("127.0.0.1")
                        .setPort(a.apiPort())
                        .setURI(path)
                        .putHeader("Authorization", "Bearer " + token))
                .compose(request -> request.send().map(lines::attach)));
    assertEquals(200, response.statusCode(), path);
    return lines;
  }

  /** docker-java reads each engine stream (events, followed logs) on a thread of this name. */
  private static int engineStreams() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("docker-java-stream"))
            .count();
  }

  record Answer(int status, String body) {}

  static Answer get(String host, String path) throws Exception {
    return send(host, HttpMethod.GET, path, null);
  }

  static Answer send(String host, HttpMethod method, String path, String json) throws Exception {
    HttpClientRequest request =
        await(
            http.request(
                new RequestOptions()
                    .setMethod(method)
                    .setHost(host)
                    .setPort(a.apiPort())
                    .setURI(path)
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("Content-Type", "application/json")));
    // The body is taken on the event loop as the answer arrives (asked later, it may be gone
    // already).
    return await(
        (json == null ? request.send() : request.send(json))
            .compose(
                response ->
                    response
                        .body()
                        .map(
                            body ->
                                new Answer(
                                    response.statusCode(),
                                    body.toString(StandardCharsets.UTF_8)))));
  }

  /** A port for both members (each on its own address), below the kernel's ephemeral range. */
  static int clusterPort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket one = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
        return one.getLocalPort(); // 127.0.0.2 is not on lo yet; nothing else binds it
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port in 20000-32000");
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
