package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.controllers.disruption.BudgetPods;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.PodDisruptionBudgetSpec;
import dev.shoal.manifests.model.PodDisruptionBudgetStatus;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * POST pods/{name}/eviction over HTTP, case by case as upstream's eviction handler: no budget, a
 * budget with room (taken through its status) and without (429 with a DisruptionBudget cause), a
 * budget the controller has not seen yet, two budgets (500), pending and unready pods, delete
 * options, dry run, bad bodies; and the budget kind itself (status kept from writes, discovery).
 */
@ExtendWith(VertxExtension.class)
class EvictionApiTest {

  static final String PODS = "/api/v1/namespaces/ns/pods/";
  static final String PDBS = "/apis/policy/v1/namespaces/ns/poddisruptionbudgets";

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
    await(api.store.create(new Namespace(ObjectMeta.named(null, "ns"), null, null)));
  }

  private Pod pod(String name, boolean ready) throws Exception {
    return (Pod) await(api.store.create(BudgetPods.pod(name, ready)));
  }

  /** A budget as the controller would leave it: observed, with {@code allowed} disruptions. */
  private void budget(
      String name, PodDisruptionBudgetSpec spec, int allowed, int current, int desired)
      throws Exception {
    Resource created =
        await(api.store.create(new PodDisruptionBudget(ObjectMeta.named("ns", name), spec, null)));
    await(
        api.store.modify(
            ObjectKey.of(created),
            r ->
                ((PodDisruptionBudget) r)
                    .withStatus(
                        new PodDisruptionBudgetStatus(
                            r.metadata().generation(), null, allowed, current, desired, 3, null))));
  }

  private static PodDisruptionBudgetSpec minAvailable(int n) {
    return new PodDisruptionBudgetSpec(IntOrString.of(n), BudgetPods.selector(), null, null);
  }

  private HttpResponse<Buffer> evict(String name, String extra) throws Exception {
    String body =
        "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\""
            + name
            + "\",\"namespace\":\"ns\"}"
            + (extra == null ? "" : "," + extra)
            + "}";
    return api.send(HttpMethod.POST, PODS + name + "/eviction", "application/json", body);
  }

  private PodDisruptionBudget stored(String name) throws Exception {
    return (PodDisruptionBudget)
        await(api.store.get(new ObjectKey(PodDisruptionBudget.KIND, "ns", name)));
  }

  private Pod storedPod(String name) throws Exception {
    return (Pod) await(api.store.get(new ObjectKey(Pod.KIND, "ns", name)));
  }

  private boolean podGone(String name) throws Exception {
    try {
      storedPod(name);
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause() instanceof StoreException se
          && se.reason() == StoreException.Reason.NOT_FOUND;
    }
  }

  @Test
  void withoutABudgetThePodIsDeletedGracefully() throws Exception {
    pod("web-0", true);
    HttpResponse<Buffer> answer = evict("web-0", null);
    assertEquals(201, answer.statusCode(), answer.bodyAsString());
    assertEquals("Success", json(answer).getString("status"));
    Pod going = storedPod("web-0");
    assertNotNull(going.metadata().deletionTimestamp(), "marked for graceful deletion");
    assertEquals(30L, going.metadata().deletionGracePeriodSeconds());
  }

  @Test
  void theDeleteOptionsGracePeriodIsHonoured() throws Exception {
    pod("web-0", true);
    HttpResponse<Buffer> answer = evict("web-0", "\"deleteOptions\":{\"gracePeriodSeconds\":0}");
    assertEquals(201, answer.statusCode(), answer.bodyAsString());
    assertTrue(podGone("web-0"));
  }

  @Test
  void aBudgetWithRoomGivesOneDisruptionThroughItsStatus() throws Exception {
    pod("web-0", true);
    pod("web-1", true);
    pod("web-2", true);
    budget("pdb", minAvailable(2), 1, 3, 2);

    HttpResponse<Buffer> first = evict("web-0", null);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    PodDisruptionBudgetStatus s = stored("pdb").status();
    assertEquals(0, s.disruptionsAllowed());
    assertEquals(List.of("web-0"), List.copyOf(s.disruptedPods().keySet()));
    assertEquals("InsufficientPods", s.conditions().get(0).reason());
    assertNotNull(storedPod("web-0").metadata().deletionTimestamp());

    HttpResponse<Buffer> second = evict("web-1", null);
    assertEquals(429, second.statusCode(), second.bodyAsString());
    JsonObject status = json(second);
    assertEquals("TooManyRequests", status.getString("reason"));
    assertEquals(
        "Cannot evict pod as it would violate the pod's disruption budget.",
        status.getString("message"));
    JsonObject cause = status.getJsonObject("details").getJsonArray("causes").getJsonObject(0);
    assertEquals("DisruptionBudget", cause.getString("reason"));
    assertEquals(
        "The disruption budget pdb needs 2 healthy pods and has 3 currently",
        cause.getString("message"));
    assertNull(storedPod("web-1").metadata().deletionTimestamp(), "left alone");
  }

  @Test
  void aBudgetNotYetObservedIsStillBeingProcessed() throws Exception {
    pod("web-0", true);
    await(
        api.store.create(
            new PodDisruptionBudget(ObjectMeta.named("ns", "pdb"), minAvailable(0), null)));
    HttpResponse<Buffer> answer = evict("web-0", null);
    assertEquals(429, answer.statusCode(), answer.bodyAsString());
    JsonObject cause =
        json(answer).getJsonObject("details").getJsonArray("causes").getJsonObject(0);
    assertEquals(
        "The disruption budget pdb is still being processed by the server.",
        cause.getString("message"));
  }

  @Test
  void twoBudgetsForOnePodAreA500AsUpstream() throws Exception {
    pod("web-0", true);
    budget("a", minAvailable(0), 1, 1, 0);
    budget("b", minAvailable(0), 1, 1, 0);
    HttpResponse<Buffer> answer = evict("web-0", null);
    assertEquals(500, answer.statusCode(), answer.bodyAsString());
    assertEquals(
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not"
            + " support.",
        json(answer).getString("message"));
    assertNull(storedPod("web-0").metadata().deletionTimestamp());
  }

  @Test
  void aPendingPodGoesWhateverTheBudget() throws Exception {
    Pod p = BudgetPods.pod("web-0", false);
    await(api.store.create(p.withStatus(PodStatus.phase("Pending"))));
    budget("pdb", minAvailable(5), 0, 0, 5);
    HttpResponse<Buffer> answer = evict("web-0", null);
    assertEquals(201, answer.statusCode(), answer.bodyAsString());
    assertEquals(0, stored("pdb").status().disruptionsAllowed());
    assertNull(stored("pdb").status().disruptedPods(), "no disruption taken");
  }

  @Test
  void anUnreadyPodGoesWithoutTakingADisruptionWhenTheBudgetIsMet() throws Exception {
    pod("web-0", true);
    pod("web-1", true);
    pod("sick", false);
    budget("pdb", minAvailable(2), 0, 2, 2);
    HttpResponse<Buffer> answer = evict("sick", null);
    assertEquals(201, answer.statusCode(), answer.bodyAsString());
    assertNotNull(storedPod("sick").metadata().deletionTimestamp());
    assertNull(stored("pdb").status().disruptedPods());
  }

  @Test
  void anUnreadyPodIsRefusedWhenTheBudgetIsShortUnlessAlwaysAllow() throws Exception {
    pod("web-0", true);
    pod("sick", false);
    budget("pdb", minAvailable(2), 0, 1, 2);
    assertEquals(429, evict("sick", null).statusCode());

    await(
        api.store.modify(
            new ObjectKey(PodDisruptionBudget.KIND, "ns", "pdb"),
            r -> {
              PodDisruptionBudget b = (PodDisruptionBudget) r;
              PodDisruptionBudgetSpec s = b.spec();
              return new PodDisruptionBudget(
                  b.metadata(),
                  new PodDisruptionBudgetSpec(
                      s.minAvailable(), s.selector(), null, PodDisruptionBudgetSpec.ALWAYS_ALLOW),
                  // the controller has seen the new generation
                  new PodDisruptionBudgetStatus(
                      b.metadata().generation() + 1, null, 0, 1, 2, 2, null));
            }));
    HttpResponse<Buffer> allowed = evict("sick", null);
    assertEquals(201, allowed.statusCode(), allowed.bodyAsString());
    HttpResponse<Buffer> ready = evict("web-0", null);
    assertEquals(
        429, ready.statusCode(), "a ready pod still takes a disruption: " + ready.bodyAsString());
  }

  @Test
  void aDryRunChangesNothing() throws Exception {
    pod("web-0", true);
    budget("pdb", minAvailable(0), 1, 1, 0);
    HttpResponse<Buffer> answer =
        api.send(
            HttpMethod.POST,
            PODS + "web-0/eviction?dryRun=All",
            "application/json",
            "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"web-0\"}}");
    assertEquals(201, answer.statusCode(), answer.bodyAsString());
    assertNull(storedPod("web-0").metadata().deletionTimestamp());
    assertEquals(1, stored("pdb").status().disruptionsAllowed());
  }

  @Test
  void v1beta1EvictionsAreTakenToo() throws Exception {
    pod("web-0", true);
    HttpResponse<Buffer> answer =
        api.send(
            HttpMethod.POST,
            PODS + "web-0/eviction",
            "application/json",
            "{\"apiVersion\":\"policy/v1beta1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"web-0\"}}");
    assertEquals(201, answer.statusCode(), answer.bodyAsString());
  }

  @Test
  void badBodiesAre400sAndAMissingPodA404() throws Exception {
    pod("web-0", true);
    HttpResponse<Buffer> otherName =
        api.send(
            HttpMethod.POST,
            PODS + "web-0/eviction",
            "application/json",
            "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"web-1\"}}");
    assertEquals(400, otherName.statusCode());
    assertEquals(
        "name in URL does not match name in Eviction object", json(otherName).getString("message"));
    assertEquals(
        400,
        api.send(HttpMethod.POST, PODS + "web-0/eviction", "application/json", "{\"kind\":\"Pod\"}")
            .statusCode());
    assertEquals(
        400,
        api.send(HttpMethod.POST, PODS + "web-0/eviction", "application/json", "{").statusCode());
    assertEquals(404, evict("nobody", null).statusCode());
    assertEquals(405, api.get(PODS + "web-0/eviction").statusCode());
    assertNull(storedPod("web-0").metadata().deletionTimestamp());
  }

  @Test
  void aBudgetIsServedWithItsStatusKeptFromWritesAndAStatusSubresource() throws Exception {
    HttpResponse<Buffer> created =
        api.post(
            PDBS,
            """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec: {minAvailable: 2, selector: {matchLabels: {app: web}}}
            status: {disruptionsAllowed: 5}
            """);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertNull(json(created).getJsonObject("status"), "status is the controller's to write");
    assertEquals(1L, json(created).getJsonObject("metadata").getLong("generation"));
    HttpResponse<Buffer> bad =
        api.post(
            PDBS,
            """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: both}
            spec: {minAvailable: 2, maxUnavailable: 1, selector: {matchLabels: {app: web}}}
            """);
    ApiFixture.assertInvalid(bad, "spec");
    HttpResponse<Buffer> status = api.get(PDBS + "/web/status");
    assertEquals(200, status.statusCode());
    assertEquals("PodDisruptionBudget", json(status).getString("kind"));
  }

  @Test
  void discoveryListsPodsEvictionAsPolicyV1AndTheBudgetKind() throws Exception {
    JsonObject core = json(api.get("/api/v1"));
    JsonObject eviction =
        core.getJsonArray("resources").stream()
            .map(JsonObject.class::cast)
            .filter(r -> "pods/eviction".equals(r.getString("name")))
            .findFirst()
            .orElseThrow();
    assertEquals(
        Map.of("kind", "Eviction", "group", "policy", "version", "v1", "verbs", List.of("create")),
        Map.of(
            "kind", eviction.getString("kind"),
            "group", eviction.getString("group"),
            "version", eviction.getString("version"),
            "verbs", eviction.getJsonArray("verbs").getList()));
    JsonObject policy = json(api.get("/apis/policy/v1"));
    JsonObject pdb = policy.getJsonArray("resources").getJsonObject(0);
    assertEquals("poddisruptionbudgets", pdb.getString("name"));
    assertEquals(List.of("pdb"), pdb.getJsonArray("shortNames").getList());
  }
}
