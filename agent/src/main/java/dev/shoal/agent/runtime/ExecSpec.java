package dev.shoal.agent.runtime;

import java.util.List;

/**
 * What to run in a container for {@code kubectl exec}: the command, whether stdin is attached, and
 * whether the process gets a terminal (then stdout and stderr are one stream, sent as stdout).
 */
public record ExecSpec(List<String> command, boolean stdin, boolean tty) {
  public ExecSpec {
    command = List.copyOf(command);
  }
}
