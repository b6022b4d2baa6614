package dev.shoal.agent.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoal.manifests.codec.Json;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers the fuzz run found wrong (5xx, refusals without a Status, half-written applies,
 * leaked watch slots), replayed one by one.
 */
class FoundBugsTest {

  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: %s}
      spec: {containers: [{name: main, image: shoal-test/busybox:1}]}
      """;

  private FuzzServer node;

  @BeforeEach
  void start(@TempDir Path dataDir) throws Exception {
    node = new FuzzServer(dataDir);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void anUnknownFieldWithAControlCharacterIsAWarningNotA500() throws Exception {
    Sender.Answer answer =
        post(PODS, "application/yaml", POD.formatted("bell") + "\"\\abell\\u0000\": 1\n");
    assertEquals(201, answer.status(), text(answer));
  }

  @Test
  void aWatchTimeoutOfLongMaxIsNotA500() throws Exception {
    assertEquals(200, watch(PODS + "?watch=true&timeoutSeconds=9223372036854775807").status());
  }

  @Test
  void aWatchWithNothingToSendStillAnswersAtOnce() throws Exception {
    assertEquals(200, watch(PODS + "?watch=true&resourceVersion=9223372036854775807").status());
  }

  @Test
  void refusedWatchesGiveTheirSlotBack() throws Exception {
    for (int i = 0; i < FuzzServer.WATCHES_PER_TOKEN + 5; i++) {
      assertStatus(watch(PODS + "?watch=true&resourceVersion=abc"), 400);
    }
    assertEquals(200, watch(PODS + "?watch=true").status(), "a good watch after many refused ones");
  }

  @Test
  void aTooLongUrlAndTooLargeHeadersAreStatuses() throws Exception {
    assertStatus(
        node.sender.send(
            FuzzCase.request(
                0,
                "long-url",
                HttpMethod.GET,
                PODS + "?labelSelector=" + "a".repeat(20_000),
                null,
                null)),
        414);
    assertStatus(
        node.sender.send(
            new FuzzCase(
                0,
                "big-header",
                HttpMethod.GET,
                PODS,
                List.of(Map.entry("X-Big", "h".repeat(20_000))),
                null,
                false,
                null)),
        431);
    assertStatus(
        node.sender.send(
            new FuzzCase(
                0,
                "raw",
                HttpMethod.GET,
                "(raw)",
                List.of(),
                null,
                false,
                "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))),
        400);
  }

  @Test
  void anApplyDocumentWithoutMetadataIsA422NamingTheField() throws Exception {
    Sender.Answer answer =
        post(
            "/apply",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Namespace\"}]}");
    assertStatus(answer, 422);
    assertTrue(text(answer).contains("metadata.name"), text(answer));
  }

  @Test
  void anApplyWithADocumentInAMissingNamespaceWritesNothing() throws Exception {
    long before = node.version();
    Sender.Answer answer =
        post(
            "/apply",
            "application/yaml",
            "---\n"
                + POD.formatted("first")
                + "---\n"
                + POD.formatted("second")
                    .replace("{name: second}", "{name: second, namespace: ghost}"));
    assertStatus(answer, 404);
    assertTrue(text(answer).startsWith("{") && text(answer).contains("document 1"), text(answer));
    assertEquals(before, node.version(), "nothing written");
  }

  @Test
  void anApplyWhoseUpdateWouldBeRefusedWritesNothing() throws Exception {
    assertEquals(201, post(PODS, "application/yaml", POD.formatted("kept")).status());
    long before = node.version();
    // A pod's containers cannot change once it exists; the namespace document before it must not be
    // written.
    Sender.Answer answer =
        post(
            "/apply",
            "application/yaml",
            """
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: written-too-early}
        ---
        """
                + POD.formatted("kept")
                    .replace("shoal-test/busybox:1}", "shoal-test/busybox:1, command: [sh]}"));
    assertStatus(answer, 422);
    assertEquals(before, node.version(), "nothing written");
  }

  @Test
  void anApplyThatMakesItsNamespaceStillWorks() throws Exception {
    Sender.Answer answer =
        post(
            "/apply",
            "application/yaml",
            """
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: made-here}
        ---
        """
                + POD.formatted("inside")
                    .replace("{name: inside}", "{name: inside, namespace: made-here}"));
    assertEquals(200, answer.status(), text(answer));
  }

  @Test
  void aBodyThatDisagreesWithItsUrlNamesTheField() throws Exception {
    Sender.Answer answer =
        post(
            PODS,
            "application/yaml",
            POD.formatted("elsewhere")
                .replace("{name: elsewhere}", "{name: elsewhere, namespace: fuzz}"));
    assertStatus(answer, 400);
    assertEquals(
        "metadata.namespace",
        Json.mapper()
            .readTree(answer.body())
            .path("details")
            .path("causes")
            .path(0)
            .path("field")
            .asText(),
        text(answer));
  }

  private Sender.Answer post(String path, String type, String body) {
    return node.sender.send(
        FuzzCase.request(
            0, "post", HttpMethod.POST, path, type, body.getBytes(StandardCharsets.UTF_8)));
  }

  private Sender.Answer watch(String uri) {
    return node.sender.send(FuzzCase.watch(0, uri));
  }

  /** The code, and a Kubernetes Status body with the same code. */
  private static void assertStatus(Sender.Answer answer, int code) throws Exception {
    assertEquals(code, answer.status(), text(answer));
    JsonNode body = Json.mapper().readTree(answer.body());
    assertEquals("Status", body.path("kind").asText(), text(answer));
    assertEquals(code, body.path("code").asInt(), text(answer));
  }

  private static String text(Sender.Answer answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}
