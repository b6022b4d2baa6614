package dev.shoal.manifests.patch;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.codec.MergePatch;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import java.io.IOException;

/**
 * Applies a PATCH body to a stored object: the patch is applied to the object's JSON form and the
 * result decoded again as the same kind, so it is checked like any request body (its unknown fields
 * come back as warnings).
 */
public final class Patches {
  private Patches() {}

  /**
   * The patched object, decoded; throws {@link PatchException} for a patch that is not one or does
   * not fit the object.
   */
  public static Decoded apply(Resource current, PatchType type, byte[] body) {
    KindInfo kind = ResourceKinds.of(current);
    JsonNode patched =
        applyToTree((ObjectNode) ManifestCodec.toTree(current), kind.type(), type, body);
    return ManifestCodec.decode(patched, kind);
  }

  /**
   * The patched tree of an object that is not a stored kind (a subresource such as {@code scale});
   * {@code schema} is the record whose fields give the strategic merge patch its list keys.
   */
  public static JsonNode applyToTree(
      ObjectNode tree, Class<?> schema, PatchType type, byte[] body) {
    JsonNode patch = parse(body);
    return switch (type) {
      case JSON_PATCH -> JsonPatch.apply(tree, patch);
      case MERGE_PATCH -> mergePatch(tree, patch);
      case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(tree, patch, schema);
      case APPLY_PATCH -> throw PatchException.malformed("", "server-side apply is not supported");
    };
  }

  /** The patch as a tree; strategic merge and JSON patches are JSON (YAML is a superset). */
  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw PatchException.malformed("", "the patch is empty");
    }
    try {
      return Json.mapper().readTree(body);
    } catch (JacksonException e) {
      throw PatchException.malformed("", "the patch is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw PatchException.malformed("", "the patch could not be read: " + e.getMessage());
    }
  }

  private static JsonNode mergePatch(ObjectNode stored, JsonNode patch) {
    if (!patch.isObject()) {
      throw PatchException.malformed("", "a merge patch must be a JSON object");
    }
    return MergePatch.apply(stored, patch);
  }
}
