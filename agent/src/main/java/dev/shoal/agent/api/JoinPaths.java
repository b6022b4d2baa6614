package dev.shoal.agent.api;

/** The path of the member admission handshake (open: the handshake carries its own proof). */
public final class JoinPaths {
  public static final String JOIN = "/cluster/join";

  private JoinPaths() {}
}
