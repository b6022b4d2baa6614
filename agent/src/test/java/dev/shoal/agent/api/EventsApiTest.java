package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.StreamLines;
import dev.shoal.agent.events.EventRecorder;
import dev.shoal.agent.events.StoreEventRecorder;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.model.ObjectReference;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events over HTTP: core/v1 and events.k8s.io/v1 paths, field selectors, watch, read-only, roles,
 * discovery.
 */
@ExtendWith(VertxExtension.class)
class EventsApiTest {
  private static final ObjectReference WEB =
      new ObjectReference("Pod", "shop", "web", "u1", "v1", null, "spec.containers{app}");
  private static final ObjectReference DB =
      new ObjectReference("Pod", "shop", "db", "u2", "v1", null);
  private static final String UNHEALTHY =
      "Readiness probe failed: HTTP probe failed with statuscode: 503";

  ApiFixture api;
  EventRecorder kubelet;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
    kubelet = StoreEventRecorder.of(api.events, "kubelet", "node-a");
  }

  private static List<JsonObject> items(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray items = json(response).getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void listsFoldedEventsFilteredByTheObjectTheyAreAbout() throws Exception {
    await(kubelet.warning(WEB, "Unhealthy", UNHEALTHY));
    await(kubelet.warning(WEB, "Unhealthy", UNHEALTHY));
    await(kubelet.normal(DB, "Started", "Started container db"));
    await(
        kubelet.normal(
            new ObjectReference("Pod", "other", "web", "u3", "v1", null), "Started", "x"));

    List<JsonObject> web =
        items(
            api.get(
                "/api/v1/namespaces/shop/events?fieldSelector="
                    + "involvedObject.kind%3DPod,involvedObject.name%3Dweb"));
    assertEquals(1, web.size(), web.toString());
    JsonObject e = web.get(0);
    assertEquals("EventList", json(api.get("/api/v1/namespaces/shop/events")).getString("kind"));
    assertEquals("Unhealthy", e.getString("reason"));
    assertEquals(UNHEALTHY, e.getString("message"));
    assertEquals(2, e.getInteger("count"));
    assertEquals("Warning", e.getString("type"));
    assertEquals("kubelet", e.getJsonObject("source").getString("component"));
    assertEquals("node-a", e.getJsonObject("source").getString("host"));
    assertEquals("spec.containers{app}", e.getJsonObject("involvedObject").getString("fieldPath"));
    assertTrue(
        e.getString("firstTimestamp") != null && e.getString("lastTimestamp") != null, e.encode());

    assertEquals(2, items(api.get("/api/v1/namespaces/shop/events")).size());
    assertEquals(3, items(api.get("/api/v1/events")).size(), "every namespace");
    assertEquals(
        List.of("Started"),
        items(api.get("/api/v1/events?fieldSelector=involvedObject.name%3Ddb")).stream()
            .map(i -> i.getString("reason"))
            .toList());
    assertEquals(
        1, items(api.get("/api/v1/events?fieldSelector=type%3DWarning,reason%3DUnhealthy")).size());

    String name = e.getJsonObject("metadata").getString("name");
    HttpResponse<Buffer> one = api.get("/api/v1/namespaces/shop/events/" + name);
    assertEquals(200, one.statusCode());
    assertEquals(2, json(one).getInteger("count"));
    assertEquals(404, api.get("/api/v1/namespaces/shop/events/nothing.123").statusCode());
  }

  @Test
  void theEventsGroupServesTheSameObjectsUnderItsFieldNames() throws Exception {
    await(kubelet.warning(WEB, "Unhealthy", UNHEALTHY));
    await(kubelet.warning(WEB, "Unhealthy", UNHEALTHY));
    List<JsonObject> list =
        items(
            api.get(
                "/apis/events.k8s.io/v1/namespaces/shop/events?fieldSelector="
                    + "regarding.name%3Dweb,reportingController%3Dkubelet"));
    assertEquals(1, list.size());
    JsonObject v = list.get(0);
    assertEquals("events.k8s.io/v1", v.getString("apiVersion"));
    assertEquals("web", v.getJsonObject("regarding").getString("name"));
    assertEquals(UNHEALTHY, v.getString("note"));
    assertEquals("kubelet", v.getString("reportingController"));
    assertEquals("node-a", v.getString("reportingInstance"));
    assertEquals(2, v.getJsonObject("series").getInteger("count"));
    assertEquals(2, v.getInteger("deprecatedCount"));
    assertTrue(
        v.getString("eventTime").contains("."),
        "eventTime is a MicroTime: " + v.getString("eventTime"));
    HttpResponse<Buffer> one =
        api.get(
            "/apis/events.k8s.io/v1/namespaces/shop/events/"
                + v.getJsonObject("metadata").getString("name"));
    assertEquals("web", json(one).getJsonObject("regarding").getString("name"));
    assertEquals(1, items(api.get("/apis/events.k8s.io/v1/events")).size());
  }

  @Test
  void aWatchStreamsTheEventThenEachRepeatWithItsCount() throws Exception {
    await(kubelet.warning(WEB, "Unhealthy", UNHEALTHY));
    StreamLines web =
        api.watch(
            "/api/v1/namespaces/shop/events?watch=true&fieldSelector=involvedObject.name%3Dweb");
    web.await(1, "the current event");
    await(kubelet.normal(DB, "Started", "Started container db")); // filtered out
    await(kubelet.warning(WEB, "Unhealthy", UNHEALTHY));
    assertEquals(
        List.of("ADDED 1", "MODIFIED 2"),
        web.awaitJson(2, "the repeat").stream()
            .map(l -> l.getString("type") + " " + l.getJsonObject("object").getInteger("count"))
            .collect(Collectors.toList()));

    StreamLines v1 =
        api.watch("/apis/events.k8s.io/v1/events?watch=true&fieldSelector=regarding.name%3Dweb");
    v1.await(1, "the v1 view's current event");
    await(kubelet.warning(WEB, "Unhealthy", UNHEALTHY));
    JsonObject repeat = v1.awaitJson(2, "the repeat in the v1 view").get(1).getJsonObject("object");
    assertEquals(3, repeat.getJsonObject("series").getInteger("count"));
    assertEquals(UNHEALTHY, repeat.getString("note"));
  }

  @Test
  void eventsAreReadOnlyOverTheApi() throws Exception {
    await(kubelet.warning(WEB, "Unhealthy", UNHEALTHY));
    String name =
        items(api.get("/api/v1/namespaces/shop/events"))
            .get(0)
            .getJsonObject("metadata")
            .getString("name");
    String event =
        "apiVersion: v1\nkind: Event\nmetadata: {name: x.1, namespace: shop}\n"
            + "involvedObject: {kind: Pod, namespace: shop, name: web}\nreason: Made\n";
    HttpResponse<Buffer> post = api.post("/api/v1/namespaces/shop/events", event);
    assertEquals(405, post.statusCode(), post.bodyAsString());
    assertTrue(json(post).getString("message").contains("read-only"), post.bodyAsString());
    assertEquals(
        405,
        api.send(HttpMethod.DELETE, "/api/v1/namespaces/shop/events/" + name, null, null)
            .statusCode());
    assertEquals(
        405,
        api.send(
                HttpMethod.PUT,
                "/apis/events.k8s.io/v1/namespaces/shop/events/" + name,
                "application/yaml",
                event)
            .statusCode());
    HttpResponse<Buffer> apply =
        api.post(
            "/apply", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n" + event);
    assertEquals(405, apply.statusCode(), apply.bodyAsString());
    assertTrue(json(apply).getString("message").startsWith("document 1: "), apply.bodyAsString());
    assertEquals(
        404, api.get("/api/v1/namespaces/shop").statusCode(), "a refused apply writes nothing");
    assertEquals(1, items(api.get("/api/v1/namespaces/shop/events")).size());
  }

  @Test
  void aViewTokenReadsEventsInItsNamespacesOnly() throws Exception {
    await(kubelet.warning(WEB, "Unhealthy", UNHEALTHY));
    String token = api.createToken("viewer", ApiTokenSpec.VIEW, "shop");
    HttpResponse<Buffer> mine =
        await(
            api.anonymous
                .get("/api/v1/namespaces/shop/events")
                .putHeader("Authorization", "Bearer " + token)
                .send());
    assertEquals(200, mine.statusCode(), mine.bodyAsString());
    HttpResponse<Buffer> v1 =
        await(
            api.anonymous
                .get("/apis/events.k8s.io/v1/namespaces/shop/events")
                .putHeader("Authorization", "Bearer " + token)
                .send());
    assertEquals(200, v1.statusCode(), v1.bodyAsString());
    HttpResponse<Buffer> other =
        await(
            api.anonymous
                .get("/api/v1/namespaces/other/events")
                .putHeader("Authorization", "Bearer " + token)
                .send());
    assertEquals(403, other.statusCode());
    HttpResponse<Buffer> all =
        await(
            api.anonymous
                .get("/api/v1/events")
                .putHeader("Authorization", "Bearer " + token)
                .send());
    assertEquals(403, all.statusCode(), "a namespaced token lists no other namespace");
  }

  @Test
  void discoveryListsEventsAsReadOnlyWithTheirShortName() throws Exception {
    JsonObject core = json(api.get("/api/v1"));
    JsonObject events =
        core.getJsonArray("resources").stream()
            .map(JsonObject.class::cast)
            .filter(r -> r.getString("name").equals("events"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("get", "list", "watch"), events.getJsonArray("verbs").getList());
    assertEquals(List.of("ev"), events.getJsonArray("shortNames").getList());
    assertTrue(json(api.get("/apis")).encode().contains("events.k8s.io/v1"));
    JsonObject group = json(api.get("/apis/events.k8s.io/v1"));
    assertEquals("Event", group.getJsonArray("resources").getJsonObject(0).getString("kind"));
  }

  @Test
  void anUnknownEventFieldIsA400NamingWhatIsSupported() throws Exception {
    HttpResponse<Buffer> bad = api.get("/api/v1/events?fieldSelector=involvedObject.colour%3Dred");
    assertEquals(400, bad.statusCode());
    assertTrue(json(bad).getString("message").contains("involvedObject.name"), bad.bodyAsString());
  }
}
