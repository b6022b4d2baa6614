package dev.shoal.agent.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The token format: {@code shoal.<name>.<secret>}, where {@code name} is the ApiToken object's name
 * and {@code secret} is 32 random bytes in unpadded base64url. Only the SHA-256 of the secret is
 * stored.
 */
public final class BearerTokens {

  private static final String PREFIX = "shoal.";
  private static final SecureRandom RANDOM = new SecureRandom();

  private BearerTokens() {}

  /** A token presented by a client, split into the object name and its secret. */
  public record Presented(String name, String secret) {}

  /**
   * A new token for the ApiToken {@code name}: the text to give the client and the hash to store.
   */
  public record Issued(String token, String hash) {}

  public static Issued issue(String name) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new Issued(PREFIX + name + "." + encoded, hash(encoded));
  }

  /** Splits a token; empty when it does not have the Shoal shape. */
  public static Optional<Presented> parse(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 512) {
      return Optional.empty();
    }
    int dot = token.lastIndexOf('.');
    if (dot <= PREFIX.length() || dot == token.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(
        new Presented(token.substring(PREFIX.length(), dot), token.substring(dot + 1)));
  }

  public static String hash(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Compares in time that does not depend on where the two differ. */
  public static boolean matches(String secret, String storedHash) {
    if (storedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(
        hash(secret).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
