package dev.shoal.overlay.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

  private final CommandRunner runner =
      new CommandRunner(List.of("env", "LC_ALL=C"), Duration.ofSeconds(5));

  @Test
  void prefixIsPrependedAndOutputCaptured() throws CommandException {
    CommandRunner.Result r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
    assertEquals(new CommandRunner.Result(3, "out\n", "err\n"), r);
  }

  @Test
  void failuresAreClassedFromStderr() {
    CommandException e =
        assertThrows(
            CommandException.class,
            () ->
                runner.check(
                    List.of("sh", "-c", "echo 'RTNETLINK answers: File exists' >&2; exit 2")));
    assertEquals(CommandException.Kind.EXISTS, e.kind());
    assertTrue(e.getMessage().contains("exit 2"), e.getMessage());
  }

  @Test
  void aHangingCommandTimesOut() {
    CommandRunner quick = new CommandRunner(List.of(), Duration.ofMillis(300));
    CommandException e =
        assertThrows(CommandException.class, () -> quick.check(List.of("sleep", "10")));
    assertEquals(CommandException.Kind.TIMEOUT, e.kind());
  }

  @Test
  void aMissingProgramFails() {
    CommandException e =
        assertThrows(
            CommandException.class,
            () ->
                new CommandRunner(List.of(), Duration.ofSeconds(1))
                    .check(List.of("/nonexistent/ip")));
    assertEquals(CommandException.Kind.FAILED, e.kind());
  }
}
