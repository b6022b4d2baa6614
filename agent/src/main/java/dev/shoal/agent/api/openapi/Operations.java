package dev.shoal.agent.api.openapi;

import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.openapi.ModelSchemas;
import dev.shoal.manifests.patch.PatchType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of one kind's paths, shaped as upstream's: an {@code operationId}, {@code
 * x-kubernetes-action} and {@code x-kubernetes-group-version-kind}, the write parameters ({@code
 * dryRun}, {@code fieldManager}, {@code fieldValidation}) and the body and answer schemas.
 */
final class Operations {
  private static final String PATCH_SCHEMA = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

  private Operations() {}

  static Map<String, Object> operation(
      KindInfo kind, String action, String verb, String suffix, boolean hasBody) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", verb + groupPrefix(kind) + kind.kind() + suffix);
    op.put("x-kubernetes-action", action);
    op.put(
        "x-kubernetes-group-version-kind",
        Map.of("group", kind.group(), "version", kind.version(), "kind", kind.kind()));
    if (hasBody) {
      op.put("parameters", writeParameters());
      op.put("requestBody", action.equals("patch") ? patchBody() : objectBody(kind));
    }
    String answerRef =
        action.equals("list")
            ? "#/components/schemas/" + ModelSchemas.nameOf(kind.type()) + "List"
            : ModelSchemas.refTo(kind.type());
    op.put(
        "responses",
        Map.of(
            action.equals("post") ? "201" : "200",
            Map.of(
                "description",
                "OK",
                "content",
                Map.of("application/json", Map.of("schema", Map.of("$ref", answerRef))))));
    return op;
  }

  /** The schema of a kind's list answer ({@code DeploymentList}). */
  static Map<String, Object> listSchema(KindInfo kind) {
    return Map.of(
        "type",
        "object",
        "required",
        List.of("items"),
        "properties",
        Map.of(
            "apiVersion", Map.of("type", "string"),
            "kind", Map.of("type", "string"),
            "metadata", Map.of("type", "object"),
            "items",
                Map.of(
                    "type",
                    "array",
                    "items",
                    Map.of("allOf", List.of(Map.of("$ref", ModelSchemas.refTo(kind.type())))))),
        "x-kubernetes-group-version-kind",
        List.of(
            Map.of(
                "group", kind.group(), "version", kind.version(), "kind", kind.kind() + "List")));
  }

  static Map<String, Object> patchSchema() {
    return Map.of("type", "object", "description", "A patch in one of the accepted formats.");
  }

  static String patchSchemaName() {
    return PATCH_SCHEMA;
  }

  /** {@code name} and {@code namespace} in the path, declared once per path. */
  static List<Map<String, Object>> pathParameters(boolean namespaced, boolean named) {
    List<Map<String, Object>> parameters = new java.util.ArrayList<>();
    if (named) {
      parameters.add(pathParameter("name", "name of the object"));
    }
    if (namespaced) {
      parameters.add(pathParameter("namespace", "object name and auth scope, such as for teams"));
    }
    return parameters;
  }

  private static Map<String, Object> pathParameter(String name, String description) {
    return Map.of(
        "name",
        name,
        "in",
        "path",
        "required",
        true,
        "description",
        description,
        "schema",
        Map.of("type", "string", "uniqueItems", true));
  }

  private static List<Map<String, Object>> writeParameters() {
    return List.of(
        query(
            "dryRun",
            "When present, indicates that modifications should not be persisted. The only valid"
                + " value is All."),
        query("fieldManager", "A name associated with the actor making these changes."),
        query(
            "fieldValidation",
            "What to do with unknown fields: Ignore drops them silently, Warn (the default) drops"
                + " them with a Warning header per field, Strict fails the request naming them."));
  }

  private static Map<String, Object> query(String name, String description) {
    return Map.of(
        "name",
        name,
        "in",
        "query",
        "description",
        description,
        "schema",
        Map.of("type", "string", "uniqueItems", true));
  }

  private static Map<String, Object> objectBody(KindInfo kind) {
    Map<String, Object> schema = Map.of("$ref", ModelSchemas.refTo(kind.type()));
    return Map.of(
        "required",
        true,
        "content",
        Map.of(
            "application/json", Map.of("schema", schema),
            "application/yaml", Map.of("schema", schema)));
  }

  private static Map<String, Object> patchBody() {
    Map<String, Object> schema = Map.of("$ref", "#/components/schemas/" + PATCH_SCHEMA);
    Map<String, Object> content = new LinkedHashMap<>();
    for (PatchType type :
        List.of(PatchType.JSON_PATCH, PatchType.MERGE_PATCH, PatchType.STRATEGIC_MERGE_PATCH)) {
      content.put(type.mediaType(), Map.of("schema", schema));
    }
    return Map.of("required", true, "content", content);
  }

  /** {@code Apps}, {@code Networking}, "" for core: upstream's operationId stem. */
  private static String groupPrefix(KindInfo kind) {
    if (kind.group().isEmpty()) {
      return "Core" + capitalize(kind.version());
    }
    String first = kind.group().split("\\.")[0];
    return capitalize(first) + capitalize(kind.version());
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
