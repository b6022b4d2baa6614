package dev.shoal.agent.store.hazelcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shoal.agent.store.InternalKinds;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Resource;

/**
 * How one object is stored: a first line with its resource version and whether it is a tombstone
 * ({@code "42 L"} live, {@code "43 D"} deleted), then the object as JSON. Entry processors read
 * only the first line, so members never need to deserialize records; the kind comes from the key.
 */
public record Envelope(long version, boolean deleted, String json) {

  public static String encode(long version, boolean deleted, Resource object) {
    try {
      return version + (deleted ? " D\n" : " L\n") + Json.mapper().writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + object.kind(), e);
    }
  }

  public static Envelope parse(String raw) {
    int space = raw.indexOf(' ');
    int newline = raw.indexOf('\n', space);
    return new Envelope(
        Long.parseLong(raw, 0, space, 10),
        raw.charAt(space + 1) == 'D',
        raw.substring(newline + 1));
  }

  /** The version alone, without copying the JSON. */
  public static long versionOf(String raw) {
    return Long.parseLong(raw, 0, raw.indexOf(' '), 10);
  }

  public static boolean isTombstone(String raw) {
    return raw.charAt(raw.indexOf(' ') + 1) == 'D';
  }

  public Resource decode(ObjectKey key) {
    Class<? extends Resource> type =
        InternalKinds.typeOf(key.kind())
            .orElseThrow(
                () -> new IllegalStateException("stored object of unknown kind " + key.kind()));
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot decode stored " + key, e);
    }
  }
}
