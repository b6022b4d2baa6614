package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.addresses.ServiceAddressHooks;
import dev.shoal.agent.addresses.ServiceAddresses;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Services get their ClusterIP through the API: allocated, requested, refused when taken, kept,
 * released.
 */
@ExtendWith(VertxExtension.class)
class ServiceAddressApiTest {

  static final String SERVICES = "/api/v1/namespaces/default/services";

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api =
        new ApiFixture(
            vertx,
            PodLogs.text((pod, container) -> ""),
            store -> new ServiceAddressHooks(new ServiceAddresses(store, Cidr.of("10.96.0.0/24"))));
  }

  static String service(String name, String clusterIp) {
    return """
        apiVersion: v1
        kind: Service
        metadata: {name: %s}
        spec:
          %s
          selector: {app: web}
          ports: [{name: http, port: 80}]
        """
        .formatted(name, clusterIp == null ? "" : "clusterIP: " + clusterIp);
  }

  @Test
  void clusterIpIsAllocatedKeptAcrossReapplyAndReleasedOnDelete() throws Exception {
    HttpResponse<Buffer> created = api.post(SERVICES, service("web", null));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String ip = json(created).getJsonObject("spec").getString("clusterIP");
    assertTrue(ip.startsWith("10.96.0.") && !ip.equals("10.96.0.0") && !ip.equals("10.96.0.1"), ip);

    HttpResponse<Buffer> reapplied = api.post("/apply", service("web", null));
    assertEquals(
        "unchanged",
        json(reapplied).getJsonArray("items").getJsonObject(0).getString("action"),
        reapplied.bodyAsString());
    assertEquals(ip, json(api.get(SERVICES + "/web")).getJsonObject("spec").getString("clusterIP"));

    HttpResponse<Buffer> taken = api.post(SERVICES, service("other", ip));
    assertEquals(422, taken.statusCode(), taken.bodyAsString());
    JsonObject cause = json(taken).getJsonObject("details").getJsonArray("causes").getJsonObject(0);
    assertEquals("spec.clusterIP", cause.getString("field"));

    assertEquals(200, api.send(HttpMethod.DELETE, SERVICES + "/web", null, null).statusCode());
    HttpResponse<Buffer> reused = api.post(SERVICES, service("other", ip));
    assertEquals(
        201,
        reused.statusCode(),
        "a deleted service's address is free again: " + reused.bodyAsString());
  }

  @Test
  void requestedAddressOutsideTheRangeIs422() throws Exception {
    HttpResponse<Buffer> response = api.post(SERVICES, service("web", "10.97.0.5"));
    assertEquals(422, response.statusCode(), response.bodyAsString());
    assertEquals(
        "spec.clusterIP",
        json(response)
            .getJsonObject("details")
            .getJsonArray("causes")
            .getJsonObject(0)
            .getString("field"));
  }

  @Test
  void headlessServicesGetNoAddress() throws Exception {
    HttpResponse<Buffer> created = api.post(SERVICES, service("db", "None"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("None", json(created).getJsonObject("spec").getString("clusterIP"));
  }
}
