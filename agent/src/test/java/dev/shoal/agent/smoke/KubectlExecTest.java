package dev.shoal.agent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.docker.TestImages;
import dev.shoal.agent.smoke.LocalAgent.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl (1.32, WebSocket {@code v5.channel.k8s.io} by default) against one agent: {@code
 * exec} with output, with stdin that ends (the v5 close of stdin), with a non-zero exit code that
 * becomes kubectl's own, with a terminal; {@code cp} both ways (exec of tar); refusals as Status.
 */
@Tag("docker")
class KubectlExecTest {
  static LocalAgent local;
  static String NS;

  @BeforeAll
  static void start() throws Exception {
    TestImages.ensure();
    local = LocalAgent.start("kexec");
    NS = local.namespace;
    Path pod = Files.createTempFile("box", ".yaml");
    Files.writeString(
        pod,
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %s}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: box, namespace: %s}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: %s
            command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
        """
            .formatted(NS, NS, TestImages.BUSYBOX));
    ok(local.kubectl("apply", "-f", pod.toString()));
    ok(local.kubectl("wait", "-n", NS, "--for=condition=Ready", "pod/box", "--timeout=120s"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void execPrintsTheOutputOfTheCommand() throws Exception {
    Run run = local.kubectl("exec", "-n", NS, "box", "--", "sh", "-c", "echo out; echo err >&2");
    assertEquals(0, run.code(), run.toString());
    assertEquals("out\n", run.out());
    assertTrue(run.err().contains("err\n"), run.toString());
  }

  @Test
  void stdinIsPassedAndItsEndEndsTheCommand() throws Exception {
    Run run = withStdin("hello\nworld\n", "exec", "-i", "-n", NS, "box", "--", "cat");
    assertEquals(0, run.code(), run.toString());
    assertEquals("hello\nworld\n", run.out());
  }

  @Test
  void theExitCodeOfTheCommandIsKubectls() throws Exception {
    Run run = local.kubectl("exec", "-n", NS, "box", "--", "sh", "-c", "exit 42");
    assertEquals(42, run.code(), run.toString());
  }

  @Test
  void aTerminalIsGivenWithTty() throws Exception {
    // kubectl asks for a terminal only when its own stdin is one: script(1) gives it a pty.
    String command =
        String.join(" ", local.kubectlCommand("exec", "-it", "-n", NS, "box", "--", "tty"));
    Process p =
        new ProcessBuilder("script", "-qec", command, "/dev/null")
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertTrue(out.contains("/dev/pts/"), "a pty inside the container: " + out);
  }

  @Test
  void cpCopiesIntoThePodAndBack() throws Exception {
    Path dir = Files.createTempDirectory("kcp");
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "payload " + "x".repeat(100_000) + "\n");
    ok(local.kubectl("cp", in.toString(), NS + "/box:/in.txt"));
    assertEquals(
        Files.size(in) + "\n",
        ok(local.kubectl("exec", "-n", NS, "box", "--", "sh", "-c", "wc -c < /in.txt"))
            .replace(" ", ""));
    Path back = dir.resolve("back.txt");
    ok(local.kubectl("cp", NS + "/box:/in.txt", back.toString()));
    assertEquals(Files.readString(in), Files.readString(back));
  }

  @Test
  void refusalsAreStatuses() throws Exception {
    Run missing = local.kubectl("exec", "-n", NS, "nobody", "--", "true");
    assertTrue(missing.code() != 0, missing.toString());
    assertTrue(missing.err().contains("pods \"nobody\" not found"), missing.toString());
    Run container = local.kubectl("exec", "-n", NS, "box", "-c", "nope", "--", "true");
    assertTrue(container.code() != 0, container.toString());
    assertTrue(
        container.err().contains("container nope is not valid for pod box"), container.toString());
  }

  private static Run withStdin(String input, String... args) throws Exception {
    Path file = Files.createTempFile("stdin", ".txt");
    Files.writeString(file, input);
    List<String> command = new ArrayList<>(local.kubectlCommand(args));
    Process p = new ProcessBuilder(command).redirectInput(file.toFile()).start();
    var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl did not end: " + out);
    return new Run(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String ok(Run run) {
    assertEquals(0, run.code(), run.toString());
    return run.out();
  }
}
