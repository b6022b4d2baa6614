package dev.shoal.agent.store;

import dev.shoal.agent.config.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key that seals stored values: AES-256-GCM with a random 12-byte nonce per write, the object's
 * key as associated data (a sealed value copied onto another object does not open). The node's key
 * for what it keeps on disk is 32 random bytes in a file of its own (mode 0600), made on first
 * start and re-used after; the cluster's key for Secret values in the shared map ({@link
 * SecretSeal}) is derived from the join secret. The same primitive, without the prefix, seals the
 * cluster CA's key ({@link dev.shoal.agent.tls.KeySeal}).
 */
public final class AtRestKey {
  private static final String PREFIX = "shoal-aes256gcm-v1:";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  private AtRestKey(byte[] raw) {
    this.key = new SecretKeySpec(raw, "AES");
  }

  /** A key from its 32 bytes (tests). */
  public static AtRestKey of(byte[] raw) {
    if (raw.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "an at-rest key is " + KEY_BYTES + " bytes, not " + raw.length);
    }
    return new AtRestKey(raw.clone());
  }

  /**
   * Reads the key file, or makes one (mode 0600) when there is none. An unreadable or corrupt file
   * is an error that says what to do: the Secrets in the on-disk copy cannot be read without it.
   */
  public static AtRestKey loadOrCreate(Path file) {
    try {
      String text =
          PrivateFiles.readOrCreate(
              file,
              () -> {
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                return Base64.getEncoder().encodeToString(fresh);
              });
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        raw = new byte[0];
      }
      if (raw.length != KEY_BYTES) {
        throw new IllegalStateException(
            "the at-rest key "
                + file
                + " is corrupt (expected "
                + KEY_BYTES
                + " bytes in base64): restore it from a backup; without it the Secrets in the on-disk copy of "
                + "the cluster state cannot be read (remove it only if you accept losing them)");
      }
      return new AtRestKey(raw);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read or create the at-rest key "
              + file
              + ": "
              + e.getMessage()
              + " (the agent needs it to encrypt Secrets in its on-disk copy; check the data directory's permissions)",
          e);
    }
  }

  /** {@code plain} sealed for {@code context} (e.g. the object's key): a single line of text. */
  public String seal(String plain, String context) {
    return PREFIX
        + sealBytes(
            plain.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether {@code text} is something {@link #seal} made (anything else is an older plain copy).
   */
  public static boolean isSealed(String text) {
    return text.startsWith(PREFIX);
  }

  /**
   * The plain text; fails if the text was altered, sealed with another key or for another context.
   */
  public String open(String sealed, String context) throws GeneralSecurityException {
    if (!isSealed(sealed)) {
      throw new GeneralSecurityException("not sealed (no " + PREFIX + " prefix)");
    }
    return new String(
        openBytes(
            sealed.substring(PREFIX.length()).strip(), context.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
  }

  /**
   * The primitive under both sealed formats, the store's prefixed text ({@link #seal}) and the
   * cluster CA's sealed key ({@link dev.shoal.agent.tls.KeySeal}): {@code base64(nonce ||
   * ciphertext+tag)}, with {@code associated} authenticated but not included.
   */
  public String sealBytes(byte[] plain, byte[] associated) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, associated).doFinal(plain);
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    }
  }

  /**
   * The plain bytes of what {@link #sealBytes} made; fails if the text was altered, sealed with
   * another key or for other associated data.
   */
  public byte[] openBytes(String sealed, byte[] associated) throws GeneralSecurityException {
    byte[] in;
    try {
      in = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not base64");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("too short to be sealed");
    }
    return cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE_BYTES), associated)
        .doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
  }

  private Cipher cipher(int mode, byte[] nonce, byte[] associated) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associated);
    return cipher;
  }
}
