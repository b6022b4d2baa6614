package dev.shoal.manifests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.model.Resource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fields an update may not change. */
class UpdateValidationTest {
  static final String POD =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec: ";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "pod image may change",
            POD + "{containers: [{name: c, image: a}]}",
            POD + "{containers: [{name: c, image: b}]}",
            List.of()),
        Arguments.of(
            "pod binding sets nodeName once",
            POD + "{containers: [{name: c, image: a}]}",
            POD + "{nodeName: n1, containers: [{name: c, image: a}]}",
            List.of()),
        Arguments.of(
            "pod nodeName may not move",
            POD + "{nodeName: n1, containers: [{name: c, image: a}]}",
            POD + "{nodeName: n2, containers: [{name: c, image: a}]}",
            List.of("spec FORBIDDEN")),
        Arguments.of(
            "pod command may not change",
            POD + "{containers: [{name: c, image: a}]}",
            POD + "{containers: [{name: c, image: a, command: [sh]}]}",
            List.of("spec FORBIDDEN")),
        Arguments.of(
            "pod containers may not be added",
            POD + "{containers: [{name: c, image: a}]}",
            POD + "{containers: [{name: c, image: a}, {name: d, image: a}]}",
            List.of("spec FORBIDDEN")),
        Arguments.of(
            "name and namespace are fixed",
            POD + "{containers: [{name: c, image: a}]}",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: q, namespace: other}\nspec: {containers: [{name: c, image: a}]}",
            List.of("metadata.name INVALID", "metadata.namespace INVALID")),
        Arguments.of(
            "replica set selector is fixed",
            ValidatorTest.rs("{matchLabels: {app: web}}", "{app: web, v: '2'}", 1),
            ValidatorTest.rs("{matchLabels: {app: web, v: '2'}}", "{app: web, v: '2'}", 1),
            List.of("spec.selector INVALID")),
        Arguments.of(
            "replica set scale is free",
            ValidatorTest.rs("{matchLabels: {app: web}}", "{app: web}", 1),
            ValidatorTest.rs("{matchLabels: {app: web}}", "{app: web}", 5),
            List.of()),
        Arguments.of(
            "deployment selector is fixed",
            ValidatorTest.deployment("{type: Recreate}"),
            ValidatorTest.deployment("{type: Recreate}")
                .replace("matchLabels: {a: b}", "matchLabels: {a: b, c: d}")
                .replace("labels: {a: b}", "labels: {a: b, c: d}"),
            List.of("spec.selector INVALID")),
        Arguments.of(
            "service clusterIP is fixed",
            ValidatorTest.svc("{clusterIP: 10.96.0.10, ports: [{port: 53}]}"),
            ValidatorTest.svc("{clusterIP: 10.96.0.11, ports: [{port: 53}]}"),
            List.of("spec.clusterIP INVALID")),
        Arguments.of(
            "service update may leave clusterIP out",
            ValidatorTest.svc("{clusterIP: 10.96.0.10, ports: [{port: 53}]}"),
            ValidatorTest.svc("{ports: [{port: 54}]}"),
            List.of()),
        Arguments.of(
            "the new object is validated too",
            ValidatorTest.svc("{ports: [{port: 53}]}"),
            ValidatorTest.svc("{ports: [{port: 0}]}"),
            List.of("spec.ports[0].port REQUIRED")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void immutableFieldsAreRefused(
      String name, String oldYaml, String newYaml, List<String> expected) {
    Resource old = ValidatorTest.parse(oldYaml);
    Resource updated = ValidatorTest.parse(newYaml);
    assertEquals(
        expected,
        Validator.validateUpdate(old, updated).stream()
            .map(e -> e.field() + " " + e.type())
            .toList());
  }
}
