package dev.shoal.agent.api.openapi;

import dev.shoal.manifests.model.KindInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paths of one kind: its collection (list, create), its objects (get, replace, patch, delete)
 * and, where it has one, its {@code status} subresource (get, replace, patch).
 */
final class KindPaths {
  private KindPaths() {}

  static void add(Map<String, Object> paths, KindInfo kind, boolean writable, boolean hasStatus) {
    String collection = kind.collectionPath(kind.namespaced() ? "{namespace}" : null);
    boolean namespaced = kind.namespaced();

    Map<String, Object> list = new LinkedHashMap<>();
    list.put("get", Operations.operation(kind, "list", "list", "", false));
    if (writable) {
      list.put("post", Operations.operation(kind, "post", "create", "", true));
    }
    list.put("parameters", Operations.pathParameters(namespaced, false));
    paths.put(collection, list);

    Map<String, Object> item = new LinkedHashMap<>();
    item.put("get", Operations.operation(kind, "get", "read", "", false));
    if (writable) {
      item.put("put", Operations.operation(kind, "put", "replace", "", true));
      item.put("patch", Operations.operation(kind, "patch", "patch", "", true));
      item.put("delete", Operations.operation(kind, "delete", "delete", "", false));
    }
    item.put("parameters", Operations.pathParameters(namespaced, true));
    paths.put(collection + "/{name}", item);

    if (writable && hasStatus) {
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("get", Operations.operation(kind, "get", "read", "Status", false));
      status.put("put", Operations.operation(kind, "put", "replace", "Status", true));
      status.put("patch", Operations.operation(kind, "patch", "patch", "Status", true));
      status.put("parameters", Operations.pathParameters(namespaced, true));
      paths.put(collection + "/{name}/status", status);
    }
  }
}
