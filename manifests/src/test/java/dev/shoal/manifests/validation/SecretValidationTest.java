package dev.shoal.manifests.validation;

import static dev.shoal.manifests.validation.ValidatorTest.errors;
import static dev.shoal.manifests.validation.ValidatorTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets, the pod fields that refer to them, and securityContext: one case per rule, with field
 * paths.
 */
class SecretValidationTest {
  static final String SECRET = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n";
  static final String POD = ValidatorTest.POD + "spec: ";

  static Arguments secret(String name, String body, String... expected) {
    return Arguments.of(name, SECRET + body, List.of(expected));
  }

  static Arguments pod(String name, String spec, String... expected) {
    return Arguments.of(name, POD + spec, List.of(expected));
  }

  static Stream<Arguments> cases() {
    String big = Base64.getEncoder().encodeToString(new byte[SecretRules.MAX_TOTAL_BYTES / 2 + 1]);
    return Stream.of(
        secret(
            "valid secret",
            "type: Opaque\ndata: {user: YWRtaW4=, .hidden: ''}\nstringData: {pass: x}\n"),
        secret(
            "bad key names",
            "data: {'a/b': YQ==, '..x': YQ==}\nstringData: {'a b': x}\n",
            "data[..x] INVALID",
            "data[a/b] INVALID",
            "stringData[a b] INVALID"),
        secret("value is not base64", "data: {a: 'not base64!', b: YWJj}\n", "data[a] INVALID"),
        secret("value without padding", "data: {a: YWJjZA}\n", "data[a] INVALID"),
        secret("over 1 MiB in all", "data: {a: " + big + ", b: " + big + "}\n", "data TOO_LONG"),
        secret("empty type", "type: ''\n", "type REQUIRED"),
        pod(
            "secret volume",
            "{volumes: [{name: s, secret: {secretName: creds, defaultMode: 256, optional: true, "
                + "items: [{key: user, path: dir/user, mode: 384}]}}], containers: [{name: c, image: i, "
                + "volumeMounts: [{name: s, mountPath: /etc/creds}]}]}"),
        pod(
            "secret volume without a name, bad items and modes",
                "{volumes: [{name: s, secret: {defaultMode: 1024, "
                    + "items: [{key: 'a/b', path: /abs}, {key: k, path: ../up, mode: -1}, {path: x}, {key: k2, path: x}]}}], "
                    + "containers: ["
                    + ValidatorTest.C
                    + "]}",
            "spec.volumes[0].secret.secretName REQUIRED",
                "spec.volumes[0].secret.defaultMode INVALID",
            "spec.volumes[0].secret.items[0].key INVALID",
                "spec.volumes[0].secret.items[0].path INVALID",
            "spec.volumes[0].secret.items[1].path INVALID",
                "spec.volumes[0].secret.items[1].mode INVALID",
            "spec.volumes[0].secret.items[2].key REQUIRED",
                "spec.volumes[0].secret.items[3].path DUPLICATE"),
        pod(
            "secret and emptyDir in one volume",
            "{volumes: [{name: s, emptyDir: {}, secret: {secretName: a}}], "
                + "containers: ["
                + ValidatorTest.C
                + "]}",
            "spec.volumes[0].secret FORBIDDEN"),
        pod(
            "env from a secret key",
            "{containers: [{name: c, image: i, env: [{name: A, valueFrom: "
                + "{secretKeyRef: {name: creds, key: user, optional: false}}}], envFrom: [{prefix: DB_, secretRef: "
                + "{name: creds}}]}]}"),
        pod(
            "env valueFrom with a value, without a key, without a source",
                "{containers: [{name: c, image: i, env: ["
                    + "{name: A, value: x, valueFrom: {secretKeyRef: {name: s, key: k}}}, {name: B, valueFrom: "
                    + "{secretKeyRef: {name: S_bad}}}, {name: C, valueFrom: {}}]}]}",
            "spec.containers[0].env[0].valueFrom INVALID",
                "spec.containers[0].env[1].valueFrom.secretKeyRef.name INVALID",
            "spec.containers[0].env[1].valueFrom.secretKeyRef.key REQUIRED",
                "spec.containers[0].env[2].valueFrom INVALID"),
        pod(
            "envFrom without a secretRef or name, bad prefix",
            "{containers: [{name: c, image: i, envFrom: [" + "{prefix: '1='}, {secretRef: {}}]}]}",
            "spec.containers[0].envFrom[0].prefix INVALID",
            "spec.containers[0].envFrom[0] INVALID",
            "spec.containers[0].envFrom[1].secretRef.name REQUIRED"),
        pod(
            "securityContext",
            "{containers: [{name: c, image: i, securityContext: {privileged: false, runAsUser: 1000,"
                + " readOnlyRootFilesystem: true, capabilities: {add: [NET_ADMIN], drop: [ALL]}}}]}"),
        pod(
            "bad securityContext",
            "{initContainers: [{name: i, image: i, securityContext: {runAsUser: -1, "
                + "capabilities: {add: ['NET ADMIN']}}}], containers: ["
                + ValidatorTest.C
                + "]}",
            "spec.initContainers[0].securityContext.runAsUser INVALID",
            "spec.initContainers[0].securityContext.capabilities.add[0] INVALID"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryProblemAtItsPath(String name, String yaml, List<String> expected) {
    assertEquals(
        expected.stream().sorted().toList(), errors(parse(yaml)).stream().sorted().toList());
  }

  @Test
  void messagesNeverQuoteAValue() {
    Resource secret = parse(SECRET + "data: {a: 'c2VjcmV0!'}\n");
    List<FieldError> found = Validator.validate(secret);
    assertEquals(1, found.size());
    assertFalse(found.get(0).message().contains("c2VjcmV0"), found.get(0)::message);
  }

  @Test
  void immutableSecretsKeepTheirDataAndEverySecretItsType() {
    Resource old = parse(SECRET + "immutable: true\ndata: {a: YQ==}\n");
    Resource changed = parse(SECRET + "immutable: true\ndata: {a: Yg==}\n");
    Resource unlocked = parse(SECRET + "data: {a: YQ==}\n");
    Resource retyped =
        parse(SECRET + "type: kubernetes.io/tls\nimmutable: true\ndata: {a: YQ==}\n");
    assertEquals(List.of("data FORBIDDEN"), paths(Validator.validateUpdate(old, changed)));
    assertEquals(List.of("immutable FORBIDDEN"), paths(Validator.validateUpdate(old, unlocked)));
    assertEquals(List.of("type INVALID"), paths(Validator.validateUpdate(old, retyped)));
    assertEquals(
        List.of(), paths(Validator.validateUpdate(unlocked, parse(SECRET + "data: {a: Yg==}\n"))));
  }

  @Test
  void secretsAreServedAtApiV1SecretsAndPrintWithoutValues() {
    assertEquals("/api/v1/namespaces/ns/secrets", ResourceKinds.SECRET.collectionPath("ns"));
    Secret s =
        (Secret)
            parse(SECRET + "data: {password: aHVudGVyMg==}\nstringData: {token: plain-token}\n");
    assertEquals("hunter2", new String(s.value("password"), StandardCharsets.UTF_8));
    assertFalse(
        s.toString().contains("aHVudGVyMg") || s.toString().contains("plain-token"), s::toString);
    assertTrue(s.toString().contains("password"));
    Decoded again =
        ManifestCodec.parseAll(ManifestCodec.toYaml(s).getBytes(StandardCharsets.UTF_8)).get(0);
    assertEquals(s, assertInstanceOf(Decoded.Ok.class, again).resource());
  }

  @Test
  void podFieldsRoundTrip() {
    Pod pod =
        (Pod)
            parse(
                POD
                    + "{volumes: [{name: s, secret: {secretName: a, items: [{key: k, path: p}]}}], "
                    + "containers: [{name: c, image: i, env: [{name: A, valueFrom: {secretKeyRef: {name: a, key: k}}}], "
                    + "envFrom: [{secretRef: {name: a}}], securityContext: {capabilities: {drop: [ALL]}}}]}");
    assertEquals("a", pod.spec().volumes().get(0).secret().secretName());
    assertEquals("k", pod.spec().containers().get(0).env().get(0).valueFrom().secretKeyRef().key());
    Decoded again =
        ManifestCodec.parseAll(ManifestCodec.toJson(pod).getBytes(StandardCharsets.UTF_8)).get(0);
    Decoded.Ok ok = assertInstanceOf(Decoded.Ok.class, again);
    assertEquals(pod, ok.resource());
    assertEquals(List.of(), ok.warnings());
  }

  private static List<String> paths(List<FieldError> errors) {
    return errors.stream().map(e -> e.field() + " " + e.type()).distinct().toList();
  }
}
