package dev.shoal.agent.store;

/**
 * The store cannot answer right now: this member is on the smaller side of a partition, or the
 * cluster did not answer in time. Temporary: retry with back-off (HTTP 503). Not a {@link
 * StoreException} because it says nothing about the request itself.
 */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
