package dev.shoal.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.LogOptions;
import dev.shoal.agent.runtime.LogRelay;
import dev.shoal.agent.runtime.LogStream;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeAddress;
import dev.shoal.manifests.model.NodeStatus;
import dev.shoal.manifests.model.ObjectMeta;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET .../pods/P/log} over HTTP with a scripted log source (the relaying is logic; the
 * engine side has tests of its own): query parameters, pods not bound or bound elsewhere, a log
 * that breaks off before and after output, limitBytes.
 */
class PodLogApiTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";

  private Vertx vertx;
  private ApiFixture api;

  /**
   * What the next log read does: given the context and options, the stream (or failure) to answer
   * with.
   */
  private final AtomicReference<Script> script = new AtomicReference<>();

  private volatile LogOptions lastOptions;
  private volatile boolean lastPrevious;

  interface Script {
    Future<LogStream> open(io.vertx.core.Context context);
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    api =
        new ApiFixture(
            vertx,
            (pod, container, previous, options) -> {
              lastOptions = options;
              lastPrevious = previous;
              return script.get().open(Vertx.currentContext());
            });
  }

  @AfterEach
  void tearDown() throws Exception {
    ApiFixture.await(vertx.close());
  }

  private void pod(String name, String nodeName) throws Exception {
    HttpResponse<Buffer> created =
        api.post(
            PODS,
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s}
        spec:
          %s
          containers:
          - {name: main, image: shoal-test/busybox:1}
        """
                .formatted(name, nodeName == null ? "" : "nodeName: " + nodeName));
    assertEquals(201, created.statusCode(), created.bodyAsString());
  }

  private void node(String name, String ip) throws Exception {
    ApiFixture.await(
        api.store.create(
            new Node(
                ObjectMeta.named(null, name),
                null,
                new NodeStatus(
                    null,
                    null,
                    null,
                    ip == null ? List.of() : List.of(new NodeAddress("InternalIP", ip)),
                    null))));
  }

  private static void assertStatus(HttpResponse<Buffer> answer, int code, String inMessage) {
    assertEquals(code, answer.statusCode(), answer.bodyAsString());
    JsonObject status = answer.bodyAsJsonObject();
    assertEquals("Status", status.getString("kind"));
    assertTrue(status.getString("message").contains(inMessage), status.getString("message"));
  }

  @Test
  void queryParametersReachTheRuntimeAndBadOnesAreRefusedByName() throws Exception {
    pod("web", "node-a");
    script.set(context -> Future.succeededFuture(LogRelay.completed(context, "hello\n")));
    HttpResponse<Buffer> log =
        api.get(
            PODS
                + "/web/log?follow=true&tailLines=5&sinceSeconds=60&timestamps=true&previous=true");
    assertEquals(200, log.statusCode(), log.bodyAsString());
    assertEquals("hello\n", log.bodyAsString());
    assertEquals(new LogOptions(true, 5, 60L, true), lastOptions);
    assertTrue(lastPrevious);
    assertStatus(api.get(PODS + "/web/log?tailLines=many"), 400, "tailLines");
    assertStatus(api.get(PODS + "/web/log?limitBytes=0"), 400, "limitBytes");
    assertStatus(api.get(PODS + "/web/log?follow=yes"), 400, "follow");
    assertStatus(api.get(PODS + "/web/log?sinceSeconds=-1"), 400, "sinceSeconds");
  }

  @Test
  void limitBytesCutsTheBody() throws Exception {
    pod("web", "node-a");
    script.set(
        context -> Future.succeededFuture(LogRelay.completed(context, "line one\nline two\n")));
    assertEquals("line", api.get(PODS + "/web/log?limitBytes=4").bodyAsString());
  }

  @Test
  void aPodWithoutANodeIsA400LikeKubernetes() throws Exception {
    pod("pending", null);
    assertStatus(api.get(PODS + "/pending/log"), 400, "pod pending does not have a host assigned");
  }

  @Test
  void aPodOnAnUnreachableNodeIsA503NamingIt() throws Exception {
    node("far", "127.0.0.9"); // loopback, but nothing listens there: refused at once
    pod("away", "far");
    assertStatus(api.get(PODS + "/away/log"), 503, "cannot reach node far at 127.0.0.9");
    node("blank", null);
    pod("nowhere", "blank");
    assertStatus(api.get(PODS + "/nowhere/log"), 503, "node blank reports no address");
    pod("lost", "unknown-node");
    assertStatus(api.get(PODS + "/lost/log"), 503, "node unknown-node is not known");
  }

  @Test
  void aForwardedRequestIsNeverForwardedAgain() throws Exception {
    // Node "elsewhere" claims this API's own address: the forwarded request arrives here again,
    // marked.
    node("elsewhere", "127.0.0.1");
    pod("loop", "elsewhere");
    assertStatus(api.get(PODS + "/loop/log"), 503, "is bound to node elsewhere, not to node-a");
  }

  @Test
  void aReadThatFailsBeforeOutputIsAStatusAndOneThatBreaksOffEndsWithAMarker() throws Exception {
    pod("web", "node-a");
    script.set(
        context ->
            Future.failedFuture(
                new RuntimeFailure(
                    RuntimeFailure.Kind.NOT_FOUND,
                    "container \"main\" in pod \"web\" not found on node node-a")));
    assertStatus(api.get(PODS + "/web/log"), 404, "not found on node node-a");

    script.set(
        context -> {
          LogRelay relay = new LogRelay(context, () -> {});
          relay.fail(
              new RuntimeFailure(RuntimeFailure.Kind.TEMPORARY, "log of c1: engine went away"));
          return Future.succeededFuture(relay);
        });
    assertStatus(api.get(PODS + "/web/log"), 503, "engine went away");

    script.set(
        context -> {
          LogRelay relay = new LogRelay(context, () -> {});
          try {
            relay.push(Buffer.buffer("line one\n"));
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          relay.fail(
              new RuntimeFailure(
                  RuntimeFailure.Kind.TEMPORARY,
                  "log of c1: Premature end of chunk coded message body"));
          return Future.succeededFuture(relay);
        });
    HttpResponse<Buffer> broken = api.get(PODS + "/web/log");
    assertEquals(200, broken.statusCode(), "the status line went out with the first output");
    assertEquals(
        "line one\n" + LogReply.MARKER + "log of c1: Premature end of chunk coded message body\n",
        broken.bodyAsString());
    assertEquals(
        "log of c1: Premature end of chunk coded message body",
        broken.trailers().get(LogReply.ERROR_TRAILER));
  }
}
