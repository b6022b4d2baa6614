package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.assertInvalid;
import static dev.shoal.agent.api.ApiFixture.json;
import static dev.shoal.agent.api.ApiFixture.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * ConfigMaps over HTTP at /api/v1/namespaces/{ns}/configmaps: create, list with selectors, update,
 * an immutable one refused a change with 422, refusals with field paths, discovery, pod defaults.
 */
@ExtendWith(VertxExtension.class)
class ConfigMapApiTest {
  static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps";

  static final String CONFIG_MAP =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app, labels: {team: web}}
      data:
        mode: fast
        app.properties: |
          port=8080
      binaryData:
        logo.bin: AAEC
      """;

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
  }

  @Test
  void createListSelectAndUpdate() throws Exception {
    HttpResponse<Buffer> created = api.post(CONFIG_MAPS, CONFIG_MAP);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("fast", json(created).getJsonObject("data").getString("mode"));
    assertEquals("AAEC", json(created).getJsonObject("binaryData").getString("logo.bin"));
    api.post(CONFIG_MAPS, CONFIG_MAP.replace("name: app", "name: db").replace("web", "data"));
    assertEquals(List.of("app"), names(api.get(CONFIG_MAPS + "?labelSelector=team%3Dweb")));
    assertEquals(List.of("app", "db"), names(api.get("/api/v1/configmaps")));
    assertEquals("ConfigMapList", json(api.get(CONFIG_MAPS)).getString("kind"));

    HttpResponse<Buffer> patched =
        api.send(
            HttpMethod.PATCH,
            CONFIG_MAPS + "/app",
            "application/merge-patch+json",
            "{\"data\":{\"mode\":\"slow\"}}");
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    assertEquals(
        "slow", json(api.get(CONFIG_MAPS + "/app")).getJsonObject("data").getString("mode"));
  }

  @Test
  void anImmutableConfigMapRefusesAChangeOfItsDataWith422() throws Exception {
    assertEquals(
        201, api.post(CONFIG_MAPS, CONFIG_MAP + "immutable: true\n").statusCode(), "created");
    HttpResponse<Buffer> changed =
        api.send(
            HttpMethod.PATCH,
            CONFIG_MAPS + "/app",
            "application/merge-patch+json",
            "{\"data\":{\"mode\":\"slow\"}}");
    assertInvalid(changed, "data");
    HttpResponse<Buffer> unlocked =
        api.send(
            HttpMethod.PATCH,
            CONFIG_MAPS + "/app",
            "application/merge-patch+json",
            "{\"immutable\":false}");
    assertInvalid(unlocked, "immutable");
    HttpResponse<Buffer> relabelled =
        api.send(
            HttpMethod.PATCH,
            CONFIG_MAPS + "/app",
            "application/merge-patch+json",
            "{\"metadata\":{\"labels\":{\"team\":\"ops\"}}}");
    assertEquals(
        200, relabelled.statusCode(), "its metadata may change: " + relabelled.bodyAsString());
    assertEquals(
        "fast", json(api.get(CONFIG_MAPS + "/app")).getJsonObject("data").getString("mode"));
  }

  @Test
  void refusalsNameTheFieldAndWriteNothing() throws Exception {
    assertInvalid(
        api.post(CONFIG_MAPS, CONFIG_MAP.replace("mode: fast", "'bad/key': fast")),
        "data[bad/key]");
    assertInvalid(
        api.post(CONFIG_MAPS, CONFIG_MAP.replace("logo.bin: AAEC", "mode: AAEC")),
        "binaryData[mode]");
    assertInvalid(
        api.post(CONFIG_MAPS, CONFIG_MAP.replace("logo.bin: AAEC", "logo.bin: 'not base64'")),
        "binaryData[logo.bin]");
    assertEquals(List.of(), names(api.get(CONFIG_MAPS)), "nothing half-written");
  }

  @Test
  void podsGetTheFileModeAndFieldRefDefaultsAndBadRefsAre422() throws Exception {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: reader}
        spec:
          volumes:
          - {name: cfg, configMap: {name: app}}
          - name: all
            projected:
              sources:
              - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}]}
          containers:
          - name: c
            image: shoal-test/busybox:1
            env: [{name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}]
            volumeMounts: [{name: cfg, mountPath: /c}, {name: all, mountPath: /a}]
        """;
    HttpResponse<Buffer> created = api.post("/api/v1/namespaces/default/pods", pod);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject spec = json(created).getJsonObject("spec");
    JsonArray volumes = spec.getJsonArray("volumes");
    assertEquals(
        420, volumes.getJsonObject(0).getJsonObject("configMap").getInteger("defaultMode"));
    JsonObject projected = volumes.getJsonObject(1).getJsonObject("projected");
    assertEquals(420, projected.getInteger("defaultMode"));
    assertEquals(
        "v1",
        projected
            .getJsonArray("sources")
            .getJsonObject(0)
            .getJsonObject("downwardAPI")
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonObject("fieldRef")
            .getString("apiVersion"));
    assertEquals(
        "v1",
        spec.getJsonArray("containers")
            .getJsonObject(0)
            .getJsonArray("env")
            .getJsonObject(0)
            .getJsonObject("valueFrom")
            .getJsonObject("fieldRef")
            .getString("apiVersion"));
    assertInvalid(
        api.post(
            "/api/v1/namespaces/default/pods",
            pod.replace("name: reader", "name: r2").replace("status.podIP", "status.phase")),
        "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath");
  }

  @Test
  void discoveryListsConfigMapsWithTheirShortName() throws Exception {
    JsonObject configMaps =
        json(api.get("/api/v1")).getJsonArray("resources").stream()
            .map(JsonObject.class::cast)
            .filter(r -> r.getString("name").equals("configmaps"))
            .findFirst()
            .orElseThrow();
    assertEquals("ConfigMap", configMaps.getString("kind"));
    assertEquals(List.of("cm"), configMaps.getJsonArray("shortNames").getList());
    assertTrue(configMaps.getBoolean("namespaced"));
  }
}
