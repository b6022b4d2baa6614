package dev.shoal.manifests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.ResourceKinds;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The IPAddress kind: how it is addressed, its JSON shape, and one case per validation rule. */
class IPAddressTest {
  static final String HEAD = "apiVersion: networking.k8s.io/v1\nkind: IPAddress\n";
  static final String REF =
      "spec: {parentRef: {group: '', resource: services, namespace: default, name: web}}";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid claim", HEAD + "metadata: {name: 10.96.0.10}\n" + REF, List.of()),
        Arguments.of("valid IPv6 claim", HEAD + "metadata: {name: 'fd00::a'}\n" + REF, List.of()),
        Arguments.of(
            "name is not an IP",
            HEAD + "metadata: {name: web}\n" + REF,
            List.of("metadata.name INVALID")),
        Arguments.of(
            "name not canonical",
            HEAD + "metadata: {name: 10.096.0.01}\n" + REF,
            List.of("metadata.name INVALID")),
        Arguments.of(
            "unspecified address",
            HEAD + "metadata: {name: 0.0.0.0}\n" + REF,
            List.of("metadata.name INVALID")),
        Arguments.of(
            "namespace is forbidden",
            HEAD + "metadata: {name: 10.96.0.10, namespace: default}\n" + REF,
            List.of("metadata.namespace FORBIDDEN")),
        Arguments.of("no spec", HEAD + "metadata: {name: 10.96.0.10}\n", List.of("spec REQUIRED")),
        Arguments.of(
            "no parentRef",
            HEAD + "metadata: {name: 10.96.0.10}\nspec: {}",
            List.of("spec.parentRef REQUIRED")),
        Arguments.of(
            "parentRef without resource and name",
            HEAD + "metadata: {name: 10.96.0.10}\n" + "spec: {parentRef: {group: ''}}",
            List.of("spec.parentRef.resource REQUIRED", "spec.parentRef.name REQUIRED")),
        Arguments.of(
            "bad parent namespace",
            HEAD
                + "metadata: {name: 10.96.0.10}\n"
                + "spec: {parentRef: {resource: services, namespace: A_B, name: web}}",
            List.of("spec.parentRef.namespace INVALID")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryErrorAtItsPath(String name, String yaml, List<String> expected) {
    assertEquals(expected, ValidatorTest.errors(ValidatorTest.parse(yaml)));
  }

  @Test
  void servedAsNetworkingV1ClusterScoped() {
    var kind = ResourceKinds.byGroupAndPlural("networking.k8s.io", "ipaddresses").orElseThrow();
    assertEquals(IPAddress.class, kind.type());
    assertFalse(kind.namespaced());
    assertEquals("/apis/networking.k8s.io/v1/ipaddresses", kind.collectionPath(null));
  }

  @Test
  void writesKubernetesShape() throws Exception {
    IPAddress claim = IPAddress.forService("10.96.0.10", "default", "web");
    String json = Json.mapper().writeValueAsString(claim);
    assertEquals(
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"IPAddress\",\"metadata\":{\"name\":\"10.96.0.10\"},"
            + "\"spec\":{\"parentRef\":{\"group\":\"\",\"resource\":\"services\",\"namespace\":\"default\",\"name\":\"web\"}}}",
        json);
    assertEquals(claim, Json.mapper().readValue(json, IPAddress.class));
  }

  @Test
  void parentRefIsImmutable() {
    IPAddress old = IPAddress.forService("10.96.0.10", "default", "web");
    IPAddress moved = IPAddress.forService("10.96.0.10", "default", "api");
    assertEquals(
        List.of("spec.parentRef INVALID"),
        Validator.validateUpdate(old, moved).stream()
            .map(e -> e.field() + " " + e.type())
            .toList());
  }
}
