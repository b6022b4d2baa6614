package dev.shoal.manifests.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.ResourceKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelSchemasTest {

  static List<KindInfo> kinds() {
    return ResourceKinds.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyKindHasItsSchemaWithItsGroupVersionKindAndEveryRefResolves(KindInfo kind) {
    Map<String, Object> schemas = ModelSchemas.of(List.of(kind));
    Map<?, ?> schema = (Map<?, ?>) schemas.get(ModelSchemas.nameOf(kind.type()));
    assertNotNull(schema, schemas.keySet().toString());
    assertEquals(
        List.of(Map.of("group", kind.group(), "version", kind.version(), "kind", kind.kind())),
        schema.get("x-kubernetes-group-version-kind"));
    for (String ref : refs(schemas)) {
      assertTrue(
          schemas.containsKey(ref.substring("#/components/schemas/".length())),
          kind.kind() + ": " + ref + " does not resolve");
    }
  }

  @Test
  void listsCarryUpstreamsMergeKeys() {
    Map<String, Object> schemas = ModelSchemas.of(List.of(ResourceKinds.DEPLOYMENT));
    assertEquals(
        "name", property(schemas, "io.k8s.api.core.v1.PodSpec", "containers").get(MERGE_KEY));
    assertEquals(
        "merge,retainKeys",
        property(schemas, "io.k8s.api.core.v1.PodSpec", "volumes").get(STRATEGY));
    assertEquals(
        "containerPort", property(schemas, "io.k8s.api.core.v1.Container", "ports").get(MERGE_KEY));
    assertEquals(
        "retainKeys",
        property(schemas, "io.k8s.api.apps.v1.DeploymentSpec", "strategy").get(STRATEGY));
    assertEquals(null, property(schemas, "io.k8s.api.core.v1.Container", "command").get(STRATEGY));
    assertEquals(
        Map.of("type", "integer", "format", "int32"),
        property(schemas, "io.k8s.api.apps.v1.DeploymentSpec", "replicas"));
    assertEquals(
        Map.of("type", "string", "format", "date-time"),
        property(schemas, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp"));
  }

  static final String MERGE_KEY = "x-kubernetes-patch-merge-key";
  static final String STRATEGY = "x-kubernetes-patch-strategy";

  static Map<?, ?> property(Map<String, Object> schemas, String schema, String field) {
    Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) schemas.get(schema)).get("properties");
    return (Map<?, ?>) properties.get(field);
  }

  static List<String> refs(Object node) {
    List<String> found = new ArrayList<>();
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            if ("$ref".equals(k)) {
              found.add((String) v);
            } else {
              found.addAll(refs(v));
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> found.addAll(refs(v)));
    }
    return found;
  }
}
