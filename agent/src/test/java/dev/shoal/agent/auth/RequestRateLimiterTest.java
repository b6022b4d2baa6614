package dev.shoal.agent.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

  @Test
  void aCallerGetsItsBurstThenItsRateAndOthersAreUnaffected() {
    AtomicLong now = new AtomicLong();
    RequestRateLimiter limiter = new RequestRateLimiter(10, 20, now::get);
    for (int i = 0; i < 20; i++) {
      assertTrue(limiter.tryAcquire("busy"), "burst request " + i);
    }
    assertFalse(limiter.tryAcquire("busy"));
    assertTrue(limiter.tryAcquire("quiet"));
    now.addAndGet(100_000_000); // 0.1 s refills one request at 10/s
    assertTrue(limiter.tryAcquire("busy"));
    assertFalse(limiter.tryAcquire("busy"));
  }
}
