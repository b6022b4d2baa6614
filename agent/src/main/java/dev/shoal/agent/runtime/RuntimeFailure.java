package dev.shoal.agent.runtime;

/**
 * Why a runtime call failed, classed so callers know what to do: retry later ({@link
 * Kind#TEMPORARY}), report ({@link Kind#FATAL}), or act on a known condition (missing image,
 * missing container, failed start).
 */
public final class RuntimeFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    /** The image is not in the engine and nothing will pull it. */
    IMAGE_NOT_PRESENT,
    /** The container does not exist (any more). */
    NOT_FOUND,
    /** The container was created but could not start; {@link #containerId()} names it. */
    START_FAILED,
    /** A name is taken, or the object is in a state that forbids the call. */
    CONFLICT,
    /** Engine busy, unreachable for a moment, or a call timed out: retry with back-off. */
    TEMPORARY,
    /**
     * The container's spec cannot be made into a container (e.g. an unknown capability): the pod
     * must change.
     */
    INVALID_SPEC,
    /** Bad request or broken engine: retrying will not help. */
    FATAL
  }

  private final Kind kind;
  private final String containerId;

  public RuntimeFailure(Kind kind, String message, String containerId, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.containerId = containerId;
  }

  public RuntimeFailure(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The container the failure concerns, when known. */
  public String containerId() {
    return containerId;
  }

  public static boolean is(Throwable t, Kind kind) {
    return t instanceof RuntimeFailure f && f.kind == kind;
  }
}
