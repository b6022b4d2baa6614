package dev.shoal.agent.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.ResourceKinds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The served documents, read back as kubectl reads them. */
class OpenApiDocumentsTest {
  static final OpenApiDocuments DOCUMENTS =
      new OpenApiDocuments(
          ResourceKinds.all(),
          k -> k != ResourceKinds.EVENT && k != ResourceKinds.EVENTS_V1,
          k -> k == ResourceKinds.DEPLOYMENT);

  @Test
  void theIndexListsEveryGroupVersionWithTheHashOfItsDocument() throws Exception {
    JsonNode paths = Json.mapper().readTree(DOCUMENTS.index()).get("paths");
    Set<String> expected = new HashSet<>();
    ResourceKinds.all().forEach(k -> expected.add(OpenApiDocuments.key(k)));
    Set<String> listed = new HashSet<>();
    paths.fieldNames().forEachRemaining(listed::add);
    assertEquals(expected, listed);
    for (String key : listed) {
      String url = paths.get(key).get("serverRelativeURL").asText();
      assertEquals("/openapi/v3/" + key + "?hash=" + DOCUMENTS.hash(key).orElseThrow(), url);
      assertTrue(DOCUMENTS.document(key).isPresent());
    }
  }

  @Test
  void everyPatchOfAWritableKindDeclaresFieldValidationAndStrategicMergePatch() throws Exception {
    for (KindInfo kind : ResourceKinds.all()) {
      JsonNode document = document(kind);
      int patches = 0;
      for (JsonNode path : iterable(document.get("paths"))) {
        JsonNode patch = path.get("patch");
        if (patch == null
            || !patch
                .get("x-kubernetes-group-version-kind")
                .get("kind")
                .asText()
                .equals(kind.kind())) {
          continue;
        }
        patches++;
        List<String> parameters = new ArrayList<>();
        patch.get("parameters").forEach(p -> parameters.add(p.get("name").asText()));
        assertTrue(parameters.contains("fieldValidation"), kind.kind() + " " + parameters);
        assertTrue(
            patch.get("requestBody").get("content").has("application/strategic-merge-patch+json"));
      }
      boolean writable = kind != ResourceKinds.EVENT && kind != ResourceKinds.EVENTS_V1;
      assertEquals(writable, patches > 0, kind.kind() + " has " + patches + " PATCH operations");
    }
  }

  @Test
  void everyRefResolvesInsideItsOwnDocument() throws Exception {
    for (KindInfo kind : ResourceKinds.all()) {
      JsonNode document = document(kind);
      JsonNode schemas = document.get("components").get("schemas");
      List<String> refs = new ArrayList<>();
      collectRefs(document, refs);
      assertFalse(refs.isEmpty());
      for (String ref : refs) {
        assertTrue(
            schemas.has(ref.substring("#/components/schemas/".length())),
            OpenApiDocuments.key(kind) + ": " + ref);
      }
    }
  }

  @Test
  void theDeploymentSchemaIsFoundByItsGroupVersionKindAsKubectlExplainLooksItUp() throws Exception {
    JsonNode schemas = document(ResourceKinds.DEPLOYMENT).get("components").get("schemas");
    List<String> matching = new ArrayList<>();
    schemas
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode gvks = e.getValue().get("x-kubernetes-group-version-kind");
              if (gvks != null
                  && gvks.get(0).get("kind").asText().equals("Deployment")
                  && gvks.get(0).get("group").asText().equals("apps")) {
                matching.add(e.getKey());
              }
            });
    assertEquals(List.of("io.k8s.api.apps.v1.Deployment"), matching);
  }

  static JsonNode document(KindInfo kind) throws Exception {
    return Json.mapper().readTree(DOCUMENTS.document(OpenApiDocuments.key(kind)).orElseThrow());
  }

  static Iterable<JsonNode> iterable(JsonNode node) {
    List<JsonNode> values = new ArrayList<>();
    node.elements().forEachRemaining(values::add);
    return values;
  }

  static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("$ref")) {
                  refs.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(v -> collectRefs(v, refs));
    }
  }
}
