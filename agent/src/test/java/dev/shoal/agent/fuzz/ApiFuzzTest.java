package dev.shoal.agent.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoal.manifests.codec.Json;
import io.vertx.core.http.HttpMethod;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random and mutated manifests and odd requests against a real API server on a free
 * port (over the in-memory store): every answer must be a 2xx or a 4xx, every refusal a Kubernetes
 * Status, a refused request must write nothing, and afterwards the node must answer {@code
 * /healthz}, still take a valid manifest and open watches, and hold no more heap than a bound.
 * Replay a failure with {@code -Dshoal.fuzz.seed=N}; size the run with {@code
 * -Dshoal.fuzz.cases=N}.
 */
@Tag("fuzz")
class ApiFuzzTest {

  private static final long DEFAULT_SEED = 20261129L;
  private static final long HEAP_GROWTH_LIMIT = 256L * 1024 * 1024;
  private static final int WATCHES_PER_TOKEN = FuzzServer.WATCHES_PER_TOKEN;

  private FuzzServer node;
  private Sender sender;

  @BeforeEach
  void start(@TempDir Path dataDir) throws Exception {
    node = new FuzzServer(dataDir);
    sender = node.sender;
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void everyAnswerIsA2xxOr4xxStatusAndTheNodeStaysHealthy() throws Exception {
    long seed = Long.getLong("shoal.fuzz.seed", DEFAULT_SEED);
    int cases = Integer.getInteger("shoal.fuzz.cases", 6000);
    System.out.println(
        "fuzz: seed "
            + seed
            + ", "
            + cases
            + " cases (replay with -Dshoal.fuzz.seed="
            + seed
            + ")");
    long heapBefore = heapAfterGc();
    long started = System.nanoTime();
    long cpuBefore = processCpuNanos();

    CaseMix mix = new CaseMix(seed, node::objectsOf);
    Tally tally = new Tally();
    int refusedApplies = 0;
    for (int i = 0; i < cases; i++) {
      FuzzCase c = mix.next(i);
      long versionBefore = node.version();
      int objectsBefore = c.uri().startsWith("/apply") ? node.objectCount() : -1;
      long sent = System.nanoTime();
      Sender.Answer answer = sender.send(c);
      long millis = (System.nanoTime() - sent) / 1_000_000;
      if (millis > 1_000) {
        System.out.println(
            "fuzz: slow (" + millis + " ms, " + answer.status() + "): " + c.describe());
      }
      tally.count(c, answer.status(), millis);
      check(c, answer, tally);
      if (answer.status() >= 400 && node.version() != versionBefore) {
        tally.fail(
            c,
            "a refused request ("
                + answer.status()
                + ") wrote to the store (version "
                + versionBefore
                + " -> "
                + node.version()
                + "): "
                + text(answer));
      }
      if (objectsBefore >= 0 && answer.status() >= 400) {
        refusedApplies++;
        if (node.objectCount() != objectsBefore) {
          tally.fail(
              c,
              "a refused /apply changed the object count "
                  + objectsBefore
                  + " -> "
                  + node.objectCount());
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;

    Sender.Answer health =
        sender.send(FuzzCase.request(-1, "healthz", HttpMethod.GET, "/healthz", null, null));
    Sender.Answer create =
        sender.send(
            FuzzCase.request(
                -1,
                "after",
                HttpMethod.POST,
                "/api/v1/namespaces/default/pods",
                "application/yaml",
                """
            apiVersion: v1
            kind: Pod
            metadata: {name: after-the-fuzz}
            spec: {containers: [{name: main, image: shoal-test/busybox:1}]}
            """
                    .getBytes(StandardCharsets.UTF_8)));
    Sender.Answer read =
        sender.send(
            FuzzCase.request(
                -1,
                "after",
                HttpMethod.GET,
                "/api/v1/namespaces/default/pods/after-the-fuzz",
                null,
                null));
    // More watches than one token may hold at once, one after the other: none of the run's refused
    // watches
    // may still hold a slot.
    int watchesOpened = 0;
    for (int i = 0; i <= WATCHES_PER_TOKEN; i++) {
      watchesOpened +=
          sender.send(FuzzCase.watch(-1, "/api/v1/namespaces/default/pods?watch=true")).status()
                  == 200
              ? 1
              : 0;
    }
    long heapAfter = heapAfterGc();

    System.out.println(tally.summary());
    System.out.println("fuzz: by case kind:\n" + tally.perLabel());
    System.out.printf(
        "fuzz: %.1f s (%.1f s of CPU, server and client), %d objects stored, %d refused /apply wrote"
            + " nothing, %d of %d 400/422 named a field; heap after GC %d MB -> %d MB; /healthz %d; %d watches opened"
            + " after the run%n",
        seconds,
        cpuSeconds,
        node.objectCount(),
        refusedApplies,
        tally.withFieldPath,
        tally.invalidAnswers,
        heapBefore >> 20,
        heapAfter >> 20,
        health.status(),
        watchesOpened);
    tally.withoutField.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(20)
        .forEach(
            e ->
                System.out.println(
                    "fuzz: 400/422 without a field (" + e.getValue() + "x): " + e.getKey()));
    tally.failures.forEach(f -> System.out.println("fuzz FAILURE: " + f));

    assertTrue(
        tally.failures.isEmpty(),
        () ->
            tally.failures.size()
                + " cases broke a rule (seed "
                + seed
                + "), first: "
                + tally.failures.get(0));
    assertEquals(200, health.status(), "healthz after the run");
    assertEquals("ok", text(health));
    assertEquals(201, create.status(), "a valid create after the run: " + text(create));
    assertEquals(200, read.status(), "reading it back: " + text(read));
    assertEquals(
        WATCHES_PER_TOKEN + 1, watchesOpened, "watches opened after the run, one at a time");
    assertTrue(
        heapAfter - heapBefore < HEAP_GROWTH_LIMIT,
        "heap grew by " + ((heapAfter - heapBefore) >> 20) + " MB");
  }

  /** The rules every single answer must keep. */
  private static void check(FuzzCase c, Sender.Answer answer, Tally tally) {
    int status = answer.status();
    if (status == Sender.NO_ANSWER || (status == 0 && c.raw() == null)) {
      tally.fail(c, "no answer: " + text(answer));
      return;
    }
    if (status == 0) {
      return; // a raw request the server is still waiting on (a body shorter than its
      // Content-Length)
    }
    if (status == 501 && c.label().equals("raw-http-unknown-version")) {
      return; // answered by the HTTP codec itself; see CaseMix.UNKNOWN_VERSION
    }
    if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
      tally.fail(c, "answered " + status + ": " + text(answer));
      return;
    }
    if (status < 400 || c.method() == HttpMethod.HEAD) {
      return;
    }
    JsonNode body;
    try {
      body = Json.mapper().readTree(answer.body());
    } catch (Exception e) {
      tally.fail(c, status + " with a body that is not JSON: " + text(answer));
      return;
    }
    if (body == null
        || !"Status".equals(body.path("kind").asText())
        || !"v1".equals(body.path("apiVersion").asText())
        || !"Failure".equals(body.path("status").asText())
        || body.path("code").asInt() != status) {
      tally.fail(c, status + " with a body that is not a Kubernetes Status: " + text(answer));
      return;
    }
    if (status == 400 || status == 422) {
      tally.invalidAnswers++;
      JsonNode causes = body.path("details").path("causes");
      boolean named = false;
      for (JsonNode cause : causes) {
        named |= !cause.path("field").asText().isEmpty();
      }
      if (named) {
        tally.withFieldPath++;
      } else {
        String message =
            body.path("message")
                .asText()
                .replaceAll("\\(.*?\\)", "(..)")
                .replaceAll("\\d+", "N")
                .replaceAll("\"[^\"]*\"", "\"..\"");
        tally.withoutField.merge(
            message.substring(0, Math.min(message.length(), 120)), 1, Integer::sum);
      }
    }
  }

  private static String text(Sender.Answer answer) {
    String text = new String(answer.body(), StandardCharsets.UTF_8);
    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /**
   * The used heap after full collections. System.gc() collects before it returns (G1 and Serial do
   * a stop-the-world full collection unless -XX:+ExplicitGCInvokesConcurrent, which the build does
   * not set), so no pause is needed after it; the later passes take what the first left reachable
   * only through references it cleared.
   */
  private static long heapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
