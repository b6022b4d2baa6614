package dev.shoal.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * The secrets an agent keeps in its data dir (admin token, join secret, at-rest key): files
 * readable by their owner only from the first byte, written whole or not at all. Blocking: call
 * from a worker thread.
 */
public final class PrivateFiles {

  private PrivateFiles() {}

  /** Replaces {@code file} with {@code text} (and a newline), mode 0600, atomically. */
  public static void write(Path file, String text) throws IOException {
    Path pending = pending(file, text);
    Files.move(pending, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The file's text (trimmed); when there is no file yet, first writes {@code make}'s text. If
   * another process makes the file at the same moment, its text wins and is returned.
   */
  public static String readOrCreate(Path file, Supplier<String> make) throws IOException {
    if (!Files.exists(file)) {
      Path pending = pending(file, make.get());
      try {
        // A hard link fails if the file exists: no start overwrites a secret another start wrote.
        Files.createLink(file, pending);
      } catch (FileAlreadyExistsException raced) {
        // the other text stays
      } finally {
        Files.deleteIfExists(pending);
      }
    }
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  private static Path pending(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path pending =
        Files.createTempFile(
            dir,
            "." + file.getFileName(),
            ".new",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(pending, text + "\n", StandardCharsets.UTF_8);
    return pending;
  }
}
