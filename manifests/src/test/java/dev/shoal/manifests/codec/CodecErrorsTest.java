package dev.shoal.manifests.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input comes back as values with field paths, one case per way a manifest can be broken. */
class CodecErrorsTest {
  private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "port given as a word",
            POD
                + "spec:\n  containers:\n  - name: c\n    ports:\n"
                + "    - containerPort: eighty\n",
            List.of(
                "spec.containers[0].ports[0].containerPort: expected integer, got string \"eighty\"")),
        Arguments.of(
            "port given as a quoted number",
            POD
                + "spec:\n  containers:\n  - name: c\n    ports:\n"
                + "    - containerPort: 80\n    - containerPort: \"81\"\n",
            List.of(
                "spec.containers[0].ports[1].containerPort: expected integer, got string \"81\"")),
        Arguments.of(
            "port with a fraction",
            POD + "spec: {containers: [{name: c, ports: [{containerPort: 80.5}]}]}",
            List.of(
                "spec.containers[0].ports[0].containerPort: expected integer, got number 80.5")),
        Arguments.of(
            "port out of int range",
            POD + "spec: {containers: [{ports: [{containerPort: 99999999999}]}]}",
            List.of(
                "spec.containers[0].ports[0].containerPort: number 99999999999 is out of range")),
        Arguments.of(
            "object where a number goes",
            POD + "spec: {terminationGracePeriodSeconds: {a: 1}}",
            List.of("spec.terminationGracePeriodSeconds: expected integer, got object")),
        Arguments.of(
            "list where a string goes",
            POD + "spec: {nodeName: [a]}",
            List.of("spec.nodeName: expected string, got list")),
        Arguments.of(
            "yes is not a boolean",
            POD + "spec: {hostNetwork: 'yes'}",
            List.of("spec.hostNetwork: expected boolean, got string \"yes\"")),
        Arguments.of(
            "containers not a list",
            POD + "spec: {containers: {name: c}}",
            List.of("spec.containers: expected list, got object")),
        Arguments.of(
            "null container",
            POD + "spec: {containers: [null]}",
            List.of("spec.containers[0]: must not be null")),
        Arguments.of(
            "target port neither number nor name",
            "apiVersion: v1\nkind: Service\nspec: {ports: [{port: 80, targetPort: {x: 1}}]}",
            List.of("spec.ports[0].targetPort: expected integer or string, got object")),
        Arguments.of(
            "time that is not RFC 3339",
            "apiVersion: v1\nkind: Namespace\n"
                + "metadata: {name: n, creationTimestamp: yesterday}",
            List.of(
                "metadata.creationTimestamp: expected RFC 3339 time such as 2026-11-29T12:00:00Z, "
                    + "got string \"yesterday\"")),
        Arguments.of(
            "every wrong field is reported",
            "apiVersion: v1\nkind: Namespace\n"
                + "metadata: {name: n, creationTimestamp: yesterday, labels: {a: [b]}}\nstatus: {phase: {}}",
            List.of(
                "metadata.creationTimestamp: expected RFC 3339 time such as 2026-11-29T12:00:00Z, "
                    + "got string \"yesterday\"",
                "metadata.labels.a: expected string, got list",
                "status.phase: expected string, got object")),
        Arguments.of(
            "duplicate key",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n",
            List.of("metadata.name: key \"name\" is given more than once")),
        Arguments.of(
            "duplicate key in JSON",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"kind\":\"Pod\"}",
            List.of("kind: key \"kind\" is given more than once")),
        Arguments.of(
            "kind missing",
            "apiVersion: v1\nmetadata: {name: a}",
            List.of("kind: kind is required")),
        Arguments.of(
            "apiVersion missing",
            "kind: Pod\nmetadata: {name: a}",
            List.of("apiVersion: apiVersion is required")),
        Arguments.of(
            "kind not a string", "apiVersion: v1\nkind: 3", List.of("kind: expected string")),
        Arguments.of(
            "unsupported kind",
            "apiVersion: v1\nkind: CSIDriver",
            List.of(
                "kind: kind \"CSIDriver\" is not supported; Shoal serves "
                    + ResourceKinds.all().stream()
                        .map(KindInfo::kind)
                        .distinct()
                        .collect(java.util.stream.Collectors.joining(", ")))),
        Arguments.of(
            "old apiVersion",
            "apiVersion: extensions/v1beta1\nkind: Deployment",
            List.of("apiVersion: Deployment is served as apps/v1, not extensions/v1beta1")),
        Arguments.of(
            "document that is a list",
            "- a\n- b\n",
            List.of("expected an object with apiVersion and kind")),
        Arguments.of(
            "YAML syntax",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n",
            List.of(
                "document 1: line 5, column 1: expected ',' or ']', but got <stream end> "
                    + "(while parsing a flow sequence)")),
        Arguments.of(
            "JSON syntax",
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"",
            List.of(
                "document 1: line 1, column 35: Unexpected end-of-input: expected close marker for Object")),
        Arguments.of(
            "nested too deep",
            "[".repeat(200) + "]".repeat(200),
            List.of("[0]".repeat(101) + ": nested deeper than 100 levels")),
        Arguments.of(
            "nested too deep in a field",
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"spec\": "
                + "{\"a\": ".repeat(200)
                + "1"
                + "}".repeat(201),
            List.of("spec" + ".a".repeat(100) + ": nested deeper than 100 levels")),
        Arguments.of(
            "unknown alias",
            "apiVersion: v1\nkind: Pod\nmetadata: *nothing\n",
            List.of(
                "metadata: unknown YAML alias *nothing (anchors work on mappings and lists, not on single values)")),
        Arguments.of(
            "too many aliases",
            "a: &a [x]\nb: [" + "*a, ".repeat(101) + "*a]\n",
            List.of("b[100]: more than 100 YAML aliases in one document")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void brokenManifestsFailWithFieldPaths(String name, String text, List<String> expected) {
    List<Decoded> decoded = ManifestCodec.parseAll(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, decoded.size(), decoded::toString);
    Decoded.Failed failed = assertInstanceOf(Decoded.Failed.class, decoded.get(0));
    assertEquals(expected, failed.errors().stream().map(FieldError::toString).toList());
  }

  @Test
  void yamlBombIsRefusedBeforeItExpands() {
    StringBuilder bomb =
        new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [")
          .append(("*a" + (i - 1) + ", ").repeat(8))
          .append("*a")
          .append(i - 1)
          .append("]\n");
    }
    List<Decoded> decoded =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> ManifestCodec.parseAll(bomb.toString().getBytes(StandardCharsets.UTF_8)));
    Decoded.Failed failed = assertInstanceOf(Decoded.Failed.class, decoded.get(0));
    assertEquals(
        "a5[0]: document expands to more than 100000 values", failed.errors().get(0).toString());
  }

  @Test
  void oversizedManifestIsRefusedUnread() {
    byte[] big = new byte[DocumentReader.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    Decoded.Failed failed =
        assertInstanceOf(Decoded.Failed.class, ManifestCodec.parseAll(big).get(0));
    assertEquals(FieldError.Type.TOO_LONG, failed.errors().get(0).type());
  }

  @Test
  void syntaxErrorKeepsTheDocumentsBeforeIt() {
    List<Decoded> decoded =
        ManifestCodec.parseAll(
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\nkey: [\n"
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(2, decoded.size());
    assertInstanceOf(Decoded.Ok.class, decoded.get(0));
    Decoded.Failed failed = assertInstanceOf(Decoded.Failed.class, decoded.get(1));
    assertEquals("", failed.errors().get(0).field());
  }
}
