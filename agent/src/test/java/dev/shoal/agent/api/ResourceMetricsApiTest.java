package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.metrics.ContainerUsage;
import dev.shoal.agent.metrics.MetricsView;
import dev.shoal.agent.metrics.NodeSample;
import dev.shoal.agent.metrics.PodMetricsSource.PodUsage;
import dev.shoal.agent.metrics.PodSample;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.selectors.Selector;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * metrics.k8s.io/v1beta1 over HTTP from published samples: lists and gets of pods (in a namespace
 * and all) and nodes, label and field selectors, objects without samples left out, read-only, the
 * callers' namespaces, discovery; and the same samples through {@link MetricsView} as the
 * autoscaler's {@code PodMetricsSource}.
 */
@ExtendWith(VertxExtension.class)
class ResourceMetricsApiTest {
  private static final String PODS = "/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods";
  private static final long NOW = Instant.parse("2026-12-03T10:00:05Z").toEpochMilli();

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
    for (String ns : List.of("shop", "other")) {
      created(
          api.post(
              "/api/v1/namespaces",
              "{kind: Namespace, apiVersion: v1, metadata: {name: " + ns + "}}"));
    }
    pod("shop", "web-1", "{app: web}");
    pod("shop", "web-2", "{app: web, tier: front}");
    pod("shop", "lonely", "{app: web}"); // no sample yet
    pod("other", "db", "{app: db}");
    for (String node : List.of("node-a", "node-b")) {
      created(
          api.post(
              "/api/v1/nodes",
              "{kind: Node, apiVersion: v1, metadata: {name: " + node + ", labels: {zone: a}}}"));
    }
    await(
        api.samples.publish(
            new NodeSample(
                "node-a",
                NOW,
                1000,
                1_500_000_000L,
                2L << 30,
                List.of(
                    sample("shop", "web-1", 250_000_000L, 10L << 20),
                    new PodSample(
                        "shop",
                        "web-2",
                        NOW,
                        1005,
                        List.of(
                            new ContainerUsage("app", 123_456_789L, 745_472L),
                            new ContainerUsage("log", 5000L, 1000L))),
                    sample("other", "db", 0, 4096)))));
  }

  private static PodSample sample(String ns, String name, long nanoCores, long bytes) {
    return new PodSample(ns, name, NOW, 1000, List.of(new ContainerUsage("app", nanoCores, bytes)));
  }

  private void pod(String ns, String name, String labels) throws Exception {
    created(
        api.post(
            "/api/v1/namespaces/" + ns + "/pods",
            "{kind: Pod, apiVersion: v1, metadata: {name: "
                + name
                + ", labels: "
                + labels
                + "}, spec: {containers: [{name: app, image: busybox}]}}"));
  }

  private static void created(HttpResponse<Buffer> response) {
    assertEquals(201, response.statusCode(), response.bodyAsString());
  }

  private static List<String> names(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return json(response).getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .map(
            o ->
                (o.getJsonObject("metadata").getString("namespace") == null
                        ? ""
                        : o.getJsonObject("metadata").getString("namespace") + "/")
                    + o.getJsonObject("metadata").getString("name"))
        .toList();
  }

  @Test
  void podsListedWithSelectorsAndGotByName() throws Exception {
    HttpResponse<Buffer> list = api.get(PODS);
    assertEquals(List.of("shop/web-1", "shop/web-2"), names(list), "lonely has no sample");
    assertEquals("PodMetricsList", json(list).getString("kind"));
    assertEquals("metrics.k8s.io/v1beta1", json(list).getString("apiVersion"));
    assertEquals(List.of("shop/web-2"), names(api.get(PODS + "?labelSelector=tier%3Dfront")));
    assertEquals(
        List.of("shop/web-1"), names(api.get(PODS + "?fieldSelector=metadata.name%3Dweb-1")));
    assertEquals(
        List.of("other/db", "shop/web-1", "shop/web-2"),
        names(api.get("/apis/metrics.k8s.io/v1beta1/pods")));
    assertEquals(400, api.get(PODS + "?labelSelector=app%3D%3D%3D").statusCode());
    assertEquals(400, api.get(PODS + "?fieldSelector=spec.nope%3Dx").statusCode());

    JsonObject web2 = json(api.get(PODS + "/web-2"));
    assertEquals("PodMetrics", web2.getString("kind"));
    assertEquals("front", web2.getJsonObject("metadata").getJsonObject("labels").getString("tier"));
    assertEquals("2026-12-03T10:00:05Z", web2.getString("timestamp"));
    assertEquals("1.005s", web2.getString("window"));
    JsonArray containers = web2.getJsonArray("containers");
    assertEquals(
        new JsonObject(
            Map.of("name", "app", "usage", Map.of("cpu", "123456789n", "memory", "728Ki"))),
        containers.getJsonObject(0));
    assertEquals(
        new JsonObject(Map.of("name", "log", "usage", Map.of("cpu", "5u", "memory", "1000"))),
        containers.getJsonObject(1));

    HttpResponse<Buffer> lonely = api.get(PODS + "/lonely");
    assertEquals(404, lonely.statusCode(), lonely.bodyAsString());
    assertEquals("NotFound", json(lonely).getString("reason"));
    assertEquals(
        404, api.get("/apis/metrics.k8s.io/v1beta1/namespaces/other/pods/web-1").statusCode());
  }

  @Test
  void nodesListedAndGot() throws Exception {
    String nodes = "/apis/metrics.k8s.io/v1beta1/nodes";
    assertEquals(List.of("node-a"), names(api.get(nodes)), "node-b has no sample");
    assertEquals(List.of(), names(api.get(nodes + "?labelSelector=zone%3Db")));
    JsonObject a = json(api.get(nodes + "/node-a"));
    assertEquals("NodeMetrics", a.getString("kind"));
    assertEquals(new JsonObject(Map.of("cpu", "1500m", "memory", "2Gi")), a.getJsonObject("usage"));
    assertEquals("1s", a.getString("window"));
    assertEquals("a", a.getJsonObject("metadata").getJsonObject("labels").getString("zone"));
    assertEquals(404, api.get(nodes + "/node-b").statusCode());
  }

  @Test
  void readOnlyAndWithinTheCallersNamespaces() throws Exception {
    assertEquals(405, api.send(HttpMethod.POST, PODS, "application/json", "{}").statusCode());
    assertEquals(405, api.send(HttpMethod.DELETE, PODS + "/web-1", null, null).statusCode());
    assertEquals(400, api.get(PODS + "?watch=true").statusCode());
    assertEquals(404, api.get("/apis/metrics.k8s.io/v1beta1/services").statusCode());

    String team = api.createToken("shop-dev", ApiTokenSpec.EDIT, "shop");
    assertEquals(200, as(team, PODS).statusCode());
    assertEquals(403, as(team, "/apis/metrics.k8s.io/v1beta1/namespaces/other/pods").statusCode());
    assertEquals(403, as(team, "/apis/metrics.k8s.io/v1beta1/pods").statusCode(), "all namespaces");
    assertEquals(401, await(api.anonymous.get(PODS).send()).statusCode());
  }

  private HttpResponse<Buffer> as(String token, String path) throws Exception {
    return await(api.anonymous.get(path).putHeader("Authorization", "Bearer " + token).send());
  }

  @Test
  void discoveryListsTheGroupBothWays() throws Exception {
    JsonObject groups = json(api.get("/apis"));
    assertTrue(
        groups.getJsonArray("groups").stream()
            .map(JsonObject.class::cast)
            .anyMatch(
                g ->
                    g.getString("name").equals("metrics.k8s.io")
                        && g.getJsonObject("preferredVersion")
                            .getString("groupVersion")
                            .equals("metrics.k8s.io/v1beta1")),
        groups.encode());
    JsonObject resources = json(api.get("/apis/metrics.k8s.io/v1beta1"));
    JsonArray list = resources.getJsonArray("resources");
    assertEquals(2, list.size(), resources.encode());
    assertEquals("nodes", list.getJsonObject(0).getString("name"));
    assertEquals(false, list.getJsonObject(0).getBoolean("namespaced"));
    assertEquals("NodeMetrics", list.getJsonObject(0).getString("kind"));
    assertEquals(
        new JsonArray(List.of("get", "list")), list.getJsonObject(0).getJsonArray("verbs"));
    assertEquals("pods", list.getJsonObject(1).getString("name"));
    assertEquals(true, list.getJsonObject(1).getBoolean("namespaced"));

    HttpResponse<Buffer> aggregated =
        await(
            api.client
                .get("/apis")
                .putHeader(
                    "Accept",
                    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
                .send());
    JsonObject metrics =
        json(aggregated).getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(i -> "metrics.k8s.io".equals(i.getJsonObject("metadata").getString("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(aggregated.bodyAsString()));
    JsonObject v1beta1 = metrics.getJsonArray("versions").getJsonObject(0);
    assertEquals("v1beta1", v1beta1.getString("version"));
    assertEquals(
        List.of("nodes:Cluster", "pods:Namespaced"),
        v1beta1.getJsonArray("resources").stream()
            .map(JsonObject.class::cast)
            .map(r -> r.getString("resource") + ":" + r.getString("scope"))
            .toList());
  }

  @Test
  void theAutoscalersViewOfTheSameSamples() throws Exception {
    MetricsView view = new MetricsView(api.store, api.samples);
    Map<String, PodUsage> web = await(view.pods("shop", Selector.parse("app=web").value()));
    assertEquals(List.of("web-1", "web-2"), List.copyOf(web.keySet()), "lonely has no sample");
    PodUsage two = web.get("web-2");
    assertEquals(123, two.cpuMillis(), "123.456789m + 0.005m, rounded");
    assertEquals(745_472L + 1000, two.memoryBytes());
    assertEquals(Instant.ofEpochMilli(NOW), two.timestamp());
    assertEquals(Duration.ofMillis(1005), two.window());
    assertEquals(java.util.Set.of("app", "log"), two.containers().keySet());
    assertEquals(250, web.get("web-1").cpuMillis());
    assertEquals(Map.of(), await(view.pods("shop", Selector.parse("app=db").value())));
  }
}
