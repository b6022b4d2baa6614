package dev.shoal.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import dev.shoal.agent.runtime.ExecSession;
import dev.shoal.agent.runtime.ExecSpec;
import dev.shoal.agent.runtime.LogStream;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.agent.runtime.StdinPipe;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A process in a container with its streams attached, on the engine's exec API ({@code kubectl
 * exec}) or its attach API ({@code kubectl attach}): created, resized and inspected through
 * docker-java on the engine call pool under deadlines; its streams on a {@link HijackedStream}
 * whose output relay holds the reading thread while the client is behind and whose stdin end is the
 * process's end of file. The exit code is the engine's, read once the output has ended.
 */
final class DockerExec implements ExecSession {

  /** How to reach the engine for the streams: its address and the pinned API version. */
  record Engine(
      Vertx vertx,
      EngineCalls pool,
      DockerClient docker,
      String host,
      String apiVersion,
      Duration callTimeout) {}

  private final Engine engine;
  private final String containerId;
  private final String execId;
  private final StdinPipe stdin;
  private HijackedStream stream;

  private DockerExec(Engine engine, String containerId, String execId, StdinPipe stdin) {
    this.engine = engine;
    this.containerId = containerId;
    this.execId = execId;
    this.stdin = stdin;
  }

  /** Creates and starts {@code spec} in the container; completes once the engine streams. */
  static Future<ExecSession> exec(Engine engine, String containerId, ExecSpec spec) {
    Context context = engine.vertx().getOrCreateContext();
    String what = "exec " + spec.command() + " in " + containerId;
    return engine
        .pool()
        .run(
            what,
            () ->
                engine
                    .docker()
                    .execCreateCmd(containerId)
                    .withCmd(spec.command().toArray(String[]::new))
                    .withAttachStdin(spec.stdin())
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withTty(spec.tty())
                    .exec()
                    .getId(),
            engine.callTimeout())
        .compose(
            execId -> {
              DockerExec session =
                  new DockerExec(
                      engine, containerId, execId, spec.stdin() ? new StdinPipe(context) : null);
              String body = new JsonObject().put("Detach", false).put("Tty", spec.tty()).encode();
              return session.begin(
                  context,
                  "/v" + engine.apiVersion() + "/exec/" + execId + "/start",
                  body,
                  spec.tty(),
                  what);
            });
  }

  /** Attaches to the container's main process ({@code kubectl attach}). */
  static Future<ExecSession> attach(Engine engine, String containerId, boolean withStdin) {
    Context context = engine.vertx().getOrCreateContext();
    DockerExec session =
        new DockerExec(engine, containerId, null, withStdin ? new StdinPipe(context) : null);
    return session.begin(
        context,
        "/v"
            + engine.apiVersion()
            + "/containers/"
            + containerId
            + "/attach?stream=1&stdout=1&stderr=1"
            + (withStdin ? "&stdin=1" : ""),
        "",
        false,
        "attach to " + containerId);
  }

  private Future<ExecSession> begin(
      Context context, String path, String body, boolean raw, String what) {
    Duration timeout = engine.callTimeout();
    return engine
        .pool()
        .run(
            what,
            () -> HijackedStream.open(context, engine.host(), path, body, raw, stdin, what),
            timeout)
        .compose(
            opened -> {
              stream = opened;
              long timer =
                  engine
                      .vertx()
                      .setTimer(
                          Math.max(1, timeout.toMillis()),
                          id -> {
                            if (opened.started.tryFail(
                                new RuntimeFailure(
                                    RuntimeFailure.Kind.TEMPORARY,
                                    what
                                        + ": the engine did not answer within "
                                        + timeout.toMillis()
                                        + " ms"))) {
                              opened.close();
                            }
                          });
              return opened
                  .started
                  .future()
                  .onComplete(done -> engine.vertx().cancelTimer(timer))
                  .<ExecSession>map(v -> this);
            });
  }

  @Override
  public LogStream output() {
    return stream.relay;
  }

  @Override
  public boolean writeStdin(Buffer data, Runnable drained) {
    return stdin == null || stdin.offer(data, drained);
  }

  @Override
  public void closeStdin() {
    if (stdin != null) {
      stdin.close();
    }
  }

  @Override
  public Future<Void> resize(int width, int height) {
    if (width <= 0 || height <= 0) {
      return Future.succeededFuture();
    }
    String what = "resize " + (execId == null ? containerId : execId);
    return engine
        .pool()
        .run(
            what,
            () -> {
              if (execId == null) {
                engine.docker().resizeContainerCmd(containerId).withSize(height, width).exec();
              } else {
                engine.docker().resizeExecCmd(execId).withSize(height, width).exec();
              }
              return null;
            },
            engine.callTimeout());
  }

  @Override
  public Future<Integer> exitCode() {
    if (execId == null) {
      return Future.succeededFuture(null);
    }
    return engine.pool().run("inspect exec " + execId, this::awaitExit, engine.callTimeout());
  }

  /**
   * The engine marks the exec finished just after its output ends: look again a few times, briefly.
   */
  private Integer awaitExit() {
    long deadline = System.nanoTime() + Math.min(engine.callTimeout().toNanos(), 5_000_000_000L);
    while (true) {
      InspectExecResponse inspected = engine.docker().inspectExecCmd(execId).exec();
      if (!Boolean.TRUE.equals(inspected.isRunning()) || System.nanoTime() > deadline) {
        Long code = inspected.getExitCodeLong();
        return code == null ? null : code.intValue();
      }
      LockSupport.parkNanos(20_000_000L);
      if (Thread.interrupted()) {
        throw new RuntimeFailure(RuntimeFailure.Kind.TEMPORARY, "inspect exec interrupted");
      }
    }
  }

  @Override
  public void close() {
    if (stdin != null) {
      stdin.abort();
    }
    if (stream != null) {
      stream.relay.close();
    }
  }
}
