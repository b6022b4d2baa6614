package dev.shoal.manifests.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecTest {
  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web}
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: shoal-test/busybox:1
              ports:
              - {name: http, containerPort: 8080}
              readinessProbe:
                httpGet: {path: /healthz, port: http}
      """;

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Decoded.Ok ok(Decoded decoded) {
    return assertInstanceOf(Decoded.Ok.class, decoded, decoded::toString);
  }

  static Stream<Arguments> unsupportedFields() {
    return Stream.of(
        Arguments.of(
            "pod affinity and preferred node affinity",
            "apiVersion: v1\nkind: Pod\nspec:\n  affinity: {podAffinity: {},"
                + " nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: []}}\n",
            List.of(
                "spec.affinity.podAffinity",
                "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution")),
        Arguments.of(
            "container lifecycle and seccomp",
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n"
                + "  - name: a\n  - name: b\n    lifecycle: {}\n    securityContext: {seccompProfile: {}}\n",
            List.of(
                "spec.containers[1].lifecycle",
                "spec.containers[1].securityContext.seccompProfile")),
        Arguments.of(
            "several",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a, managedFields: []}\n"
                + "spec:\n  serviceAccountName: x\n  containers: [{name: a, env: [{name: A, valueFrom: {fileKeyRef: {}}}]}]\n",
            List.of(
                "metadata.managedFields",
                "spec.serviceAccountName",
                "spec.containers[0].env[0].valueFrom.fileKeyRef")),
        Arguments.of(
            "template inside a deployment",
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n"
                + "    spec:\n      tolerations: []\n      topologySpreadConstraints: []\n",
            List.of("spec.template.spec.topologySpreadConstraints")),
        Arguments.of(
            "service fields",
            "apiVersion: v1\nkind: Service\nspec:\n  internalTrafficPolicy: Local\n"
                + "  ports: [{port: 80, appProtocol: http}]\n",
            List.of("spec.internalTrafficPolicy", "spec.ports[0].appProtocol")),
        Arguments.of("top level", "apiVersion: v1\nkind: Namespace\nextra: 1\n", List.of("extra")),
        Arguments.of(
            "items of a List",
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n"
                + "  spec: {x: 1}\n",
            List.of("items[0].spec.x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupportedFields")
  void unsupportedFieldsAreWarnedAboutWithTheirPath(String name, String text, List<String> fields) {
    Decoded.Ok ok = ok(ManifestCodec.parseAll(bytes(text)).get(0));
    assertEquals(
        fields.stream().sorted().toList(),
        ok.warnings().stream().map(Warning::field).sorted().toList());
    Warning first = ok.warnings().get(0);
    assertEquals(
        "unknown field \"" + first.field() + "\" (ignored: Shoal does not support this field)",
        first.toString());
  }

  @Test
  void deploymentParsesWithEveryFieldInPlace() {
    Deployment d = (Deployment) ok(ManifestCodec.parseAll(bytes(DEPLOYMENT)).get(0)).resource();
    assertEquals("web", d.metadata().name());
    assertEquals(3, d.spec().replicas());
    assertEquals(Map.of("app", "web"), d.spec().selector().matchLabels());
    assertEquals(IntOrString.of("25%"), d.spec().strategy().rollingUpdate().maxSurge());
    assertEquals(IntOrString.of(1), d.spec().strategy().rollingUpdate().maxUnavailable());
    assertEquals(
        IntOrString.of("http"),
        d.spec().template().spec().containers().get(0).readinessProbe().httpGet().port());
  }

  @Test
  void multipleDocumentsComeBackInOrderSkippingEmptyOnes() {
    String text =
        "# leading comment\n---\n"
            + DEPLOYMENT
            + "---\n---\napiVersion: v1\nkind: Service\n"
            + "metadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n"
            + "...\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n";
    List<Decoded> all = ManifestCodec.parseAll(bytes(text));
    assertEquals(
        List.of(Deployment.class, Service.class, Namespace.class),
        all.stream().map(d -> ok(d).resource().getClass()).toList());
  }

  @Test
  void jsonAndYamlGiveTheSameObjectAndWritingRoundTrips() {
    Deployment fromYaml =
        (Deployment) ok(ManifestCodec.parseAll(bytes(DEPLOYMENT)).get(0)).resource();
    String json = ManifestCodec.toJson(fromYaml);
    assertTrue(json.startsWith("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\""), json);
    assertEquals(fromYaml, ok(ManifestCodec.parseAll(bytes(json)).get(0)).resource());
    String yaml = ManifestCodec.toYaml(fromYaml);
    assertTrue(yaml.startsWith("apiVersion: apps/v1\nkind: Deployment\n"), yaml);
    assertEquals(fromYaml, ok(ManifestCodec.parseAll(bytes(yaml)).get(0)).resource());
  }

  @Test
  void stringsThatLookLikeOtherThingsSurviveAYamlRoundTrip() {
    List<String> tricky =
        List.of(
            "true",
            "null",
            "~",
            "80",
            "yes",
            "no",
            "on",
            "0x10",
            "1e3",
            "",
            " x",
            "a: b",
            "- a",
            "#x",
            "*a",
            "&a",
            "!x",
            "'q'",
            "\"d\"",
            "multi\nline",
            "0777",
            ".5",
            "-",
            "NaN",
            ".inf");
    List<dev.shoal.manifests.model.EnvVar> env =
        tricky.stream().map(v -> new dev.shoal.manifests.model.EnvVar("V", v)).toList();
    Pod pod =
        new Pod(
            ObjectMeta.named("default", "p"),
            dev.shoal.manifests.model.PodSpec.of(
                List.of(dev.shoal.manifests.model.Container.of("c", "i").withCommand(tricky))),
            null);
    Pod withEnv =
        pod.withSpec(
            pod.spec()
                .withContainers(
                    List.of(
                        new dev.shoal.manifests.model.Container(
                            "c", "i", tricky, null, null, env, null, null, null, null, null,
                            null))));
    String yaml = ManifestCodec.toYaml(withEnv);
    assertEquals(withEnv, ok(ManifestCodec.parseAll(bytes(yaml)).get(0)).resource(), yaml);
  }

  @Test
  void timesAreWrittenAsRfc3339Strings() {
    Namespace ns =
        Namespace.named("a")
            .withMetadata(
                ObjectMeta.named(null, "a")
                    .withCreationTimestamp(Instant.parse("2026-11-29T12:00:00Z")));
    assertTrue(ManifestCodec.toJson(ns).contains("\"creationTimestamp\":\"2026-11-29T12:00:00Z\""));
    assertTrue(
        ManifestCodec.toYaml(ns).contains("creationTimestamp: 2026-11-29T12:00:00Z"),
        ManifestCodec.toYaml(ns));
  }

  @Test
  void flowStyleYamlThatLooksLikeJsonIsReadAsYaml() {
    Decoded.Ok ok =
        ok(
            ManifestCodec.parseAll(bytes("{apiVersion: v1, kind: Namespace, metadata: {name: a}}"))
                .get(0));
    assertEquals("a", ok.resource().metadata().name());
  }

  @Test
  void mergeKeysAndAnchorsExpand() {
    String text =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
            + "  - &base {name: a, image: shoal-test/busybox:1, imagePullPolicy: Never}\n"
            + "  - <<: *base\n    name: b\n";
    Pod pod = (Pod) ok(ManifestCodec.parseAll(bytes(text)).get(0)).resource();
    assertEquals(List.of("a", "b"), pod.spec().containers().stream().map(c -> c.name()).toList());
    assertEquals("Never", pod.spec().containers().get(1).imagePullPolicy());
  }

  @Test
  void decodeOfARequestBodyChecksKindAndCount() {
    Decoded withoutKind = ManifestCodec.decode(bytes("metadata: {name: p}"), Pod.class);
    assertEquals("p", ok(withoutKind).resource().metadata().name());
    Decoded wrongKind =
        ManifestCodec.decode(
            bytes("{\"apiVersion\":\"v1\",\"kind\":\"Service\"}"), ResourceKinds.POD);
    assertEquals(
        List.of(FieldError.invalid("kind", "expected Pod, got Service")),
        ((Decoded.Failed) wrongKind).errors());
    Decoded two = ManifestCodec.decode(bytes("kind: Pod\n---\nkind: Pod\n"), Pod.class);
    assertEquals(
        "expected exactly one object, found 2", ((Decoded.Failed) two).errors().get(0).message());
  }

  static Stream<Arguments> mergePatches() {
    return Stream.of(
        Arguments.of("scale", "{\"spec\":{\"replicas\":5}}", "replicas=5 labels={app=web}"),
        Arguments.of(
            "add a label",
            "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}",
            "replicas=3 labels={app=web, tier=front}"),
        Arguments.of(
            "null removes",
            "{\"metadata\":{\"labels\":{\"app\":null}},\"spec\":{\"replicas\":null}}",
            "replicas=null labels=null"),
        Arguments.of("YAML patch", "spec:\n  replicas: 0\n", "replicas=0 labels={app=web}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mergePatches")
  void mergePatchFollowsRfc7386(String name, String patch, String expected) {
    ReplicaSet rs =
        (ReplicaSet)
            ok(ManifestCodec.parseAll(
                        bytes(
                            "apiVersion: apps/v1\nkind: ReplicaSet\n"
                                + "metadata: {name: web, labels: {app: web}}\nspec: {replicas: 3}\n"))
                    .get(0))
                .resource();
    ReplicaSet patched =
        (ReplicaSet) ok(ManifestCodec.applyMergePatch(rs, bytes(patch))).resource();
    Map<String, String> labels = patched.metadata().labels();
    assertEquals(
        expected,
        "replicas="
            + patched.spec().replicas()
            + " labels="
            + (labels == null || labels.isEmpty() ? null : new java.util.TreeMap<>(labels)));
  }

  static Stream<Arguments> badMergePatches() {
    return Stream.of(
        Arguments.of(
            "changes the kind", "{\"kind\":\"Pod\"}", "kind: expected ReplicaSet, got Pod"),
        Arguments.of("not an object", "[1]", "a merge patch must be one JSON object"),
        Arguments.of(
            "wrong type",
            "{\"spec\":{\"replicas\":\"many\"}}",
            "spec.replicas: expected integer, got string \"many\""),
        Arguments.of(
            "not JSON",
            "{\"spec\":",
            "document 1: line 1, column 9: Unexpected end-of-input "
                + "within/between Object entries"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badMergePatches")
  void badMergePatchesFailWithPaths(String name, String patch, String expected) {
    ReplicaSet rs = new ReplicaSet(ObjectMeta.named("default", "web"), null, null);
    Decoded.Failed failed =
        assertInstanceOf(Decoded.Failed.class, ManifestCodec.applyMergePatch(rs, bytes(patch)));
    assertEquals(expected, failed.errors().get(0).toString());
  }

  @Test
  void mergePatchWarnsAboutUnsupportedFieldsItAdds() {
    ReplicaSet rs = new ReplicaSet(ObjectMeta.named("default", "web"), null, null);
    Decoded.Ok ok = ok(ManifestCodec.applyMergePatch(rs, bytes("{\"spec\":{\"ordinals\":{}}}")));
    assertEquals(List.of("spec.ordinals"), ok.warnings().stream().map(Warning::field).toList());
  }
}
