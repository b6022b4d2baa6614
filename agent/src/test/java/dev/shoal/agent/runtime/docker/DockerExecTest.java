package dev.shoal.agent.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.agent.runtime.ExecSession;
import dev.shoal.agent.runtime.ExecSpec;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.agent.runtime.SandboxSpec;
import dev.shoal.agent.runtime.ShoalLabels;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exec sessions on the real engine: stdout and stderr apart, stdin whose end is the process's end
 * of file, the exit code, a terminal, a missing container refused as NOT_FOUND.
 */
class DockerExecTest extends RealEngineTest {
  DockerExecTest() {
    super("exec-");
  }

  private String container() {
    String image = await(runtime.ensureSandboxImage());
    String sandbox =
        await(
            runtime.runSandbox(
                new SandboxSpec(
                    "shoal-test-" + uid + "-pod",
                    image,
                    "bridge",
                    "mypod",
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    labels(ShoalLabels.SANDBOX))));
    return await(
        runtime.runContainer(
            new ContainerSpec(
                "shoal-test-" + uid + "-app",
                sandbox,
                TestImages.BUSYBOX,
                List.of("sh", "-c"),
                List.of("exec sleep 1000"),
                Map.of(),
                null,
                null,
                null,
                List.of(),
                labels("app"))));
  }

  /** Output of each stream and the exit code, once the output has ended. */
  record Outcome(String stdout, String stderr, Integer code) {}

  private static Future<Outcome> collect(ExecSession session) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Promise<Outcome> done = Promise.promise();
    session.output().exceptionHandler(done::tryFail);
    session
        .output()
        .endHandler(
            v ->
                session
                    .exitCode()
                    .onComplete(
                        code ->
                            done.tryComplete(
                                new Outcome(out.toString(), err.toString(), code.result()))));
    session
        .output()
        .handler(
            chunk ->
                (chunk.getByte(0) == ExecSession.STDERR ? err : out)
                    .append(chunk.getString(1, chunk.length(), "UTF-8")));
    return done.future();
  }

  @Test
  void stdoutAndStderrApartAndTheExitCode() {
    String id = container();
    Outcome o =
        await(
            runtime
                .openExec(
                    id,
                    new ExecSpec(
                        List.of("sh", "-c", "echo out; echo err >&2; exit 42"), false, false))
                .compose(DockerExecTest::collect));
    assertEquals("out\n", o.stdout());
    assertEquals("err\n", o.stderr());
    assertEquals(42, o.code());
  }

  @Test
  void theEndOfStdinIsTheEndOfFileOfTheProcess() {
    String id = container();
    Outcome o =
        await(
            runtime
                .openExec(id, new ExecSpec(List.of("cat"), true, false))
                .compose(
                    session -> {
                      Future<Outcome> outcome = collect(session);
                      session.writeStdin(Buffer.buffer("one\ntwo\n"), () -> {});
                      session.closeStdin();
                      return outcome;
                    }));
    assertEquals("one\ntwo\n", o.stdout());
    assertEquals(0, o.code());
  }

  @Test
  void aTerminalWhenAsked() {
    String id = container();
    Outcome o =
        await(
            runtime
                .openExec(id, new ExecSpec(List.of("tty"), false, true))
                .compose(DockerExecTest::collect));
    assertTrue(o.stdout().startsWith("/dev/pts/"), o.stdout());
  }

  @Test
  void aMissingContainerIsNotFound() {
    RuntimeException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class,
            () ->
                await(
                    runtime.openExec(
                        "no-such-container-" + uid, new ExecSpec(List.of("true"), false, false))));
    assertTrue(RuntimeFailure.is(failure, RuntimeFailure.Kind.NOT_FOUND), failure.toString());
  }
}
