package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.StreamLines;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /metrics}: requests counted by verb, resource, subresource and code, refusals
 * included; latency histograms; open watches gauged while they last; the page itself needs a token.
 */
@ExtendWith(VertxExtension.class)
class MetricsApiTest {

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
  }

  @Test
  void countsRequestsByVerbResourceAndCode() throws Exception {
    assertEquals(200, api.get("/api/v1/namespaces/default/pods").statusCode());
    assertEquals(200, api.get("/api/v1/namespaces/default/pods").statusCode());
    assertEquals(404, api.get("/api/v1/namespaces/default/pods/nothing").statusCode());
    assertEquals(401, await(api.anonymous.get("/api/v1/pods").send()).statusCode());
    assertEquals(200, api.get("/version").statusCode());

    String text = scrape();
    assertEquals(2.0, sample(text, "apiserver_request_total", LIST_PODS, "200").orElse(-1));
    assertEquals(
        1.0,
        sample(text, "apiserver_request_total", Map.of("verb", "GET", "resource", "pods"), "404")
            .orElse(-1));
    assertEquals(
        1.0,
        sample(text, "apiserver_request_total", Map.of("verb", "LIST", "resource", "pods"), "401")
            .orElse(-1));
    assertEquals(
        1.0,
        sample(text, "apiserver_request_total", Map.of("resource", "/version"), "200").orElse(-1));
    assertEquals(
        3.0,
        sample(text, "apiserver_request_duration_seconds_count", LIST_PODS, null).orElse(-1),
        "a duration for each list, the refused one too");
    assertTrue(
        text.contains("apiserver_request_duration_seconds_bucket{"),
        "the durations are a histogram");
  }

  @Test
  void anOpenWatchIsGaugedAndNotTimed() throws Exception {
    StreamLines watch = api.watch("/api/v1/namespaces/default/pods?watch=true");
    assertEquals(
        1.0, sample(scrape(), "apiserver_longrunning_requests", Map.of(), null).orElse(-1));
    watch.cancel();
    Eventually.check(
        () -> sample(scrape(), "apiserver_longrunning_requests", Map.of(), null).orElse(-1) == 0.0,
        Duration.ofSeconds(10),
        "the watch's end to be counted");
    String text = scrape();
    assertTrue(
        sample(text, "apiserver_request_total", Map.of("verb", "WATCH", "resource", "pods"), "200")
            .isPresent(),
        text);
    assertTrue(
        sample(
                text,
                "apiserver_request_duration_seconds_count",
                Map.of("verb", "WATCH", "resource", "pods"),
                null)
            .isEmpty(),
        "a watch lasts as long as its client wants: no duration");
  }

  @Test
  void theMetricsPageNeedsAToken() throws Exception {
    assertEquals(401, await(api.anonymous.get("/metrics").send()).statusCode());
    var page = api.get("/metrics");
    assertEquals(200, page.statusCode());
    assertTrue(
        page.getHeader("Content-Type").startsWith("text/plain"), page.getHeader("Content-Type"));
  }

  private static final Map<String, String> LIST_PODS =
      Map.of("verb", "LIST", "resource", "pods", "subresource", "");

  private String scrape() throws Exception {
    var page = api.get("/metrics");
    assertEquals(200, page.statusCode(), page.bodyAsString());
    return page.bodyAsString();
  }

  /**
   * The value of the one sample of {@code name} whose labels include {@code labels} (and {@code
   * code} when not null); empty when there is none.
   */
  static OptionalDouble sample(String text, String name, Map<String, String> labels, String code) {
    return text.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(
            line ->
                labels.entrySet().stream().allMatch(l -> hasLabel(line, l.getKey(), l.getValue())))
        .filter(line -> code == null || hasLabel(line, "code", code))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .reduce(Double::sum);
  }

  private static boolean hasLabel(String line, String key, String value) {
    return line.contains(key + "=\"" + value + "\"");
  }
}
