package dev.shoal.agent.api;

import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ResourceKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The discovery documents clients such as kubectl read first: the legacy ones ({@code /api}, {@code
 * /apis}, {@code /api/v1}, {@code /apis/apps/v1}, ...) and the aggregated apidiscovery.k8s.io ones
 * ({@code /api} and {@code /apis} as {@code APIGroupDiscoveryList}, one request for everything).
 * Both describe each resource alike: kind, scope, verbs, the upstream short names and categories,
 * its subresources.
 */
final class Discovery {

  /** The aggregated versions served, newest first; kubectl 1.32 asks for v2, then v2beta1. */
  static final List<String> AGGREGATED_VERSIONS = List.of("v2", "v2beta1");

  private static final List<String> READ_ONLY = List.of("get", "list", "watch");
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");

  /** The kind a {@code scale} subresource answers with (kubectl converts what it reads to it). */
  private static final KindInfo SCALE =
      new KindInfo(ScaleSubresource.KIND, "autoscaling", "v1", "scale", true, null);

  private Discovery() {}

  /**
   * A subresource of a resource, as {@code pods/status}; its response kind may be of another group
   * ({@code pods/eviction} takes a policy/v1 Eviction).
   */
  private record Sub(String name, Map<String, String> responseKind, List<String> verbs) {
    Sub(String name, KindInfo kind, List<String> verbs) {
      this(name, groupVersionKind(kind), verbs);
    }
  }

  /**
   * The aggregated version the client's {@code Accept} asks for before any plain JSON, or null for
   * the legacy documents.
   */
  static String aggregatedVersionAsked(String accept) {
    for (MediaRange range : MediaRange.parseAll(accept)) {
      if (range.asksFor("APIGroupDiscoveryList", "apidiscovery.k8s.io")
          && AGGREGATED_VERSIONS.contains(range.version())) {
        return range.version();
      }
      if (range.acceptsPlainJson()) {
        return null;
      }
    }
    return null;
  }

  /** The Content-Type of an aggregated answer, which tells the client which form it got. */
  static String aggregatedContentType(String version) {
    return "application/json;g=apidiscovery.k8s.io;v=" + version + ";as=APIGroupDiscoveryList";
  }

  static Map<String, Object> coreVersions() {
    return Map.of("kind", "APIVersions", "versions", List.of("v1"));
  }

  static Map<String, Object> groups() {
    List<Map<String, Object>> groups = new ArrayList<>();
    groupVersions()
        .forEach(
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

  /** The versions of each named group Shoal serves, groups sorted by name. */
  private static Map<String, List<String>> groupVersions() {
    Map<String, List<String>> versions = new TreeMap<>();
    for (KindInfo kind : served()) {
      if (!kind.group().isEmpty()) {
        List<String> list = versions.computeIfAbsent(kind.group(), g -> new ArrayList<>());
        if (!list.contains(kind.version())) {
          list.add(kind.version());
        }
      }
    }
    return versions;
  }

  /** The resources of one group version, or null when Shoal serves none there. */
  static Map<String, Object> resources(String group, String version) {
    List<Map<String, Object>> resources = new ArrayList<>();
    for (KindInfo kind : kinds(group, version)) {
      resources.add(legacyEntry(kind.plural(), kind, verbs(kind)));
      for (Sub sub : subresources(kind)) {
        Map<String, Object> entry =
            legacyEntry(kind.plural() + "/" + sub.name(), kind, sub.verbs());
        entry.put("kind", sub.responseKind().get("kind"));
        if (!sub.responseKind().equals(groupVersionKind(kind))) {
          entry.put("group", sub.responseKind().get("group"));
          entry.put("version", sub.responseKind().get("version"));
        }
        resources.add(entry);
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

  /**
   * The aggregated document: of the core group for {@code /api} ({@code core} true), of every named
   * group for {@code /apis}; {@code apiVersion} is {@code apidiscovery.k8s.io/v2} or {@code
   * v2beta1}.
   */
  static Map<String, Object> aggregated(boolean core, String apiVersion) {
    List<Map<String, Object>> items = new ArrayList<>();
    if (core) {
      items.add(aggregatedGroup("", List.of("v1")));
    } else {
      groupVersions().forEach((group, versions) -> items.add(aggregatedGroup(group, versions)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "APIGroupDiscoveryList");
    body.put("apiVersion", apiVersion);
    body.put("metadata", Map.of());
    body.put("items", items);
    return body;
  }

  private static Map<String, Object> aggregatedGroup(String group, List<String> versions) {
    List<Map<String, Object>> versionEntries = new ArrayList<>();
    for (String version : versions) {
      List<Map<String, Object>> resources = new ArrayList<>();
      for (KindInfo kind : kinds(group, version)) {
        resources.add(aggregatedEntry(kind));
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("version", version);
      entry.put("resources", resources);
      entry.put("freshness", "Current");
      versionEntries.add(entry);
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("metadata", group.isEmpty() ? Map.of() : Map.of("name", group));
    item.put("versions", versionEntries);
    return item;
  }

  private static Map<String, Object> aggregatedEntry(KindInfo kind) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("resource", kind.plural());
    entry.put("responseKind", groupVersionKind(kind));
    entry.put("scope", kind.namespaced() ? "Namespaced" : "Cluster");
    entry.put("singularResource", singular(kind));
    entry.put("verbs", verbs(kind));
    if (!kind.shortNames().isEmpty()) {
      entry.put("shortNames", kind.shortNames());
    }
    if (!kind.categories().isEmpty()) {
      entry.put("categories", kind.categories());
    }
    List<Map<String, Object>> subs = new ArrayList<>();
    for (Sub sub : subresources(kind)) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("subresource", sub.name());
      s.put("responseKind", sub.responseKind());
      s.put("verbs", sub.verbs());
      subs.add(s);
    }
    if (!subs.isEmpty()) {
      entry.put("subresources", subs);
    }
    return entry;
  }

  /** The kinds of one group version sorted by resource name, as upstream lists them. */
  private static List<KindInfo> kinds(String group, String version) {
    return served().stream()
        .filter(k -> k.group().equals(group) && k.version().equals(version))
        .sorted(java.util.Comparator.comparing(KindInfo::plural))
        .toList();
  }

  /** The stored kinds and the metrics.k8s.io ones ({@link ResourceMetricsApi}). */
  private static List<KindInfo> served() {
    List<KindInfo> kinds = new ArrayList<>(ResourceKinds.all());
    kinds.addAll(ResourceMetricsApi.KINDS);
    return kinds;
  }

  /**
   * Events are recorded by the agents and served read-only, metrics can only be read; every other
   * kind takes all verbs.
   */
  private static List<String> verbs(KindInfo kind) {
    if (ResourceMetricsApi.serves(kind)) {
      return ResourceMetricsApi.VERBS;
    }
    return EventViews.serves(kind) ? READ_ONLY : ALL_VERBS;
  }

  private static List<Sub> subresources(KindInfo kind) {
    List<Sub> subs = new ArrayList<>();
    if (ResourceHandlers.servesStatus(kind.kind()) && !EventViews.serves(kind)) {
      subs.add(new Sub("status", kind, List.of("get", "patch", "update")));
    }
    if (kind.kind().equals(Pod.KIND)) {
      subs.add(new Sub("log", kind, List.of("get")));
      subs.add(new Sub("eviction", PodEviction.RESPONSE_KIND, List.of("create")));
    }
    if (Scalable.serves(kind.kind())) {
      subs.add(new Sub("scale", SCALE, List.of("get", "patch", "update")));
    }
    return subs;
  }

  private static String singular(KindInfo kind) {
    return kind.kind().toLowerCase(java.util.Locale.ROOT);
  }

  private static Map<String, String> groupVersionKind(KindInfo kind) {
    return Map.of("group", kind.group(), "version", kind.version(), "kind", kind.kind());
  }

  private static Map<String, Object> legacyEntry(String name, KindInfo kind, List<String> verbs) {
    boolean sub = name.contains("/");
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put("singularName", sub ? "" : singular(kind));
    entry.put("namespaced", kind.namespaced());
    entry.put("kind", kind.kind());
    entry.put("verbs", verbs);
    if (!sub && !kind.shortNames().isEmpty()) {
      entry.put("shortNames", kind.shortNames());
    }
    if (!sub && !kind.categories().isEmpty()) {
      entry.put("categories", kind.categories());
    }
    return entry;
  }
}
