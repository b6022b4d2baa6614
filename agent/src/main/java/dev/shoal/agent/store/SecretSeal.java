package dev.shoal.agent.store;

import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Secret;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secret values as the shared store keeps them: each value of a Secret's {@code data} sealed with
 * the cluster's key (the same {@link AtRestKey} primitive as the on-disk copy, keyed from the join
 * secret), with the object's key and the data key as associated data, so a sealed value moved to
 * another Secret or another key does not open. Names, labels and data keys stay readable (selectors
 * and access rules need them); values never cross the network or sit in a member's map, view or
 * watch history in the clear. Values that are not sealed (written by an older agent) pass through
 * {@link #open} as they are. Pure.
 */
public final class SecretSeal {

  private static final Logger LOG = LoggerFactory.getLogger(SecretSeal.class);

  /**
   * Seals nothing, opens only what is plain: for stores that hold no cluster key (tests, a lone
   * node).
   */
  public static final SecretSeal NONE = new SecretSeal(null);

  private final AtRestKey key;

  private SecretSeal(AtRestKey key) {
    this.key = key;
  }

  /**
   * Seals with the cluster's 32-byte key (e.g. derived from the join secret); null gives {@link
   * #NONE}.
   */
  public static SecretSeal withKey(byte[] clusterKey) {
    return clusterKey == null ? NONE : new SecretSeal(AtRestKey.of(clusterKey));
  }

  /**
   * {@code object} as the store keeps it: a Secret with every value sealed; other kinds as they
   * are. Takes the plain form (what callers write, what {@link #open} gave), so every value is
   * sealed, even one that merely looks sealed.
   */
  public Resource seal(Resource object) {
    if (key == null || !(object instanceof Secret secret) || secret.data() == null) {
      return object;
    }
    Map<String, String> sealed = new TreeMap<>();
    for (Map.Entry<String, String> entry : secret.data().entrySet()) {
      String value = entry.getValue();
      sealed.put(
          entry.getKey(), value == null ? null : key.seal(value, context(secret, entry.getKey())));
    }
    return secret.withData(sealed);
  }

  /**
   * {@code object} as readers get it: a Secret with its values opened. A value that does not open
   * (another cluster's key, or altered) is left out and logged, so one damaged value does not fail
   * a whole listing.
   */
  public Resource open(Resource object) {
    if (!(object instanceof Secret secret) || !hasSealed(secret)) {
      return object;
    }
    Map<String, String> opened = new TreeMap<>();
    for (Map.Entry<String, String> entry : secret.data().entrySet()) {
      String value = entry.getValue();
      if (value == null || !AtRestKey.isSealed(value)) {
        opened.put(entry.getKey(), value);
        continue;
      }
      try {
        if (key == null) {
          throw new GeneralSecurityException("this store holds no cluster key");
        }
        opened.put(entry.getKey(), key.open(value, context(secret, entry.getKey())));
      } catch (GeneralSecurityException e) {
        LOG.error(
            "the value of key {} of Secret {}/{} does not open with the cluster's key ({}); it is left out",
            entry.getKey(),
            secret.metadata().namespace(),
            secret.metadata().name(),
            e.getMessage());
      }
    }
    return secret.withData(opened);
  }

  /**
   * Whether {@code object} is a Secret holding a value in the clear (written before values were
   * sealed).
   */
  public boolean holdsPlain(Resource object) {
    return key != null
        && object instanceof Secret secret
        && secret.data() != null
        && secret.data().values().stream().anyMatch(v -> v != null && !AtRestKey.isSealed(v));
  }

  private static boolean hasSealed(Secret secret) {
    return secret.data() != null
        && secret.data().values().stream().anyMatch(v -> v != null && AtRestKey.isSealed(v));
  }

  private static String context(Secret secret, String dataKey) {
    return "map:"
        + Secret.KIND
        + "/"
        + secret.metadata().namespaceOrDefault()
        + "/"
        + secret.metadata().name()
        + "\n"
        + dataKey;
  }
}
