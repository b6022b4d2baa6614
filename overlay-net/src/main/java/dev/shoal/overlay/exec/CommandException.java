package dev.shoal.overlay.exec;

/**
 * A failed command (iproute2, nft, iptables), classed so callers can tell "already there" and
 * "already gone" (fine for a reconciler) from real trouble.
 */
public class CommandException extends Exception {

  private static final long serialVersionUID = 1L;

  public enum Kind {
    /** The object to create exists. */
    EXISTS,
    /** The object to change or delete does not exist. */
    NOT_FOUND,
    /** The command did not finish in time; worth retrying. */
    TIMEOUT,
    /** Anything else: bad arguments, missing permission, missing kernel support. */
    FAILED
  }

  private final Kind kind;

  public CommandException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static Kind classify(String stderr) {
    String s = stderr.toLowerCase(java.util.Locale.ROOT);
    if (s.contains("file exists")) {
      return Kind.EXISTS;
    }
    if (s.contains("cannot find device")
        || s.contains("does not exist")
        || s.contains("no such process")
        || s.contains("no such file or directory")
        || s.contains("cannot assign requested address")) {
      return Kind.NOT_FOUND;
    }
    return Kind.FAILED;
  }
}
