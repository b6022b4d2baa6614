package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.StreamLines;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what through the API: 401 for no or bad tokens, 403 outside a role, tokens made and
 * revoked.
 */
@ExtendWith(VertxExtension.class)
class AccessApiTest {

  static final String TEAM_PODS = "/api/v1/namespaces/team/pods";
  static final String OTHER_PODS = "/api/v1/namespaces/other/pods";
  static final String TOKENS = "/apis/shoal.dev/v1/apitokens";

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
    for (String ns : new String[] {"team", "other"}) {
      await(api.store.create(new Namespace(ObjectMeta.named(null, ns), null, null)));
    }
  }

  HttpResponse<Buffer> as(String token, HttpMethod method, String path, String yaml)
      throws Exception {
    var request = api.anonymous.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (yaml == null) {
      return await(request.send());
    }
    return await(
        request.putHeader("Content-Type", "application/yaml").sendBuffer(Buffer.buffer(yaml)));
  }

  static String pod(String name) {
    return ResourceApiTest.pod(name, "app: web");
  }

  @Test
  void missingMalformedUnknownAndWrongTokensAllGetTheSame401(Vertx vertx) throws Exception {
    String real = api.adminToken;
    String wrongSecret = real.substring(0, real.lastIndexOf('.') + 1) + "AAAA";
    for (String token : new String[] {null, "", "garbage", "shoal.nobody.AAAA", wrongSecret}) {
      HttpResponse<Buffer> response = as(token, HttpMethod.GET, TEAM_PODS, null);
      assertEquals(401, response.statusCode(), "token " + token);
      JsonObject status = response.bodyAsJsonObject();
      assertEquals("Status", status.getString("kind"));
      assertEquals("Unauthorized", status.getString("message"), "no hint whether the token exists");
      assertEquals("Bearer realm=\"shoal\"", response.getHeader("WWW-Authenticate"));
    }
    assertEquals(200, as(null, HttpMethod.GET, "/healthz", null).statusCode());
    assertEquals(200, as(null, HttpMethod.GET, "/readyz", null).statusCode());
  }

  @Test
  void viewReadsButNeverWritesNorSeesTokens() throws Exception {
    String view = api.createToken("reader", ApiTokenSpec.VIEW);
    assertEquals(201, api.post(TEAM_PODS, pod("a")).statusCode());
    assertEquals(200, as(view, HttpMethod.GET, TEAM_PODS, null).statusCode());
    assertEquals(
        200,
        as(view, HttpMethod.GET, "/api/v1/pods", null).statusCode(),
        "not limited to namespaces");
    assertEquals(200, as(view, HttpMethod.GET, TEAM_PODS + "/a", null).statusCode());
    HttpResponse<Buffer> write = as(view, HttpMethod.POST, TEAM_PODS, pod("b"));
    assertEquals(403, write.statusCode());
    assertEquals("Forbidden", write.bodyAsJsonObject().getString("reason"));
    assertTrue(
        write.bodyAsJsonObject().getString("message").contains("cannot create resource \"pods\""),
        write.bodyAsString());
    assertEquals(403, as(view, HttpMethod.DELETE, TEAM_PODS + "/a", null).statusCode());
    assertEquals(403, as(view, HttpMethod.PATCH, TEAM_PODS + "/a", null).statusCode());
    assertEquals(403, as(view, HttpMethod.GET, TOKENS, null).statusCode());
    assertEquals(403, as(view, HttpMethod.POST, "/apply", pod("c")).statusCode());
  }

  @Test
  void editWritesInItsNamespacesOnly() throws Exception {
    String edit = api.createToken("team-dev", ApiTokenSpec.EDIT, "team");
    assertEquals(201, as(edit, HttpMethod.POST, TEAM_PODS, pod("a")).statusCode());
    assertEquals(200, as(edit, HttpMethod.GET, TEAM_PODS, null).statusCode());
    assertEquals(200, as(edit, HttpMethod.DELETE, TEAM_PODS + "/a", null).statusCode());
    assertEquals(403, as(edit, HttpMethod.POST, OTHER_PODS, pod("a")).statusCode());
    assertEquals(403, as(edit, HttpMethod.GET, OTHER_PODS, null).statusCode());
    assertEquals(
        403, as(edit, HttpMethod.GET, "/api/v1/pods", null).statusCode(), "all namespaces");
    assertEquals(
        403,
        as(
                edit,
                HttpMethod.POST,
                "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"mine\"}}")
            .statusCode());
    assertEquals(200, as(edit, HttpMethod.GET, "/api/v1/namespaces/team", null).statusCode());
    assertEquals(403, as(edit, HttpMethod.GET, TOKENS, null).statusCode());
    // /apply checks every document before it writes any: one outside the namespaces refuses them
    // all.
    String both =
        pod("x").replace("name: x", "name: x\n  namespace: team")
            + "---\n"
            + pod("y").replace("name: y", "name: y\n  namespace: other");
    assertEquals(403, as(edit, HttpMethod.POST, "/apply", both).statusCode());
    assertEquals(404, api.get(TEAM_PODS + "/x").statusCode(), "nothing was written");
  }

  @Test
  void adminCreatesATokenThatWorksOnceShownAndStopsWorkingWhenDeleted() throws Exception {
    HttpResponse<Buffer> created =
        api.post(
            TOKENS,
            """
        apiVersion: shoal.dev/v1
        kind: ApiToken
        metadata: {name: ci}
        spec: {role: edit, namespaces: [team]}
        """);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String token = created.bodyAsJsonObject().getJsonObject("status").getString("token");
    assertNotNull(token);
    String stored = api.get(TOKENS + "/ci").bodyAsString();
    assertFalse(
        stored.contains(token.substring(token.lastIndexOf('.') + 1)), "only the hash is stored");
    assertEquals(200, as(token, HttpMethod.GET, TEAM_PODS, null).statusCode());
    assertEquals(200, api.send(HttpMethod.DELETE, TOKENS + "/ci", null, null).statusCode());
    assertEquals(401, as(token, HttpMethod.GET, TEAM_PODS, null).statusCode());
  }

  @Test
  void aTokenRevokedMidWatchEndsTheStream() throws Exception {
    String view = api.createToken("watcher", ApiTokenSpec.VIEW);
    StreamLines watch = api.watch(TEAM_PODS + "?watch=true", view);
    assertEquals(201, api.post(TEAM_PODS, pod("seen")).statusCode());
    assertEquals(200, api.send(HttpMethod.DELETE, TOKENS + "/watcher", null, null).statusCode());
    watch
        .ended()
        .recover(broken -> io.vertx.core.Future.succeededFuture())
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertTrue(
        String.join("\n", watch.lines()).contains("\"seen\""),
        "events flowed before the revocation");
  }

  @Test
  void oneTokenMayNotHoldMoreWatchesThanItsQuota(Vertx vertx) throws Exception {
    var http = vertx.createHttpClient(new io.vertx.core.http.PoolOptions().setHttp1MaxSize(200));
    int limit = 100;
    for (int i = 0; i < limit; i++) {
      HttpClientResponse open =
          await(
              http.request(
                      HttpMethod.GET, api.server.port(), "127.0.0.1", TEAM_PODS + "?watch=true")
                  .compose(r -> r.putHeader("Authorization", "Bearer " + api.adminToken).send()));
      assertEquals(200, open.statusCode());
    }
    HttpResponse<Buffer> refused = api.get(TEAM_PODS + "?watch=true");
    assertEquals(429, refused.statusCode());
    String other = api.createToken("other-admin", ApiTokenSpec.ADMIN);
    assertEquals(
        200,
        as(other, HttpMethod.GET, TEAM_PODS, null).statusCode(),
        "other tokens are not affected");
  }

  @Test
  void aTokenAppliedWithoutItsHashIsRefusedWithTheFieldPath() throws Exception {
    HttpResponse<Buffer> refused =
        api.post(
            "/apply",
            """
        apiVersion: shoal.dev/v1
        kind: ApiToken
        metadata: {name: applied}
        spec: {role: view}
        """);
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsString().contains("spec.tokenHash"));
  }

  @Test
  void nobodyWritesTheClusterCa() throws Exception {
    HttpResponse<Buffer> refused =
        api.post(
            "/apis/shoal.dev/v1/certificateauthorities",
            """
        apiVersion: shoal.dev/v1
        kind: CertificateAuthority
        metadata: {name: cluster}
        spec: {certificate: x, sealedKey: y}
        """);
    assertEquals(403, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("message").contains("managed by the agents"));
  }
}
