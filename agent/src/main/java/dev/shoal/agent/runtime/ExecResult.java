package dev.shoal.agent.runtime;

/** The outcome of a command run inside a container. */
public record ExecResult(int exitCode, String output) {
  public boolean succeeded() {
    return exitCode == 0;
  }
}
