package dev.shoal.agent.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

class KeyedCoalescerTest {

  @Test
  void oneRunPerKeyAndRequestsMeanwhileAreHandedBackOnce() {
    KeyedCoalescer<String> runs = new KeyedCoalescer<>();
    assertTrue(runs.begin("a"));
    assertTrue(runs.begin("b"), "other keys run beside it");
    assertFalse(runs.begin("a"));
    assertFalse(runs.begin("a"));
    assertTrue(runs.askAgainIfRunning("b"));
    assertFalse(runs.askAgainIfRunning("c"));
    assertTrue(runs.end("a"), "asked again while it ran");
    assertTrue(runs.begin("a"));
    assertFalse(runs.end("a"), "two requests meanwhile made one more run, not two");
    Future<Void> idle = runs.idle();
    assertFalse(idle.isComplete());
    assertTrue(runs.end("b"));
    assertTrue(idle.succeeded());
    assertTrue(runs.idle().succeeded());
  }
}
