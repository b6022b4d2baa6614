package dev.shoal.agent.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The cgroup fixtures under {@code src/test/resources/dev/shoal/agent/metrics/cgroups}: per case a
 * host's {@code mountinfo}, a container process's {@code /proc/PID/cgroup} ({@code pid-cgroup}),
 * and the container's files under {@code sys/fs/cgroup} as the kernel shows them; {@code proc/}
 * holds a host's {@code stat} and {@code meminfo}. The v1 cgroupfs case and {@code proc/} were read
 * on the development machine (Docker 20.10, cgroup v1); the others follow the systemd and v2
 * layouts of Debian and Ubuntu hosts.
 */
final class Fixtures {

  static final String CONTAINER_ID =
      "2da2d807d35e591a2308ed53bd5eaef9ed05a51d82c5a0fdbd7a244423955395";

  private Fixtures() {}

  static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("cgroups").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A case's mountinfo with its cgroup mounts moved under the case's own folder. */
  static String mountinfo(String name) {
    Path dir = root().resolve(name);
    try {
      return Files.readString(dir.resolve("mountinfo"))
          .replace(" /sys/fs/cgroup", " " + dir.resolve("sys/fs/cgroup"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pidCgroup(String name) {
    try {
      return Files.readString(root().resolve(name).resolve("pid-cgroup"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of a case's (or {@code proc}'s) files in {@code into}, to change them in a test. */
  static Path copy(String name, Path into) throws IOException {
    Path from = root().resolve(name);
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = into.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return into;
  }
}
