package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.addresses.ServiceAddressHooks;
import dev.shoal.agent.addresses.ServiceAddresses;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NodePort allocations live where a user cannot write them: replacing or applying the kube-system
 * Namespace (even with a forged allocation annotation) does not free ports that services hold, so
 * the next service never gets one of them.
 */
@ExtendWith(VertxExtension.class)
class NodePortAllocationApiTest {

  static final String SERVICES = "/api/v1/namespaces/default/services";

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    // Every pick starts at the lowest port, so a lost allocation is handed out again at once.
    RandomGenerator lowestFirst =
        new RandomGenerator() {
          @Override
          public long nextLong() {
            return 0;
          }

          @Override
          public int nextInt(int bound) {
            return 0;
          }
        };
    api =
        new ApiFixture(
            vertx,
            PodLogs.text((pod, container) -> ""),
            store ->
                new ServiceAddressHooks(
                    new ServiceAddresses(store, Cidr.of("10.96.0.0/24"), lowestFirst)));
    await(api.store.create(new Namespace(ObjectMeta.named(null, "kube-system"), null, null)));
  }

  static String nodePortService(String name) {
    return """
        apiVersion: v1
        kind: Service
        metadata: {name: %s}
        spec:
          type: NodePort
          selector: {app: %s}
          ports: [{name: http, port: 80}]
        """
        .formatted(name, name);
  }

  private int create(String name) throws Exception {
    HttpResponse<Buffer> created = api.post(SERVICES, nodePortService(name));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return json(created)
        .getJsonObject("spec")
        .getJsonArray("ports")
        .getJsonObject(0)
        .getInteger("nodePort");
  }

  @Test
  void replacingOrApplyingKubeSystemFreesNoPort() throws Exception {
    List<Integer> ports = new ArrayList<>();
    ports.add(create("a"));
    ports.add(create("b"));

    HttpResponse<Buffer> replaced =
        api.send(
            HttpMethod.PUT,
            "/api/v1/namespaces/kube-system",
            "application/yaml",
            """
        apiVersion: v1
        kind: Namespace
        metadata: {name: kube-system, labels: {team: platform}}
        """);
    assertEquals(200, replaced.statusCode(), replaced.bodyAsString());
    ports.add(create("c"));

    HttpResponse<Buffer> applied =
        api.post(
            "/apply",
            """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: kube-system
          annotations: {shoal.dev/node-ports: "30000=default/ghost"}
        """);
    assertEquals(200, applied.statusCode(), applied.bodyAsString());
    ports.add(create("d"));

    Set<Integer> distinct = new HashSet<>(ports);
    assertEquals(4, distinct.size(), "no NodePort handed out twice: " + ports);
  }

  @Test
  void theAllocationRecordIsNotServed() throws Exception {
    assertEquals(30000, create("a"));
    assertEquals(404, api.get("/apis/shoal.dev/internal/rangeallocations").statusCode());
    assertEquals(404, api.get("/apis/shoal.dev/internal/rangeallocations/node-ports").statusCode());
    HttpResponse<Buffer> forged =
        api.post(
            "/apply",
            """
        apiVersion: shoal.dev/internal
        kind: RangeAllocation
        metadata: {name: node-ports}
        range: 30000-32767
        data: ""
        """);
    assertTrue(
        forged.statusCode() >= 400 && forged.statusCode() < 500,
        forged.statusCode() + " " + forged.bodyAsString());
    assertEquals(30001, create("b"), "the record still holds a's port");
  }
}
