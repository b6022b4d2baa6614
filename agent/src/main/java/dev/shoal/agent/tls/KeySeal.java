package dev.shoal.agent.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a random 12-byte nonce: {@code base64(nonce || ciphertext+tag)}. */
public final class KeySeal {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;

  private KeySeal() {}

  public static String seal(byte[] key, byte[] plain, byte[] associated) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, associated);
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JVM", e);
    }
  }

  /**
   * The plain bytes; fails with {@link GeneralSecurityException} for a wrong key or altered text.
   */
  public static byte[] open(byte[] key, String sealed, byte[] associated)
      throws GeneralSecurityException {
    byte[] in;
    try {
      in = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("sealed text is not base64");
    }
    if (in.length <= NONCE_BYTES) {
      throw new GeneralSecurityException("sealed text is too short");
    }
    byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
    return cipher(Cipher.DECRYPT_MODE, key, nonce, associated)
        .doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] associated)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    cipher.updateAAD(associated);
    return cipher;
  }
}
