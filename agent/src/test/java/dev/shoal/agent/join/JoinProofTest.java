package dev.shoal.agent.join;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.tls.ClusterSecret;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JoinProofTest {

  final JoinProof cluster = new JoinProof(ClusterSecret.of("the-cluster-join-secret"));
  final JoinProof stranger = new JoinProof(ClusterSecret.of("a-guess-at-the-secret"));
  final Instant now = Instant.parse("2026-11-29T15:00:00Z");
  final long t = now.getEpochSecond();

  @Test
  void theClusterSecretProvesTheJoinerForItsOwnAddressOnly() {
    String proof = cluster.request("h4", "192.0.2.14", "n1", t);
    assertTrue(cluster.validRequest("h4", "192.0.2.14", "n1", t, proof, now));
    assertFalse(
        cluster.validRequest("h4", "192.0.2.99", "n1", t, proof, now),
        "relayed from another address");
    assertFalse(cluster.validRequest("h5", "192.0.2.14", "n1", t, proof, now), "another node name");
    assertFalse(
        cluster.validRequest("h4", "192.0.2.14", "n1", t, proof, now.plusSeconds(3600)), "stale");
    assertFalse(
        cluster.validRequest(
            "h4", "192.0.2.14", "n1", t, stranger.request("h4", "192.0.2.14", "n1", t), now),
        "wrong secret");
    assertFalse(cluster.validRequest("h4", "192.0.2.14", "n1", t, null, now));
  }

  @Test
  void theSeedsAnswerIsBoundToTheNonceAndTheAddressDialed() {
    String answer = cluster.answer("n1", "192.0.2.11");
    assertTrue(cluster.validAnswer("n1", "192.0.2.11", answer));
    assertFalse(cluster.validAnswer("n2", "192.0.2.11", answer));
    assertFalse(cluster.validAnswer("n1", "192.0.2.12", answer));
    assertFalse(cluster.validAnswer("n1", "192.0.2.11", stranger.answer("n1", "192.0.2.11")));
  }
}
