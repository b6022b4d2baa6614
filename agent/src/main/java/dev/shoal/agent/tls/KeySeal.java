package dev.shoal.agent.tls;

import dev.shoal.agent.store.AtRestKey;
import java.security.GeneralSecurityException;

/**
 * The cluster CA's key sealed under a key derived from the join secret: {@code base64(nonce ||
 * ciphertext+tag)}, AES-256-GCM with a random 12-byte nonce, through the store's one primitive
 * ({@link AtRestKey#sealBytes}), so there is a single AES-GCM implementation to review.
 */
public final class KeySeal {

  private KeySeal() {}

  /** {@code key} is 32 bytes (e.g. {@link ClusterSecret#derive}). */
  public static String seal(byte[] key, byte[] plain, byte[] associated) {
    return AtRestKey.of(key).sealBytes(plain, associated);
  }

  /**
   * The plain bytes; fails with {@link GeneralSecurityException} for a wrong key or altered text.
   */
  public static byte[] open(byte[] key, String sealed, byte[] associated)
      throws GeneralSecurityException {
    return AtRestKey.of(key).openBytes(sealed, associated);
  }
}
