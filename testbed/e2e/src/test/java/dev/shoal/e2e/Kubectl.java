package dev.shoal.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl (Debian's {@code kubernetes-client}) against one host of the test bed: a
 * kubeconfig of its own that trusts the bed's CA and carries the admin token, and a fresh cache
 * dir, so discovery and OpenAPI are fetched from that host as a new user's would be.
 */
final class Kubectl {

  /** One finished kubectl: exit code and both streams. */
  record Run(int code, String out, String err) {
    /** The standard output; fails with the whole run when kubectl did not exit 0. */
    String ok() {
      if (code != 0) {
        throw new AssertionError("kubectl failed: " + this);
      }
      return out;
    }

    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private final Path dir;
  private final Path kubeconfig;

  private Kubectl(Path dir, Path kubeconfig) {
    this.dir = dir;
    this.kubeconfig = kubeconfig;
  }

  /** A kubectl for {@code host} with the bed's CA and admin token. */
  static Kubectl against(Host host, Testbed testbed) {
    try {
      Path dir = Files.createTempDirectory("shoal-kubectl-");
      String ca = testbed.run(Duration.ofSeconds(10), "ca").trim();
      String token = Credentials.ofTestbed().token();
      Path config = dir.resolve("kubeconfig");
      Files.writeString(
          config,
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: shoal
            cluster: {server: '%s', certificate-authority: '%s'}
          users:
          - name: admin
            user: {token: '%s'}
          contexts:
          - name: shoal
            context: {cluster: shoal, user: admin}
          current-context: shoal
          """
              .formatted(host.api(), ca, token));
      Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
      return new Kubectl(dir, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory for files a test hands to kubectl (manifests, copies). */
  Path dir() {
    return dir;
  }

  /**
   * Runs kubectl to its end (at most two minutes) with {@code stdin} as its input (may be null).
   */
  Run withInput(String stdin, String... args) {
    try {
      Process process = new ProcessBuilder(command(args)).start();
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      String out = read(process.getInputStream());
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Run(process.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("kubectl " + String.join(" ", args) + ": " + e, e);
    }
  }

  Run run(String... args) {
    return withInput(null, args);
  }

  /** The command line {@link #run} starts, for a test that reads a long-running kubectl itself. */
  List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + dir.resolve("cache"));
    command.addAll(Arrays.asList(args));
    return command;
  }

  /** Writes {@code text} as a file kubectl can read. */
  Path file(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
