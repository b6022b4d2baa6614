package dev.shoal.manifests.validation;

import static dev.shoal.manifests.validation.ValidatorTest.errors;
import static dev.shoal.manifests.validation.ValidatorTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ConfigMaps and the pod fields that read them or the downward API: one case per rule, with field
 * paths.
 */
class ConfigMapValidationTest {
  static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n";
  static final String POD = ValidatorTest.POD + "spec: ";

  static Arguments configMap(String name, String body, String... expected) {
    return Arguments.of(name, CM + body, List.of(expected));
  }

  static Arguments pod(String name, String spec, String... expected) {
    return Arguments.of(name, POD + spec, List.of(expected));
  }

  static Stream<Arguments> cases() {
    String half = "x".repeat(ConfigMapRules.MAX_TOTAL_BYTES / 2);
    String binary = Base64.getEncoder().encodeToString(new byte[] {0, 1, 2});
    return Stream.of(
        configMap(
            "valid config map",
            "data: {game.properties: 'lives=3', .hidden: '', KEY_1: v}\nbinaryData: {b.bin: "
                + binary
                + "}\n"),
        configMap(
            "bad key names",
            "data: {'a/b': x, '..x': y, '': z}\nbinaryData: {'a b': " + binary + "}\n",
            "data[] INVALID",
            "data[..x] INVALID",
            "data[a/b] INVALID",
            "binaryData[a b] INVALID"),
        configMap(
            "a key in data and binaryData",
            "data: {k: x}\nbinaryData: {k: " + binary + "}\n",
            "binaryData[k] INVALID"),
        configMap(
            "binary value is not base64",
            "binaryData: {k: 'no base64!'}\n",
            "binaryData[k] INVALID"),
        configMap("exactly 1 MiB is allowed", "data: {a: " + half + ", b: " + half + "}\n"),
        configMap(
            "over 1 MiB in all",
            "data: {a: " + half + ", b: " + half + "}\nbinaryData: {c: " + binary + "}\n",
            " TOO_LONG"),
        pod(
            "every way to read a config map and the downward API",
            "{volumes: [{name: cfg, configMap: {name: app, defaultMode: 0440, optional: true, items:"
                + " [{key: a, path: dir/a, mode: 0400}]}}, {name: all, projected: {defaultMode: 0444,"
                + " sources: [{configMap: {name: app, items: [{key: a, path: a}]}}, {secret: {name:"
                + " creds}}, {downwardAPI: {items: [{path: labels, fieldRef: {fieldPath:"
                + " metadata.labels}}, {path: mem, resourceFieldRef: {containerName: c, resource:"
                + " limits.memory, divisor: 1Mi}}]}}]}}, {name: pod, downwardAPI: {items: [{path:"
                + " name, fieldRef: {apiVersion: v1, fieldPath: metadata.name}}, {path: app,"
                + " fieldRef: {fieldPath: \"metadata.labels['app']\"}}]}}], containers: [{name: c,"
                + " image: i, env: [{name: A, valueFrom: {configMapKeyRef: {name: app, key: a,"
                + " optional: true}}}, {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}},"
                + " {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}, {name: CPU,"
                + " valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}}, {name:"
                + " TEAM, valueFrom: {fieldRef: {fieldPath: \"metadata.annotations['example.com/team']\"}}}],"
                + " envFrom: [{prefix: CFG_, configMapRef: {name: app, optional: true}}],"
                + " volumeMounts: [{name: cfg, mountPath: /c}, {name: all, mountPath: /a}, {name:"
                + " pod, mountPath: /p}]}]}"),
        pod(
            "config map volume without a name, with bad items",
            "{volumes: [{name: v, configMap: {defaultMode: 01000, items: [{key: 'a b', path:"
                + " ../x}, {key: k, path: p}, {key: k2, path: p}]}}], containers: ["
                + ValidatorTest.C
                + "]}",
            "spec.volumes[0].configMap.name REQUIRED",
            "spec.volumes[0].configMap.defaultMode INVALID",
            "spec.volumes[0].configMap.items[0].key INVALID",
            "spec.volumes[0].configMap.items[0].path INVALID",
            "spec.volumes[0].configMap.items[2].path DUPLICATE"),
        pod(
            "config map and secret in one volume",
            "{volumes: [{name: v, secret: {secretName: s}, configMap: {name: c}}], containers: ["
                + ValidatorTest.C
                + "]}",
            "spec.volumes[0].configMap FORBIDDEN"),
        pod(
            "projected sources: none, two at once, a path twice",
            "{volumes: [{name: v, projected: {sources: [{}, {secret: {name: s}, configMap: {name:"
                + " c}}, {configMap: {name: c, items: [{key: k, path: same}]}}, {secret: {name: s,"
                + " items: [{key: k, path: same}]}}, {downwardAPI: {items: [{path: same, fieldRef:"
                + " {fieldPath: metadata.name}}]}}]}}], containers: ["
                + ValidatorTest.C
                + "]}",
            "spec.volumes[0].projected.sources[0] REQUIRED",
            "spec.volumes[0].projected.sources[1] FORBIDDEN",
            "spec.volumes[0].projected.sources[3].secret.items[0].path DUPLICATE",
            "spec.volumes[0].projected.sources[4].downwardAPI.items[0].path DUPLICATE"),
        pod(
            "projected without sources",
            "{volumes: [{name: v, projected: {}}], containers: [" + ValidatorTest.C + "]}",
            "spec.volumes[0].projected.sources REQUIRED"),
        pod(
            "downward API files: status fields, both selectors, neither, no container name",
            "{volumes: [{name: v, downwardAPI: {items: [{path: ip, fieldRef: {fieldPath:"
                + " status.podIP}}, {path: both, fieldRef: {fieldPath: metadata.name},"
                + " resourceFieldRef: {containerName: c, resource: limits.cpu}}, {path: none},"
                + " {path: cpu, resourceFieldRef: {resource: limits.cpu}}, {path: mem,"
                + " resourceFieldRef: {containerName: other, resource: limits.memory}}, {path:"
                + " /abs, fieldRef: {fieldPath: \"metadata.labels['a b']\"}}]}}], containers: ["
                + ValidatorTest.C
                + "]}",
            "spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath NOT_SUPPORTED",
            "spec.volumes[0].downwardAPI.items[1] INVALID",
            "spec.volumes[0].downwardAPI.items[2] REQUIRED",
            "spec.volumes[0].downwardAPI.items[3].resourceFieldRef.containerName REQUIRED",
            "spec.volumes[0].downwardAPI.items[4].resourceFieldRef.containerName NOT_FOUND",
            "spec.volumes[0].downwardAPI.items[5].path INVALID",
            "spec.volumes[0].downwardAPI.items[5].fieldRef.fieldPath INVALID"),
        pod(
            "env sources: two at once, bad config map key, whole labels, bad resource and divisor",
            "{containers: [{name: c, image: i, env: [{name: A, valueFrom: {secretKeyRef: {name: s,"
                + " key: k}, configMapKeyRef: {name: c, key: k}}}, {name: B, valueFrom:"
                + " {configMapKeyRef: {name: Bad_Name, key: 'a/b'}}}, {name: C, valueFrom:"
                + " {configMapKeyRef: {name: c}}}, {name: D, valueFrom: {fieldRef: {fieldPath:"
                + " metadata.labels}}}, {name: E, valueFrom: {fieldRef: {apiVersion: v2, fieldPath:"
                + " metadata.name}}}, {name: F, valueFrom: {resourceFieldRef: {resource: limits.gpu}}},"
                + " {name: G, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1Mi}}},"
                + " {name: H, valueFrom: {resourceFieldRef: {resource: requests.memory, divisor:"
                + " 1m}}}, {name: I, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor:"
                + " 1Gi}}}]}]}",
            "spec.containers[0].env[0].valueFrom INVALID",
            "spec.containers[0].env[1].valueFrom.configMapKeyRef.name INVALID",
            "spec.containers[0].env[1].valueFrom.configMapKeyRef.key INVALID",
            "spec.containers[0].env[2].valueFrom.configMapKeyRef.key REQUIRED",
            "spec.containers[0].env[3].valueFrom.fieldRef.fieldPath NOT_SUPPORTED",
            "spec.containers[0].env[4].valueFrom.fieldRef.apiVersion INVALID",
            "spec.containers[0].env[5].valueFrom.resourceFieldRef.resource NOT_SUPPORTED",
            "spec.containers[0].env[6].valueFrom.resourceFieldRef.divisor INVALID",
            "spec.containers[0].env[7].valueFrom.resourceFieldRef.divisor INVALID"),
        pod(
            "envFrom with both refs, with neither, config map without a name",
            "{containers: [{name: c, image: i, envFrom: [{configMapRef: {name: a}, secretRef:"
                + " {name: b}}, {prefix: P_}, {configMapRef: {}}]}]}",
            "spec.containers[0].envFrom[0] INVALID",
            "spec.containers[0].envFrom[1] INVALID",
            "spec.containers[0].envFrom[2].configMapRef.name REQUIRED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryProblemAtItsPath(String name, String yaml, List<String> expected) {
    assertEquals(
        expected.stream().sorted().toList(), errors(parse(yaml)).stream().sorted().toList());
  }

  @Test
  void anImmutableConfigMapKeepsItsDataAndStaysImmutable() {
    Resource old = parse(CM + "immutable: true\ndata: {a: x}\nbinaryData: {b: YQ==}\n");
    Resource changed = parse(CM + "immutable: true\ndata: {a: y}\nbinaryData: {b: YQ==}\n");
    Resource binaryChanged = parse(CM + "immutable: true\ndata: {a: x}\n");
    Resource unlocked = parse(CM + "data: {a: x}\nbinaryData: {b: YQ==}\n");
    Resource relabelled =
        parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, labels: {a: b}}\n"
                + "immutable: true\ndata: {a: x}\nbinaryData: {b: YQ==}\n");
    assertEquals(List.of("data FORBIDDEN"), paths(Validator.validateUpdate(old, changed)));
    assertEquals(
        List.of("binaryData FORBIDDEN"), paths(Validator.validateUpdate(old, binaryChanged)));
    assertEquals(List.of("immutable FORBIDDEN"), paths(Validator.validateUpdate(old, unlocked)));
    assertEquals(List.of(), paths(Validator.validateUpdate(old, relabelled)));
    assertEquals(
        List.of(),
        paths(Validator.validateUpdate(unlocked, parse(CM + "data: {a: changed}\n"))),
        "a mutable one changes freely");
  }

  @Test
  void configMapsAreServedAtApiV1ConfigMapsAndRoundTrip() {
    assertEquals("/api/v1/namespaces/ns/configmaps", ResourceKinds.CONFIG_MAP.collectionPath("ns"));
    assertEquals(
        ResourceKinds.CONFIG_MAP, ResourceKinds.byGroupAndPlural("", "configmaps").orElseThrow());
    ConfigMap cm = (ConfigMap) parse(CM + "data: {text: héllo}\nbinaryData: {bin: AAEC}\n");
    assertEquals("héllo", new String(cm.value("text"), StandardCharsets.UTF_8));
    assertEquals(3, cm.value("bin").length);
    assertEquals(null, cm.value("absent"));
    Decoded again =
        ManifestCodec.parseAll(ManifestCodec.toYaml(cm).getBytes(StandardCharsets.UTF_8)).get(0);
    assertEquals(cm, assertInstanceOf(Decoded.Ok.class, again).resource());
  }

  @Test
  void podFieldsRoundTripWithoutWarnings() {
    Pod pod =
        (Pod)
            parse(
                POD
                    + "{volumes: [{name: all, projected: {sources: [{configMap: {name: a}},"
                    + " {downwardAPI: {items: [{path: n, fieldRef: {fieldPath: metadata.name}}]}}]}}],"
                    + " containers: [{name: c, image: i, env: [{name: A, valueFrom: {configMapKeyRef:"
                    + " {name: a, key: k}}}, {name: M, valueFrom: {resourceFieldRef: {resource:"
                    + " limits.memory, divisor: 1Mi}}}], envFrom: [{configMapRef: {name: a}}]}]}");
    assertEquals("a", pod.spec().volumes().get(0).projected().sources().get(0).configMap().name());
    assertEquals(
        "1Mi",
        pod.spec().containers().get(0).env().get(1).valueFrom().resourceFieldRef().divisor());
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
