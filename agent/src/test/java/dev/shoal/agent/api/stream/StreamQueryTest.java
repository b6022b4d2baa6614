package dev.shoal.agent.api.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exec/attach query as kubectl sends it, its refusals, and the error channel's Status. */
class StreamQueryTest {

  @Test
  void kubectlsExecQuery() {
    MultiMap q =
        MultiMap.caseInsensitiveMultiMap()
            .add("command", "sh")
            .add("command", "-c")
            .add("command", "exit 42")
            .add("container", "main")
            .add("stdin", "true")
            .add("stdout", "true")
            .add("tty", "1");
    StreamQuery parsed = StreamQuery.parse(q, true);
    assertEquals(List.of("sh", "-c", "exit 42"), parsed.command());
    assertEquals("main", parsed.container());
    assertTrue(parsed.stdin() && parsed.stdout() && !parsed.stderr() && parsed.tty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no stream|command=true|you must specify at least 1 of stdin, stdout, stderr",
        "no command|stdout=true|command: you must specify a command to run",
        "bad flag|command=true&stdout=yes|stdout must be true or false, not \"yes\""
      })
  void refusals(String name, String query, String message) {
    MultiMap q = MultiMap.caseInsensitiveMultiMap();
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      q.add(kv[0], kv[1]);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StreamQuery.parse(q, true));
    assertEquals(message, e.getMessage());
  }

  @Test
  void attachNeedsNoCommand() {
    assertTrue(
        StreamQuery.parse(MultiMap.caseInsensitiveMultiMap().add("stdout", "true"), false)
            .command()
            .isEmpty());
  }

  @Test
  void aNonZeroExitIsTheKubeletsStatus() {
    JsonObject status = StreamStatus.exitCode(List.of("sh", "-c", "exit 42"), 42);
    assertEquals("Failure", status.getString("status"));
    assertEquals("NonZeroExitCode", status.getString("reason"));
    JsonObject cause = status.getJsonObject("details").getJsonArray("causes").getJsonObject(0);
    assertEquals("ExitCode", cause.getString("type"));
    assertEquals("42", cause.getString("message"));
    assertEquals("Success", StreamStatus.success().getString("status"));
  }
}
