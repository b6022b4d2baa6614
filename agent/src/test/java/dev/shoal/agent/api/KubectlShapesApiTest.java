package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What kubectl asks of the API besides objects, over HTTP: aggregated and legacy discovery, Tables
 * for get, list and watch, per-kind field selectors.
 */
@ExtendWith(VertxExtension.class)
class KubectlShapesApiTest {

  static final String AGGREGATED =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
          + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
          + "application/json";
  static final String TABLE =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
  static final String PODS = "/api/v1/namespaces/default/pods";

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
    for (String name : List.of("web-1", "web-2")) {
      assertEquals(
          201,
          api.post(
                  PODS,
                  """
                  apiVersion: v1
                  kind: Pod
                  metadata: {name: %s, labels: {app: web}}
                  spec:
                    containers: [{name: web, image: shoal-test/busybox:1}]
                  """
                      .formatted(name))
              .statusCode());
    }
  }

  HttpResponse<Buffer> get(String path, String accept) throws Exception {
    return await(api.client.request(HttpMethod.GET, path).putHeader("Accept", accept).send());
  }

  @Test
  void aggregatedDiscoveryOnBothRootsWhenAskedFor() throws Exception {
    HttpResponse<Buffer> core = get("/api", AGGREGATED);
    assertEquals(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
        core.getHeader("Content-Type"));
    JsonObject list = json(core);
    assertEquals("APIGroupDiscoveryList", list.getString("kind"));
    assertEquals("apidiscovery.k8s.io/v2", list.getString("apiVersion"));
    JsonObject v1 =
        list.getJsonArray("items").getJsonObject(0).getJsonArray("versions").getJsonObject(0);
    assertEquals("v1", v1.getString("version"));
    JsonObject pods = resource(v1, "pods");
    assertEquals(
        new JsonObject().put("group", "").put("version", "v1").put("kind", "Pod"),
        pods.getJsonObject("responseKind"));
    assertEquals("Namespaced", pods.getString("scope"));
    assertEquals("pod", pods.getString("singularResource"));
    assertEquals(List.of("po"), pods.getJsonArray("shortNames").getList());
    assertEquals(List.of("all"), pods.getJsonArray("categories").getList());
    assertEquals(
        List.of("status", "log", "eviction"),
        pods.getJsonArray("subresources").stream()
            .map(s -> ((JsonObject) s).getString("subresource"))
            .toList());
    assertEquals(
        new JsonObject().put("group", "policy").put("version", "v1").put("kind", "Eviction"),
        pods.getJsonArray("subresources").getJsonObject(2).getJsonObject("responseKind"));
    assertEquals("Cluster", resource(v1, "nodes").getString("scope"));
    assertEquals(
        List.of("get", "list", "watch"), resource(v1, "events").getJsonArray("verbs").getList());

    JsonObject groups = json(get("/apis", AGGREGATED));
    JsonObject apps =
        groups.getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(g -> "apps".equals(g.getJsonObject("metadata").getString("name")))
            .findFirst()
            .orElseThrow();
    JsonObject appsV1 = apps.getJsonArray("versions").getJsonObject(0);
    assertEquals(
        List.of("deploy"), resource(appsV1, "deployments").getJsonArray("shortNames").getList());
    assertEquals(
        List.of("controllerrevisions", "daemonsets", "deployments", "replicasets", "statefulsets"),
        appsV1.getJsonArray("resources").stream()
            .map(r -> ((JsonObject) r).getString("resource"))
            .toList(),
        "sorted by name, as upstream (kubectl get all prints in this order)");

    HttpResponse<Buffer> beta =
        get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
    assertEquals("apidiscovery.k8s.io/v2beta1", json(beta).getString("apiVersion"));
  }

  @Test
  void legacyDiscoveryOtherwise() throws Exception {
    HttpResponse<Buffer> core = get("/api", "application/json");
    assertEquals("application/json", core.getHeader("Content-Type"));
    assertEquals("APIVersions", json(core).getString("kind"));
    assertEquals("APIGroupList", json(get("/apis", "application/json, */*")).getString("kind"));
    JsonObject v1 = json(api.get("/api/v1"));
    JsonObject services = resource(v1, "services");
    assertEquals(List.of("svc"), services.getJsonArray("shortNames").getList());
    assertEquals(List.of("all"), services.getJsonArray("categories").getList());
    assertTrue(
        v1.getJsonArray("resources").stream()
            .anyMatch(r -> "pods/log".equals(((JsonObject) r).getString("name"))));
    assertFalse(
        v1.getJsonArray("resources").stream()
            .anyMatch(r -> "secrets/status".equals(((JsonObject) r).getString("name"))),
        "only the subresources the API serves");
    JsonObject version = json(api.get("/version"));
    assertEquals("1", version.getString("major"));
    assertEquals("32", version.getString("minor"));
    assertTrue(
        version.getString("gitVersion").matches("v1\\.32\\.0-shoal\\.[0-9A-Za-z.-]+"),
        version.encode());
  }

  @Test
  void listAndGetAsTables() throws Exception {
    HttpResponse<Buffer> listed = get(PODS, TABLE);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    assertEquals("application/json;as=Table;v=v1;g=meta.k8s.io", listed.getHeader("Content-Type"));
    JsonObject table = json(listed);
    assertEquals("Table", table.getString("kind"));
    assertEquals("meta.k8s.io/v1", table.getString("apiVersion"));
    assertEquals(
        List.of(
            "Name",
            "Ready",
            "Status",
            "Restarts",
            "Age",
            "IP",
            "Node",
            "Nominated Node",
            "Readiness Gates"),
        table.getJsonArray("columnDefinitions").stream()
            .map(c -> ((JsonObject) c).getString("name"))
            .toList());
    assertEquals(
        1, table.getJsonArray("columnDefinitions").getJsonObject(5).getInteger("priority"));
    JsonArray rows = table.getJsonArray("rows");
    assertEquals(2, rows.size());
    JsonObject row = rows.getJsonObject(0);
    assertEquals("web-1", row.getJsonArray("cells").getString(0));
    assertEquals("0/1", row.getJsonArray("cells").getString(1));
    assertEquals("Pending", row.getJsonArray("cells").getString(2));
    JsonObject partial = row.getJsonObject("object");
    assertEquals("PartialObjectMetadata", partial.getString("kind"));
    assertEquals("meta.k8s.io/v1", partial.getString("apiVersion"));
    assertEquals("default", partial.getJsonObject("metadata").getString("namespace"));
    assertEquals("web", partial.getJsonObject("metadata").getJsonObject("labels").getString("app"));
    assertNull(partial.getValue("spec"));
    assertTrue(table.getJsonObject("metadata").containsKey("resourceVersion"));

    JsonObject one = json(get(PODS + "/web-2?includeObject=Object", TABLE));
    assertEquals(1, one.getJsonArray("rows").size());
    assertEquals(
        "Pod", one.getJsonArray("rows").getJsonObject(0).getJsonObject("object").getString("kind"));
    JsonObject bare = json(get(PODS + "/web-2?includeObject=None", TABLE));
    assertFalse(bare.getJsonArray("rows").getJsonObject(0).containsKey("object"));
    HttpResponse<Buffer> bad = get(PODS + "?includeObject=Everything", TABLE);
    assertEquals(400, bad.statusCode());
    assertTrue(json(bad).getString("message").contains("includeObject"), bad.bodyAsString());

    JsonObject beta = json(get(PODS, "application/json;as=Table;v=v1beta1;g=meta.k8s.io"));
    assertEquals("meta.k8s.io/v1beta1", beta.getString("apiVersion"));
    assertEquals(
        "PodList",
        json(get(PODS, "application/json, application/json;as=Table;v=v1;g=meta.k8s.io"))
            .getString("kind"),
        "the client's first choice wins");
    assertEquals("PodList", json(api.get(PODS)).getString("kind"));
  }

  @Test
  void aWatchSendsTablesWithTheHeadersOnlyFirst(Vertx vertx) throws Exception {
    java.util.concurrent.BlockingQueue<JsonObject> lines =
        new java.util.concurrent.LinkedBlockingQueue<>();
    StringBuilder partial = new StringBuilder();
    io.vertx.core.http.HttpClient http = vertx.createHttpClient();
    await(
        http.request(HttpMethod.GET, api.server.port(), "127.0.0.1", PODS + "?watch=true")
            .compose(
                request ->
                    request
                        .putHeader("Authorization", "Bearer " + api.adminToken)
                        .putHeader("Accept", TABLE)
                        .send())
            .map(
                response -> {
                  response.handler(
                      chunk -> {
                        partial.append(chunk.toString());
                        int newline;
                        while ((newline = partial.indexOf("\n")) >= 0) {
                          lines.add(new JsonObject(partial.substring(0, newline)));
                          partial.delete(0, newline + 1);
                        }
                      });
                  return response;
                }));
    JsonObject first = lines.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    JsonObject second = lines.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals("ADDED", first.getString("type"));
    assertEquals("Table", first.getJsonObject("object").getString("kind"));
    assertEquals(9, first.getJsonObject("object").getJsonArray("columnDefinitions").size());
    assertEquals(
        "web-1",
        first
            .getJsonObject("object")
            .getJsonArray("rows")
            .getJsonObject(0)
            .getJsonArray("cells")
            .getString(0));
    assertTrue(second.getJsonObject("object").getJsonArray("columnDefinitions").isEmpty());
    assertEquals(
        "web-2",
        second
            .getJsonObject("object")
            .getJsonArray("rows")
            .getJsonObject(0)
            .getJsonArray("cells")
            .getString(0));
    await(http.close());
  }

  @Test
  void fieldSelectorsPerKind() throws Exception {
    HttpResponse<Buffer> one = get(PODS + "?fieldSelector=metadata.name%3Dweb-2", TABLE);
    assertEquals(List.of("web-2"), names(json(one)));
    assertEquals(2, names(json(get(PODS + "?fieldSelector=status.phase%3DPending", TABLE))).size());
    assertEquals(
        List.of("web-1"),
        names(
            json(
                get(
                    PODS + "?fieldSelector=metadata.name!%3Dweb-2,metadata.namespace%3Ddefault",
                    TABLE))));
    HttpResponse<Buffer> wrong =
        api.get("/apis/apps/v1/namespaces/default/deployments?fieldSelector=spec.nodeName%3Dh1");
    assertEquals(400, wrong.statusCode());
    assertEquals("BadRequest", json(wrong).getString("reason"));
    assertTrue(
        json(wrong).getString("message").startsWith("field label not supported: spec.nodeName"),
        wrong.bodyAsString());
    assertEquals(200, api.get("/api/v1/secrets?fieldSelector=type%3DOpaque").statusCode());
    assertEquals(
        200, api.get("/api/v1/nodes?fieldSelector=spec.unschedulable%3Dfalse").statusCode());
  }

  static List<String> names(JsonObject table) {
    return table.getJsonArray("rows").stream()
        .map(r -> ((JsonObject) r).getJsonArray("cells").getString(0))
        .toList();
  }

  static JsonObject resource(JsonObject version, String name) {
    return version.getJsonArray("resources").stream()
        .map(JsonObject.class::cast)
        .filter(r -> name.equals(r.getString("resource", r.getString("name"))))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + version.encode()));
  }
}
