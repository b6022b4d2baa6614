package dev.shoal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each end-to-end class its test bed. A {@link SharedBed} class runs on the bed the whole run
 * shares, in its own namespace (created before the class, deleted after it until nothing of it is
 * left); after such a class every agent must still be ready, or the class fails and the next one
 * gets a new shared bed. Any other class gets a bed of its own ({@code testbed up N}, N from {@link
 * ThreeHostTestbed.Hosts}, 3 without), taken down after it, also when a test or the start failed.
 * Either way the hosts' logs are copied to {@code target/testbed-logs/<class>/} after the class (a
 * shared bed's logs hold every class that ran on it so far).
 */
final class TestbedExtension implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    MachineBed machine = MachineBed.of(context);
    Optional<SharedBed> shared = shared(testClass);
    Bed bed;
    if (shared.isPresent()) {
      int wanted = hostCount(testClass);
      if (wanted != MachineBed.SHARED_HOSTS) {
        throw new IllegalStateException(
            testClass.getSimpleName()
                + " asks for "
                + wanted
                + " host(s); the shared bed has "
                + MachineBed.SHARED_HOSTS);
      }
      bed = machine.shared();
    } else {
      bed = machine.fresh(hostCount(testClass));
    }
    ThreeHostTestbed.use(machine.testbed(), bed);
    if (shared.isPresent()) {
      ClassNamespace.create(bed, shared.get().namespace());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    MachineBed machine = MachineBed.of(context);
    Bed bed = ThreeHostTestbed.bed();
    List<String> problems = new ArrayList<>();
    try {
      if (bed != null && bed.shared()) {
        try {
          ClassNamespace.delete(
              bed, machine.testbed(), shared(testClass).orElseThrow().namespace());
        } catch (RuntimeException | AssertionError e) {
          problems.add("its namespace was not cleaned up: " + e.getMessage());
        }
        List<String> unready = bed.unready();
        if (!unready.isEmpty()) {
          problems.add("it left " + unready + " not ready on the shared bed");
        }
      }
      copyLogs(machine.testbed(), bed, testClass.getSimpleName());
    } finally {
      ThreeHostTestbed.use(machine.testbed(), null);
      if (bed == null || !bed.shared() || !problems.isEmpty()) {
        machine.release();
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          testClass.getSimpleName() + " runs on the shared bed, but " + problems);
    }
  }

  private static Optional<SharedBed> shared(Class<?> testClass) {
    return Optional.ofNullable(testClass.getAnnotation(SharedBed.class));
  }

  private static int hostCount(Class<?> testClass) {
    ThreeHostTestbed.Hosts hosts = testClass.getAnnotation(ThreeHostTestbed.Hosts.class);
    return hosts == null ? MachineBed.SHARED_HOSTS : hosts.value();
  }

  private static void copyLogs(Testbed testbed, Bed bed, String testClass) {
    try {
      Host first =
          bed != null
              ? bed.hosts().get(0)
              : new Host("h1", "", java.net.URI.create("https://192.0.2.11:7070"));
      Path from = testbed.logDir(first);
      Path to = Path.of("target", "testbed-logs", testClass);
      Files.createDirectories(to);
      try (Stream<Path> files = Files.list(from)) {
        for (Path file : files.toList()) {
          Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.out.println("E2E logs of " + testClass + " in " + to.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      System.out.println("E2E could not copy the test bed logs: " + e);
    }
  }
}
