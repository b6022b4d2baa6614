package dev.shoal.agent.store;

import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import java.lang.reflect.RecordComponent;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The metadata a store writes on every create and update, as pure functions so every store
 * implementation stamps objects the same way: uid, resourceVersion, creationTimestamp, generation
 * and names from generateName.
 */
public final class Stamps {

  /** Kubernetes' alphabet for generated name suffixes: no vowels, no look-alike digits. */
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Stamps() {}

  /** The object as first stored at {@code version}. */
  public static Resource forCreate(Resource object, long version, Instant now) {
    ObjectMeta meta = object.metadata();
    if ((meta.name() == null || meta.name().isEmpty()) && meta.generateName() != null) {
      meta = meta.withName(meta.generateName() + randomSuffix());
    }
    meta =
        meta.withUid(UUID.randomUUID().toString())
            .withResourceVersion(Long.toString(version))
            .withCreationTimestamp(now.truncatedTo(ChronoUnit.SECONDS))
            .withGeneration(1L)
            .withDeletion(null, null);
    return object.withMetadata(meta);
  }

  /**
   * The object as stored over {@code stored} at {@code version}. Throws CONFLICT when the incoming
   * object names a resourceVersion other than the stored one. Identity fields come from the stored
   * object; the deletion timestamp, once set, cannot be cleared.
   */
  public static Resource forUpdate(Resource stored, Resource incoming, long version) {
    ObjectMeta old = stored.metadata();
    ObjectMeta meta = incoming.metadata();
    String given = meta.resourceVersion();
    if (given != null && !given.isEmpty() && !given.equals(old.resourceVersion())) {
      throw StoreException.conflict(ObjectKey.of(stored), given, old.resourceVersion());
    }
    long generation = old.generation() == null ? 1 : old.generation();
    if (!Objects.equals(spec(stored), spec(incoming))) {
      generation++;
    }
    meta =
        meta.withUid(old.uid())
            .withCreationTimestamp(old.creationTimestamp())
            .withGeneration(generation)
            .withResourceVersion(Long.toString(version));
    if (old.deletionTimestamp() != null && meta.deletionTimestamp() == null) {
      meta = meta.withDeletion(old.deletionTimestamp(), old.deletionGracePeriodSeconds());
    }
    return incoming.withMetadata(meta);
  }

  /** The object's {@code spec} record component, or null for kinds without one. */
  static Object spec(Resource object) {
    RecordComponent[] components = object.getClass().getRecordComponents();
    if (components == null) {
      return null;
    }
    for (RecordComponent component : components) {
      if (component.getName().equals("spec")) {
        try {
          return component.getAccessor().invoke(object);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read spec of " + object.kind(), e);
        }
      }
    }
    return null;
  }

  private static String randomSuffix() {
    StringBuilder suffix = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }
}
