package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.assertInvalid;
import static dev.shoal.agent.api.ApiFixture.json;
import static dev.shoal.agent.api.ApiFixture.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.StreamLines;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DaemonSets over HTTP: upstream defaults, refusals with field paths and nothing stored, the
 * example manifest, lists with selectors, the status subresource, discovery, watch; and a pod's
 * tolerations and node affinity kept as given.
 */
@ExtendWith(VertxExtension.class)
class DaemonSetApiTest {
  static final String DAEMON_SETS = "/apis/apps/v1/namespaces/default/daemonsets";

  static final String DAEMON_SET =
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, labels: {team: infra}}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]
            containers: [{name: c, image: shoal-test/busybox:1}]
      """;

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
  }

  @Test
  void aDaemonSetGetsUpstreamDefaults() throws Exception {
    HttpResponse<Buffer> created = api.post(DAEMON_SETS, DAEMON_SET);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject spec = json(created).getJsonObject("spec");
    assertEquals(10, spec.getInteger("revisionHistoryLimit"));
    JsonObject strategy = spec.getJsonObject("updateStrategy");
    assertEquals("RollingUpdate", strategy.getString("type"));
    assertEquals(1, strategy.getJsonObject("rollingUpdate").getInteger("maxUnavailable"));
    assertEquals(0, strategy.getJsonObject("rollingUpdate").getInteger("maxSurge"));
    JsonObject podSpec = spec.getJsonObject("template").getJsonObject("spec");
    assertEquals("Always", podSpec.getString("restartPolicy"));
    assertEquals(
        new JsonArray()
            .add(
                new JsonObject()
                    .put("key", "dedicated")
                    .put("operator", "Exists")
                    .put("effect", "NoSchedule")),
        podSpec.getJsonArray("tolerations"));
    assertTrue(
        created.headers().getAll("Warning").isEmpty(),
        created.headers().getAll("Warning")::toString);
  }

  @Test
  void theExampleApplies() throws Exception {
    String example = Files.readString(Path.of("../manifests/examples/daemonset.yaml"));
    HttpResponse<Buffer> applied = api.post("/apply", example);
    assertEquals(200, applied.statusCode(), applied.bodyAsString());
    assertTrue(
        applied.headers().getAll("Warning").isEmpty(),
        applied.headers().getAll("Warning")::toString);
    JsonObject stored = json(api.get(DAEMON_SETS + "/node-agent"));
    assertEquals(
        "kubernetes.io/os",
        stored
            .getJsonObject("spec")
            .getJsonObject("template")
            .getJsonObject("spec")
            .getJsonObject("affinity")
            .getJsonObject("nodeAffinity")
            .getJsonObject("requiredDuringSchedulingIgnoredDuringExecution")
            .getJsonArray("nodeSelectorTerms")
            .getJsonObject(0)
            .getJsonArray("matchExpressions")
            .getJsonObject(0)
            .getString("key"));
  }

  @Test
  void refusalsNameTheFieldAndStoreNothing() throws Exception {
    assertInvalid(
        api.post(DAEMON_SETS, DAEMON_SET.replace("operator: Exists", "operator: Sometimes")),
        "spec.template.spec.tolerations[0].operator");
    assertInvalid(
        api.post(
            DAEMON_SETS,
            DAEMON_SET.replace(
                "selector: {matchLabels: {app: agent}}",
                "selector: {matchLabels: {app: agent}}\n  updateStrategy: {type: OnDelete, rollingUpdate: {maxSurge: 1}}")),
        "spec.updateStrategy.rollingUpdate");
    assertInvalid(
        api.post(
            DAEMON_SETS,
            DAEMON_SET.replace("{app: agent}}\n  template", "{app: other}}\n  template")),
        "spec.template.metadata.labels");
    assertInvalid(
        api.post(
            DAEMON_SETS,
            DAEMON_SET.replace(
                "tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]",
                "tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule, tolerationSeconds: 5}]")),
        "spec.template.spec.tolerations[0].effect");
    HttpResponse<Buffer> wrongType =
        api.post(
            DAEMON_SETS,
            DAEMON_SET.replace(
                "effect: NoSchedule}]", "effect: NoSchedule, tolerationSeconds: soon}]"));
    assertEquals(400, wrongType.statusCode(), wrongType.bodyAsString());
    assertTrue(
        wrongType.bodyAsString().contains("spec.template.spec.tolerations[0].tolerationSeconds"),
        wrongType.bodyAsString());
    assertEquals(List.of(), names(api.get(DAEMON_SETS)), "nothing half-written");
  }

  @Test
  void listsWithSelectorsAcrossNamespacesTheStatusSubresourceAndAnImmutableSelector()
      throws Exception {
    api.post(DAEMON_SETS, DAEMON_SET);
    api.post(
        DAEMON_SETS,
        DAEMON_SET.replace("name: agent", "name: logs").replace("team: infra", "team: ops"));
    assertEquals(List.of("agent"), names(api.get(DAEMON_SETS + "?labelSelector=team%3Dinfra")));
    assertEquals(List.of("agent", "logs"), names(api.get("/apis/apps/v1/daemonsets")));
    assertEquals("DaemonSetList", json(api.get(DAEMON_SETS)).getString("kind"));

    JsonObject ds = json(api.get(DAEMON_SETS + "/agent"));
    ds.put("status", new JsonObject().put("desiredNumberScheduled", 3).put("numberReady", 2));
    HttpResponse<Buffer> put =
        api.send(HttpMethod.PUT, DAEMON_SETS + "/agent/status", "application/json", ds.encode());
    assertEquals(200, put.statusCode(), put.bodyAsString());
    assertEquals(
        3,
        json(api.get(DAEMON_SETS + "/agent"))
            .getJsonObject("status")
            .getInteger("desiredNumberScheduled"));

    JsonObject changed = json(api.get(DAEMON_SETS + "/agent"));
    changed
        .getJsonObject("spec")
        .put("selector", new JsonObject().put("matchLabels", new JsonObject().put("app", "x")));
    changed
        .getJsonObject("spec")
        .getJsonObject("template")
        .getJsonObject("metadata")
        .put("labels", new JsonObject().put("app", "x"));
    HttpResponse<Buffer> refused =
        api.send(HttpMethod.PUT, DAEMON_SETS + "/agent", "application/json", changed.encode());
    assertInvalid(refused, "spec.selector");
  }

  @Test
  void discoveryListsDaemonSets() throws Exception {
    List<String> names =
        json(api.get("/apis/apps/v1")).getJsonArray("resources").stream()
            .map(r -> ((JsonObject) r).getString("name"))
            .toList();
    assertTrue(names.containsAll(List.of("daemonsets", "daemonsets/status")), names::toString);
  }

  @Test
  void aWatchSeesDaemonSetsComeAndGo() throws Exception {
    StreamLines events = api.watch(DAEMON_SETS + "?watch=true");
    api.post(DAEMON_SETS, DAEMON_SET);
    api.send(HttpMethod.DELETE, DAEMON_SETS + "/agent", null, null);
    assertEquals(
        List.of("ADDED agent", "DELETED agent"),
        ApiFixture.summary(events.awaitJson(2, "ADDED and DELETED of the set")));
  }
}
