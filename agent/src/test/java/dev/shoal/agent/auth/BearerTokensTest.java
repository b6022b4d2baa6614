package dev.shoal.agent.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BearerTokensTest {

  @Test
  void anIssuedTokenParsesToItsNameAndMatchesOnlyItsHash() {
    BearerTokens.Issued issued = BearerTokens.issue("ci.bot");
    BearerTokens.Presented presented = BearerTokens.parse(issued.token()).orElseThrow();
    assertEquals("ci.bot", presented.name());
    assertTrue(BearerTokens.matches(presented.secret(), issued.hash()));
    assertFalse(BearerTokens.matches(presented.secret() + "x", issued.hash()));
    assertFalse(BearerTokens.matches(presented.secret(), null));
    assertFalse(issued.token().contains(issued.hash()));
  }

  @Test
  void foreignShapesDoNotParse() {
    for (String token :
        new String[] {null, "", "shoal.", "shoal.x", "shoal.x.", "bearer", "x".repeat(1000)}) {
      assertTrue(BearerTokens.parse(token).isEmpty(), String.valueOf(token));
    }
  }
}
