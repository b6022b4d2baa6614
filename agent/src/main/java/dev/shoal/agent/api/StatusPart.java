package dev.shoal.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Resource;

/**
 * The split Kubernetes makes between an object and its {@code status} subresource: a write to the
 * object cannot change its status, and a write to {@code /status} can change nothing else.
 */
final class StatusPart {

  private static final ObjectMapper MAPPER = Json.mapper();

  private StatusPart() {}

  /**
   * {@code incoming} with the status of {@code stored}: what a write to the main resource may
   * change.
   */
  static Resource keepStoredStatus(Resource incoming, Resource stored) {
    return withStatusOf(incoming, stored);
  }

  /**
   * {@code stored} with the status of {@code incoming}: what a write to {@code /status} may change.
   */
  static Resource takeIncomingStatus(Resource incoming, Resource stored) {
    Resource merged = withStatusOf(stored, incoming);
    return merged.withMetadata(
        merged.metadata().withResourceVersion(incoming.metadata().resourceVersion()));
  }

  /** {@code target} with the {@code status} of {@code source} (none if the source has none). */
  private static Resource withStatusOf(Resource target, Resource source) {
    ObjectNode result = MAPPER.valueToTree(target);
    ObjectNode from = MAPPER.valueToTree(source);
    if (from.has("status")) {
      result.set("status", from.get("status"));
    } else {
      result.remove("status");
    }
    return read(result, target);
  }

  /**
   * The object without status, as created objects start (their status is the system's to write).
   */
  static Resource withoutStatus(Resource object) {
    ObjectNode tree = MAPPER.valueToTree(object);
    tree.remove("status");
    return read(tree, object);
  }

  private static Resource read(ObjectNode tree, Resource like) {
    try {
      return MAPPER.treeToValue(tree, like.getClass());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot rebuild a " + like.kind() + ": " + e.getMessage(), e);
    }
  }
}
