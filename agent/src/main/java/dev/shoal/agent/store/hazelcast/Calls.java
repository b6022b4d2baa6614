package dev.shoal.agent.store.hazelcast;

import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for one asynchronous Hazelcast call with a deadline, turning cluster trouble into
 * "unavailable".
 */
final class Calls {

  private final long timeoutMillis;

  Calls(Duration timeout) {
    this.timeoutMillis = timeout.toMillis();
  }

  <T> T await(CompletionStage<T> call) throws InterruptedException {
    try {
      return call.toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException refused) {
        throw refused;
      }
      throw new StoreUnavailableException("cluster call failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException(
          "cluster did not answer within " + timeoutMillis + " ms", e);
    }
  }
}
