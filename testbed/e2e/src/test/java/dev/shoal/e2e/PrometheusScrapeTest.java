package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's) scrapes {@code /metrics} of the three agents over TLS with the bed's
 * CA and a bearer token, every two seconds. It runs in h1's network namespace on port 9090, which
 * nothing else there binds (no free-port race), and is queried through its HTTP API.
 */
@SharedBed(namespace = PrometheusScrapeTest.NS)
class PrometheusScrapeTest extends ThreeHostTestbed {

  static final String NS = "metrics";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int PORT = 9090;

  static Process prometheus;
  static Path dir;

  @BeforeAll
  static void startPrometheus() throws IOException {
    dir = Files.createTempDirectory("shoal-prometheus-");
    Path token = dir.resolve("token");
    Files.writeString(token, Credentials.ofTestbed().token());
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    String ca = testbed.run(Duration.ofSeconds(10), "ca").trim();
    String targets =
        hosts.stream()
            .map(h -> "'" + h.api().getHost() + ":" + h.api().getPort() + "'")
            .collect(Collectors.joining(", "));
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global: {scrape_interval: 2s, scrape_timeout: 2s}
        scrape_configs:
        - job_name: shoal
          scheme: https
          tls_config: {ca_file: '%s'}
          authorization: {credentials_file: '%s'}
          static_configs: [{targets: [%s]}]
        """
            .formatted(ca, token, targets));
    prometheus =
        new ProcessBuilder(
                testbed.script().toString(),
                "exec",
                host(1).name(),
                "--",
                "prometheus",
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=" + host(1).ip() + ":" + PORT)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void scrapesEveryAgentAndSeesTheClusterInItsMetrics() throws Exception {
    long start = System.nanoTime();
    Poll.until(
        "Prometheus to scrape all three agents successfully",
        Duration.ofSeconds(60),
        PrometheusScrapeTest::targets,
        targets -> targets.size() == 3 && targets.stream().allMatch(t -> t.endsWith(" up")));
    figure("prometheus: all 3 agents up after %s", since(start));

    List<JsonNode> members = query("shoal_cluster_members");
    assertEquals(3, members.size(), members.toString());
    members.forEach(m -> assertEquals(3.0, value(m), "members seen by " + m.get("metric")));
    assertEquals(1.0, value(query("sum(shoal_leader)").get(0)), "exactly one leader");

    // Traffic of this test itself: lists of pods through each agent, counted where they landed.
    for (ShoalApi api : apis) {
      api.get("/api/v1/namespaces/" + NS + "/pods");
    }
    Poll.until(
        "the lists to show in apiserver_request_total on every agent",
        Duration.ofSeconds(30),
        () -> query("apiserver_request_total{verb=\"LIST\",resource=\"pods\",code=\"200\"} > 0"),
        series -> series.size() == 3);

    List<String> present = new ArrayList<>();
    for (String name :
        List.of(
            "apiserver_request_duration_seconds_bucket",
            "shoal_store_operation_seconds_count",
            "shoal_watch_watchers",
            "shoal_watch_events_delivered_total",
            "shoal_watch_queue_depth",
            "shoal_node_pods",
            "shoal_scheduler_pending_pods",
            "shoal_dns_queries_total",
            "shoal_dataplane_program_seconds_count",
            "jvm_memory_used_bytes",
            "process_cpu_usage")) {
      if (!query(name).isEmpty()) {
        present.add(name);
      }
    }
    assertEquals(11, present.size(), "series present: " + present);
    assertTrue(value(query("sum(shoal_watch_watchers)").get(0)) > 0, "components watch the store");
    api(2)
        .apply(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: counted, namespace: metrics, labels: {app: counted}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - {name: c, image: shoal-test/busybox:1, command: [sleep, "3600"]}
            """);
    Poll.until(
        "the pod to run",
        Duration.ofSeconds(60),
        () -> api(2).pods(NS, "app=counted"),
        pods -> pods.size() == 1 && "Running".equals(pods.get(0).phase()));
    List<JsonNode> scheduled =
        Poll.until(
            "the leader's scheduling attempt to be scraped",
            Duration.ofSeconds(30),
            () ->
                query(
                    "shoal_scheduler_attempt_seconds_count{result=\"scheduled\"} * on(instance)"
                        + " (shoal_leader == 1)"),
            series -> !series.isEmpty() && value(series.get(0)) >= 1);
    figure("prometheus: %s scheduling attempt(s) counted by the leader", value(scheduled.get(0)));
    Poll.until(
        "the pod to count as Running on its node",
        Duration.ofSeconds(30),
        () -> query("sum(shoal_node_pods{phase=\"Running\"})"),
        series -> !series.isEmpty() && value(series.get(0)) >= 1);
    List<JsonNode> cpu = query("rate(process_cpu_time_ns_total[10s]) / 1e6");
    for (JsonNode agent : cpu) {
      figure(
          "prometheus: %s uses %.0f ms CPU per s (rate over 10 s)",
          agent.get("metric").get("instance").asText(), value(agent));
    }
  }

  /** Each active target as "instance health", with the scrape's error when it has one. */
  private static List<String> targets() {
    List<String> found = new ArrayList<>();
    for (JsonNode target : prometheusApi("/api/v1/targets?state=active").get("activeTargets")) {
      String error = target.path("lastError").asText("");
      found.add(
          target.get("labels").get("instance").asText()
              + (error.isEmpty() ? "" : " (" + error + ")")
              + " "
              + target.get("health").asText());
    }
    return found;
  }

  /** The result vector of an instant query; empty when nothing matches. */
  private static List<JsonNode> query(String promql) {
    List<JsonNode> series = new ArrayList<>();
    prometheusApi("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .get("result")
        .forEach(series::add);
    return series;
  }

  /** The {@code data} of an answer of Prometheus' HTTP API. */
  private static JsonNode prometheusApi(String pathAndQuery) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://" + host(1).ip() + ":" + PORT + pathAndQuery))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (!"success".equals(body.path("status").asText())) {
        throw new IllegalStateException(pathAndQuery + ": " + response.body());
      }
      return body.get("data");
    } catch (IOException e) {
      throw new IllegalStateException("Prometheus does not answer yet: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double value(JsonNode sample) {
    return Double.parseDouble(sample.get("value").get(1).asText());
  }
}
