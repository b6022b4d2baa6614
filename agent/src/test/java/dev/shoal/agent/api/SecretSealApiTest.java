package dev.shoal.agent.api;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.auth.BearerTokens;
import dev.shoal.agent.auth.TokenRegistry;
import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.cluster.TestCluster;
import dev.shoal.agent.config.ConfigLoader;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.hazelcast.HazelcastStore;
import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Secret;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Secret posted to one member's API with {@code stringData} is sealed in the shared map, and both
 * members' APIs (and the store read the pod worker uses) give its value back unchanged.
 */
class SecretSealApiTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<HazelcastMember> members = new ArrayList<>();
  private final List<HazelcastStore> stores = new ArrayList<>();
  private final List<TokenRegistry> registries = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    registries.forEach(TokenRegistry::stop);
    stores.forEach(HazelcastStore::close);
    members.forEach(HazelcastMember::terminate);
    await(vertx.close());
  }

  @Test
  void postedOnOneMemberSealedInTheMapReadBackOnBoth() throws Exception {
    byte[] clusterKey = new byte[32];
    new SecureRandom().nextBytes(clusterKey);
    members.addAll(new TestCluster(2).startAll(vertx));
    for (HazelcastMember member : members) {
      stores.add(
          await(
              HazelcastStore.open(
                  vertx,
                  member.instance(),
                  member::hasMajority,
                  HazelcastStore.Options.defaults(null).withSecretKey(clusterKey))));
    }
    await(stores.get(0).create(new Namespace(ObjectMeta.named(null, "default"), null, null)));
    BearerTokens.Issued admin = BearerTokens.issue("admin");
    await(
        stores
            .get(0)
            .create(
                new ApiToken(
                    ObjectMeta.named(null, "admin"),
                    new ApiTokenSpec(ApiTokenSpec.ADMIN, null, admin.hash()),
                    null)));
    List<WebClient> apis = new ArrayList<>();
    for (HazelcastStore store : stores) {
      apis.add(api(store, admin.token()));
    }

    String value = "pa55-" + System.nanoTime();
    HttpResponse<Buffer> created =
        await(
            apis.get(0)
                .post("/api/v1/namespaces/default/secrets")
                .putHeader("Content-Type", "application/yaml")
                .sendBuffer(
                    Buffer.buffer(
                        """
            apiVersion: v1
            kind: Secret
            metadata: {name: db}
            stringData: {password: %s}
            """
                            .formatted(value))));
    assertEquals(201, created.statusCode(), created.bodyAsString());

    String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    for (HazelcastMember member : members) {
      String raw = (String) member.instance().getMap("shoal-objects").get("Secret/default/db");
      assertFalse(raw.contains(value) || raw.contains(base64), raw);
    }
    for (WebClient api : apis) {
      assertTrue(
          eventually(
              Duration.ofSeconds(5),
              () -> get(api, "/api/v1/namespaces/default/secrets/db") == 200));
      HttpResponse<Buffer> got = await(api.get("/api/v1/namespaces/default/secrets/db").send());
      assertEquals(
          base64,
          got.bodyAsJsonObject().getJsonObject("data").getString("password"),
          got.bodyAsString());
      HttpResponse<Buffer> listed = await(api.get("/api/v1/namespaces/default/secrets").send());
      assertEquals(
          base64,
          listed
              .bodyAsJsonObject()
              .getJsonArray("items")
              .getJsonObject(0)
              .getJsonObject("data")
              .getString("password"));
    }
    Secret forPods = (Secret) await(stores.get(1).get(new ObjectKey(Secret.KIND, "default", "db")));
    assertEquals(value, new String(forPods.value("password"), StandardCharsets.UTF_8));
  }

  private WebClient api(HazelcastStore store, String token) throws Exception {
    var config =
        ConfigLoader.load(
            List.of("--node-name", "n", "--data-dir", "/tmp/shoal-api-test", "--api-port", "0"),
            Map.of());
    TokenRegistry tokens = new TokenRegistry();
    registries.add(tokens);
    await(tokens.start(store));
    ApiServer server =
        new ApiServer(
            vertx,
            config,
            new ResourceService(store, new Admission(), Clock.systemUTC()),
            PodLogs.text((pod, container) -> ""),
            () -> true,
            ApiAccess.of(tokens, 100_000, 100),
            null);
    await(server.start());
    assertTrue(eventually(Duration.ofSeconds(5), () -> tokens.authenticate(token).isPresent()));
    return io.vertx.ext.web.client.WebClientSession.create(
            WebClient.create(
                vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port())))
        .addHeader("Authorization", "Bearer " + token);
  }

  private static int get(WebClient api, String path) {
    try {
      return await(api.get(path).send()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
