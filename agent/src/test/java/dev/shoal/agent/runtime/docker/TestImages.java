package dev.shoal.agent.runtime.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs {@code testbed/images/build} (the same builder CI uses) once per JVM. */
public final class TestImages {
  public static final String BUSYBOX = "shoal-test/busybox:1";
  private static boolean built;

  private TestImages() {}

  public static synchronized void ensure() throws IOException, InterruptedException {
    if (built) {
      return;
    }
    Path script = locate();
    Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("testbed/images/build failed:\n" + out);
    }
    built = true;
  }

  private static Path locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testbed/images/build");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "testbed/images/build not found above " + Path.of("").toAbsolutePath());
  }
}
