package dev.shoal.agent.api;

import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.ResourceKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, ...) clients such as
 * kubectl read first.
 */
final class Discovery {

  private Discovery() {}

  static Map<String, Object> coreVersions() {
    return Map.of("kind", "APIVersions", "versions", List.of("v1"));
  }

  static Map<String, Object> groups() {
    Map<String, List<String>> versions = new TreeMap<>();
    for (KindInfo kind : ResourceKinds.all()) {
      if (!kind.group().isEmpty()) {
        versions.computeIfAbsent(kind.group(), g -> new ArrayList<>());
        if (!versions.get(kind.group()).contains(kind.version())) {
          versions.get(kind.group()).add(kind.version());
        }
      }
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    versions.forEach(
        (group, list) -> {
          List<Map<String, String>> entries =
              list.stream()
                  .map(v -> Map.of("groupVersion", group + "/" + v, "version", v))
                  .toList();
          groups.add(
              Map.of("name", group, "versions", entries, "preferredVersion", entries.get(0)));
        });
    return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
  }

  /** The resources of one group version, or null when Shoal serves none there. */
  static Map<String, Object> resources(String group, String version) {
    List<Map<String, Object>> resources = new ArrayList<>();
    for (KindInfo kind : ResourceKinds.all()) {
      if (!kind.group().equals(group) || !kind.version().equals(version)) {
        continue;
      }
      if (EventViews.serves(kind)) { // recorded by the agents, read-only
        Map<String, Object> events = resource(kind.plural(), kind, List.of("get", "list", "watch"));
        events.put("shortNames", List.of("ev"));
        resources.add(events);
        continue;
      }
      Map<String, Object> entry =
          resource(
              kind.plural(),
              kind,
              List.of("create", "delete", "get", "list", "patch", "update", "watch"));
      if (kind.kind().equals("ConfigMap")) {
        entry.put("shortNames", List.of("cm")); // kubectl get cm
      }
      resources.add(entry);
      resources.add(resource(kind.plural() + "/status", kind, List.of("get", "patch", "update")));
      if (kind.kind().equals("Pod")) {
        resources.add(resource("pods/log", kind, List.of("get")));
      }
    }
    if (resources.isEmpty()) {
      return null;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "APIResourceList");
    body.put("apiVersion", "v1");
    body.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    body.put("resources", resources);
    return body;
  }

  private static Map<String, Object> resource(String name, KindInfo kind, List<String> verbs) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put("singularName", name.contains("/") ? "" : kind.kind().toLowerCase());
    entry.put("namespaced", kind.namespaced());
    entry.put("kind", kind.kind());
    entry.put("verbs", verbs);
    return entry;
  }
}
