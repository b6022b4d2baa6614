package dev.shoal.agent.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.openapi.ModelSchemas;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The OpenAPI v3 documents, built once from the kinds: one per group-version (keyed {@code api/v1},
 * {@code apis/apps/v1}, ...) with the kinds' paths and schemas, and the index that lists them with
 * a hash of each, so clients cache a document until it changes.
 */
public final class OpenApiDocuments {
  private final Map<String, byte[]> documents = new LinkedHashMap<>();
  private final Map<String, String> hashes = new LinkedHashMap<>();
  private final byte[] index;

  /**
   * @param kinds the kinds served
   * @param writable which kinds take writes (events are read-only)
   * @param hasStatus which kinds have a {@code status} subresource
   */
  public OpenApiDocuments(
      List<KindInfo> kinds, Predicate<KindInfo> writable, Predicate<KindInfo> hasStatus) {
    Map<String, List<KindInfo>> byGroupVersion =
        kinds.stream()
            .collect(
                Collectors.groupingBy(
                    OpenApiDocuments::key, LinkedHashMap::new, Collectors.toList()));
    Map<String, Object> paths = new LinkedHashMap<>();
    byGroupVersion.forEach(
        (key, members) -> {
          byte[] document = bytes(GroupVersionDocument.of(key, members, writable, hasStatus));
          String hash = sha512(document);
          documents.put(key, document);
          hashes.put(key, hash);
          paths.put(key, Map.of("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash));
        });
    index = bytes(Map.of("paths", paths));
  }

  /** The index document of {@code GET /openapi/v3}. */
  public byte[] index() {
    return index;
  }

  /** The document of one group-version, e.g. {@code apis/apps/v1}. */
  public Optional<byte[]> document(String key) {
    return Optional.ofNullable(documents.get(key));
  }

  /** The hash the index gives for {@code key}'s document. */
  public Optional<String> hash(String key) {
    return Optional.ofNullable(hashes.get(key));
  }

  static String key(KindInfo kind) {
    return kind.group().isEmpty()
        ? "api/" + kind.version()
        : "apis/" + kind.group() + "/" + kind.version();
  }

  private static byte[] bytes(Object value) {
    try {
      return Json.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha512(byte[] bytes) {
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-512", e);
    }
  }

  /** Kept apart so the index stays small: one group-version's whole document. */
  static final class GroupVersionDocument {
    private GroupVersionDocument() {}

    static Map<String, Object> of(
        String key,
        List<KindInfo> kinds,
        Predicate<KindInfo> writable,
        Predicate<KindInfo> hasStatus) {
      Map<String, Object> paths = new LinkedHashMap<>();
      for (KindInfo kind : kinds) {
        KindPaths.add(paths, kind, writable.test(kind), hasStatus.test(kind));
      }
      Map<String, Object> schemas = new LinkedHashMap<>(ModelSchemas.of(kinds));
      for (KindInfo kind : kinds) {
        schemas.put(ModelSchemas.nameOf(kind.type()) + "List", Operations.listSchema(kind));
      }
      schemas.put(Operations.patchSchemaName(), Operations.patchSchema());
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("openapi", "3.0.0");
      document.put("info", Map.of("title", "Shoal", "version", key));
      document.put("paths", paths);
      document.put("components", Map.of("schemas", schemas));
      return document;
    }
  }
}
