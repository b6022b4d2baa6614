package dev.shoal.agent.worker;

import static dev.shoal.agent.worker.TestPods.pod;
import static dev.shoal.agent.worker.TestPods.sh;
import static dev.shoal.agent.worker.WorkerFixture.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.HTTPGetAction;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Probe;
import dev.shoal.manifests.model.TCPSocketAction;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probe failures keep their reason, against the real Docker engine: the pod's status says why it is
 * not ready, and the events say what kubelet's would (Unhealthy with a count, Killing, Created,
 * Started).
 */
@Tag("docker")
@ExtendWith(VertxExtension.class)
class ProbeEventsDockerTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  /**
   * busybox httpd answering every {@code GET /cgi-bin/healthz} with 503 through a CGI script (httpd
   * turns its {@code Status:} line into the status line). httpd reads each request before it
   * answers, unlike an {@code nc} loop, which writes first and closes, so a late request is reset.
   */
  private static final String SERVICE_UNAVAILABLE =
      "mkdir -p /www/cgi-bin"
          + " && printf '#!/bin/sh\\nprintf \"Status: 503 Service Unavailable\\\\r\\\\n\\\\r\\\\nnot yet\"\\n'"
          + " > /www/cgi-bin/healthz"
          + " && chmod +x /www/cgi-bin/healthz"
          + " && exec httpd -f -p 8080 -h /www";

  @TempDir Path dataDir;
  private WorkerFixture f;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    f = new WorkerFixture(vertx, dataDir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aReadinessProbeAnswered503ShowsTheStatusCodeInStatusAndInACountedEvent() {
    Probe http =
        new Probe(
            null,
            null,
            new HTTPGetAction("/cgi-bin/healthz", IntOrString.of(8080), null, null),
            0,
            1,
            1,
            1,
            1);
    Pod pod =
        pod(
            "sorry",
            f.host.nodeName(),
            "Always",
            1,
            List.of(sh("web", SERVICE_UNAVAILABLE).withReadinessProbe(http)));
    f.run(pod);
    PodStatus s =
        f.awaitStatus(
            pod,
            "the 503 in the Ready condition",
            st ->
                message(st, "Ready")
                    .filter(m -> m.contains("HTTP probe failed with statuscode: 503"))
                    .isPresent());
    assertEquals(
        "containers with unready status: [web]; web: Readiness probe failed: "
            + "HTTP probe failed with statuscode: 503",
        message(s, "Ready").orElseThrow());
    assertEquals(message(s, "Ready"), message(s, "ContainersReady"));
    assertEquals("Running", s.phase());

    Event unhealthy =
        f.host.await(
            () ->
                event(
                    pod,
                    "Unhealthy",
                    "Readiness probe failed: HTTP probe failed with statuscode: 503"),
            e -> e != null && e.count() > 1,
            WAIT,
            "an Unhealthy event counted more than once; events: " + f.host.eventsOf(pod));
    assertEquals("Warning", unhealthy.type());
    assertEquals("spec.containers{web}", unhealthy.involvedObject().fieldPath());
    assertEquals("kubelet", unhealthy.source().component());
    assertEquals(f.host.nodeName(), unhealthy.source().host());
    assertTrue(
        unhealthy.lastTimestamp().isAfter(unhealthy.firstTimestamp())
            || unhealthy.lastTimestamp().equals(unhealthy.firstTimestamp()));
    assertTrue(
        event(pod, "Created", "Created container web") != null, "Created: " + f.host.eventsOf(pod));
    assertTrue(
        event(pod, "Started", "Started container web") != null, "Started: " + f.host.eventsOf(pod));
  }

  @Test
  void aReadinessProbeOnAClosedPortSaysConnectionRefused() {
    Probe tcp =
        new Probe(null, new TCPSocketAction(IntOrString.of(9999), null), null, 0, 1, 1, 1, 1);
    Pod pod =
        pod(
            "closed",
            f.host.nodeName(),
            "Always",
            1,
            List.of(sh("web", "exec sleep 3600").withReadinessProbe(tcp)));
    f.run(pod);
    PodStatus s =
        f.awaitStatus(
            pod,
            "connection refused in the Ready condition",
            st -> message(st, "Ready").filter(m -> m.contains("connection refused")).isPresent());
    String ip = s.podIP();
    assertEquals(
        "containers with unready status: [web]; web: Readiness probe failed: dial tcp "
            + ip
            + ":9999: connect: connection refused",
        message(s, "Ready").orElseThrow());
    f.host.await(
        () ->
            event(
                pod,
                "Unhealthy",
                "Readiness probe failed: dial tcp " + ip + ":9999: connect: connection refused"),
        e -> e != null && e.count() > 1,
        WAIT,
        "a counted Unhealthy event; events: " + f.host.eventsOf(pod));
  }

  @Test
  void aLivenessKillIsAnEventAndTheLastStateSaysWhy() {
    Pod pod =
        pod(
            "dying",
            f.host.nodeName(),
            "Always",
            1,
            List.of(
                sh("app", "touch /healthy; sleep 2; rm /healthy; exec sleep 3600")
                    .withLivenessProbe(TestPods.exec(1, 2, "cat", "/healthy"))));
    f.run(pod);
    PodStatus s =
        f.awaitStatus(
            pod,
            "a liveness restart",
            st ->
                container(st, "app") != null
                    && container(st, "app").restartCount() >= 1
                    && container(st, "app").lastState() != null);
    var last = container(s, "app").lastState().terminated();
    assertEquals(
        "Container app failed liveness probe, will be restarted", last.message(), last.toString());
    Event killing =
        f.host.await(
            () -> event(pod, "Killing", "Container app failed liveness probe, will be restarted"),
            e -> e != null,
            WAIT,
            "a Killing event; events: " + f.host.eventsOf(pod));
    assertEquals("Normal", killing.type());
    Event unhealthy =
        f.host.await(
            () ->
                f.host.eventsOf(pod).stream()
                    .filter(e -> e.reason().equals("Unhealthy"))
                    .findFirst()
                    .orElse(null),
            e -> e != null && e.count() >= 2,
            WAIT,
            "the liveness failures, counted");
    assertTrue(
        unhealthy.message().startsWith("Liveness probe failed: command failed with exit code 1"),
        unhealthy.message());
    assertTrue(unhealthy.message().contains("/healthy"), unhealthy.message());
  }

  private Event event(Pod pod, String reason, String message) {
    return f.host.eventsOf(pod).stream()
        .filter(e -> reason.equals(e.reason()) && message.equals(e.message()))
        .findFirst()
        .orElse(null);
  }

  private static Optional<String> message(PodStatus s, String type) {
    return s.conditions() == null
        ? Optional.empty()
        : s.conditions().stream()
            .filter(c -> type.equals(c.type()))
            .map(PodCondition::message)
            .filter(m -> m != null)
            .findFirst();
  }
}
