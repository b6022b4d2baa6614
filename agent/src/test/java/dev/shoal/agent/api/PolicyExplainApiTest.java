package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /explain/networkpolicy: the policies on each side of a connection and the verdict. */
@ExtendWith(VertxExtension.class)
class PolicyExplainApiTest {

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
    pod("web", "app: web", "198.18.1.5", "ports: [{name: http, containerPort: 8080}]");
    pod("client", "app: client", "198.18.2.9", "");
    assertEquals(
        201,
        api.post(
                "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies",
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-from-client}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: client}}}], ports: [{port: http}]}]
                """)
            .statusCode());
    api.post(
        "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies",
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-web}
        spec: {podSelector: {matchLabels: {app: web}}, ingress: []}
        """);
  }

  private void pod(String name, String labels, String ip, String ports) throws Exception {
    Pod pod =
        (Pod)
            ((dev.shoal.manifests.codec.Decoded.Ok)
                    ManifestCodec.decode(
                        """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: %s, namespace: default, labels: {%s}}
                    spec:
                      nodeName: node-a
                      containers:
                      - name: c
                        image: x
                        %s
                    """
                            .formatted(name, labels, ports)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        Pod.class))
                .resource();
    await(api.store.create(pod.withStatus(PodStatus.phase("Running").withIPs("192.0.2.1", ip))));
  }

  @Test
  void aNamedPortTheRuleAllowsFromTheClient() throws Exception {
    HttpResponse<Buffer> r =
        api.get("/explain/networkpolicy?from=default/client&to=default/web&port=http");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = json(r);
    assertEquals(8080, body.getInteger("port"));
    assertEquals(true, body.getBoolean("allowed"));
    JsonObject ingress = body.getJsonObject("ingress");
    assertEquals(
        new JsonArray().add("default/deny-web").add("default/web-from-client"),
        ingress.getJsonArray("policies"));
    assertEquals(new JsonArray().add("default/web-from-client"), ingress.getJsonArray("allowing"));
    assertEquals(false, body.getJsonObject("egress").getBoolean("isolated"));
  }

  @Test
  void anotherPortIsDeniedAndSaysWhoIsolates() throws Exception {
    JsonObject body =
        json(api.get("/explain/networkpolicy?from=default/client&to=default/web&port=9090"));
    assertEquals(false, body.getBoolean("allowed"));
    assertEquals(true, body.getJsonObject("ingress").getBoolean("isolated"));
    assertEquals(new JsonArray(), body.getJsonObject("ingress").getJsonArray("allowing"));
  }

  private static void assertInvalid(HttpResponse<Buffer> r, String field) {
    assertEquals(400, r.statusCode(), r.bodyAsString());
    JsonArray causes = json(r).getJsonObject("details").getJsonArray("causes");
    org.junit.jupiter.api.Assertions.assertTrue(
        causes.stream().anyMatch(c -> field.equals(((JsonObject) c).getString("field"))),
        () -> field + " in " + causes);
  }

  @Test
  void badQueriesAreRefusedWithTheField() throws Exception {
    assertInvalid(api.get("/explain/networkpolicy?from=default/client&to=default/web"), "port");
    assertInvalid(api.get("/explain/networkpolicy?from=client&to=default/web&port=80"), "from");
    assertInvalid(
        api.get("/explain/networkpolicy?from=default/client&to=default/nobody&port=80"), "to");
    assertInvalid(
        api.get("/explain/networkpolicy?from=default/client&to=default/web&port=nope"), "port");
    assertInvalid(
        api.get("/explain/networkpolicy?from=default/client&to=default/web&port=80&protocol=ICMP"),
        "protocol");
  }
}
