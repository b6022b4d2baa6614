package dev.shoal.agent.api.stream;

import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The query of {@code .../pods/{name}/exec} and {@code /attach} as kubectl sends it: {@code
 * command} (repeated, exec only), {@code container}, {@code stdin}, {@code stdout}, {@code stderr},
 * {@code tty}. As upstream, at least one stream must be asked for, and exec needs a command; a
 * refusal is an {@link IllegalArgumentException} naming the parameter.
 */
public record StreamQuery(
    List<String> command,
    String container,
    boolean stdin,
    boolean stdout,
    boolean stderr,
    boolean tty) {

  public static StreamQuery parse(MultiMap query, boolean exec) {
    StreamQuery parsed =
        new StreamQuery(
            List.copyOf(query.getAll("command")),
            query.get("container"),
            flag(query, "stdin"),
            flag(query, "stdout"),
            flag(query, "stderr"),
            flag(query, "tty"));
    if (!parsed.stdin && !parsed.stdout && !parsed.stderr) {
      throw new IllegalArgumentException("you must specify at least 1 of stdin, stdout, stderr");
    }
    if (exec && parsed.command.isEmpty()) {
      throw new IllegalArgumentException("command: you must specify a command to run");
    }
    return parsed;
  }

  private static boolean flag(MultiMap query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty() || value.equals("false") || value.equals("0")) {
      return false;
    }
    if (value.equals("true") || value.equals("1")) {
      return true;
    }
    throw new IllegalArgumentException(name + " must be true or false, not \"" + value + "\"");
  }
}
