package dev.shoal.agent.tls;

import dev.shoal.agent.config.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster's join secret: what a node must know to be admitted, and the root of the keys that
 * seal the CA's private key. Never logged; {@link #toString} hides it. Keys for different purposes
 * are HMAC-SHA256(secret, purpose), so one key never serves two uses.
 */
public final class ClusterSecret {

  public static final String FILE_NAME = "join.secret";

  private final byte[] secret;

  private ClusterSecret(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public static ClusterSecret of(String secret) {
    return new ClusterSecret(secret);
  }

  /**
   * The secret a first node uses when it was given none: {@code join.secret} in its data dir, made
   * (random, mode 0600) on the very first start. Blocking: call from a worker thread.
   */
  public static ClusterSecret loadOrCreate(Path dataDir) throws IOException {
    return of(
        PrivateFiles.readOrCreate(
            dataDir.resolve(FILE_NAME),
            () -> {
              byte[] random = new byte[32];
              new SecureRandom().nextBytes(random);
              return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            }));
  }

  /** A 32-byte key for one purpose, e.g. {@code "ca-key"}. */
  public byte[] derive(String purpose) {
    return hmac(secret, purpose.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * HMAC-SHA256 of {@code message} under this secret: the proof of knowing it, bound to a message.
   */
  public byte[] prove(byte[] message) {
    return hmac(derive("join-proof"), message);
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ClusterSecret(hidden)";
  }
}
