package dev.shoal.agent.api;

import dev.shoal.agent.auth.RequestRateLimiter;
import dev.shoal.agent.auth.TokenRegistry;
import dev.shoal.agent.auth.WatchQuota;

/** What the API checks before serving a request: the token registry and the per-token limits. */
public record ApiAccess(TokenRegistry tokens, RequestRateLimiter rate, WatchQuota watches) {

  /**
   * The limits a node runs with: {@code perSecond} requests a second per token, twice that in
   * bursts.
   */
  public static ApiAccess of(TokenRegistry tokens, int perSecond, int watchesPerToken) {
    return new ApiAccess(
        tokens,
        new RequestRateLimiter(perSecond, 2.0 * perSecond, System::nanoTime),
        new WatchQuota(watchesPerToken));
  }
}
