package dev.shoal.agent.join;

import dev.shoal.agent.tls.ClusterSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The two proofs of the handshake, both HMACs under the join secret, never the secret itself: the
 * joiner's is bound to its node name, the address it connects from, a nonce and the time (a relayed
 * proof fails because the relay's address differs; an old one because of the time); the seed's
 * answer is bound to the joiner's nonce and the address the joiner dialed.
 */
public final class JoinProof {

  /** How far the joiner's clock may be from the seed's. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ClusterSecret secret;

  public JoinProof(ClusterSecret secret) {
    this.secret = secret;
  }

  public static String nonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  public String request(String node, String address, String nonce, long epochSeconds) {
    return mac("join\n" + node + "\n" + address + "\n" + nonce + "\n" + epochSeconds);
  }

  public String answer(String nonce, String seedAddress) {
    return mac("admit\n" + nonce + "\n" + seedAddress);
  }

  /** Checks a joiner's proof: the right MAC, for the address it came from, made recently. */
  public boolean validRequest(
      String node, String address, String nonce, long epochSeconds, String proof, Instant now) {
    boolean fresh = Math.abs(now.getEpochSecond() - epochSeconds) <= MAX_SKEW.toSeconds();
    return fresh & same(request(node, address, nonce, epochSeconds), proof);
  }

  public boolean validAnswer(String nonce, String seedAddress, String proof) {
    return same(answer(nonce, seedAddress), proof);
  }

  private String mac(String message) {
    return Base64.getEncoder()
        .encodeToString(secret.prove(message.getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean same(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            given.getBytes(StandardCharsets.US_ASCII));
  }
}
