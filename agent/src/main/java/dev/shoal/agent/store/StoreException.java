package dev.shoal.agent.store;

/**
 * Why a store operation was refused. The HTTP layer maps each reason to a Kubernetes Status code,
 * so these are expected outcomes of user requests, not bugs.
 */
public final class StoreException extends RuntimeException {

  public enum Reason {
    /** 404: no object under that key. */
    NOT_FOUND,
    /** 409: an object with that key exists already. */
    ALREADY_EXISTS,
    /** 409: the caller's resourceVersion is stale. */
    CONFLICT,
    /** 410: a watch asked to resume from a version the store no longer remembers. */
    GONE,
    /** 403: a write carried a leadership epoch older than the current one. */
    FENCED
  }

  private final Reason reason;
  private final ObjectKey key;

  public StoreException(Reason reason, ObjectKey key, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.key = key;
  }

  public Reason reason() {
    return reason;
  }

  public ObjectKey key() {
    return key;
  }

  public static StoreException notFound(ObjectKey key) {
    return new StoreException(
        Reason.NOT_FOUND, key, key.kind().toLowerCase() + " \"" + key.name() + "\" not found");
  }

  public static StoreException alreadyExists(ObjectKey key) {
    return new StoreException(
        Reason.ALREADY_EXISTS,
        key,
        key.kind().toLowerCase() + " \"" + key.name() + "\" already exists");
  }

  public static StoreException conflict(ObjectKey key, String given, String current) {
    return new StoreException(
        Reason.CONFLICT,
        key,
        "Operation cannot be fulfilled on "
            + key.kind().toLowerCase()
            + " \""
            + key.name()
            + "\": the object has been modified (resourceVersion "
            + given
            + " is not the current "
            + current
            + "); please apply your changes to the latest version and try again");
  }

  public static StoreException fenced(ObjectKey key, long given, long current) {
    return new StoreException(
        Reason.FENCED,
        key,
        "write refused: leadership epoch "
            + given
            + " has been superseded by epoch "
            + current
            + "; this node is no longer the leader");
  }

  public static StoreException gone(long asked, long oldest) {
    return new StoreException(
        Reason.GONE,
        null,
        "too old resource version: " + asked + " (oldest remembered " + oldest + ")");
  }
}
