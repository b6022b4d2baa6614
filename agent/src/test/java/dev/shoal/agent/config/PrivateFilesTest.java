package dev.shoal.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

  @TempDir Path dir;

  @Test
  void aSecretIsMadeOnceOwnerOnlyAndNeverOverwrittenByALaterStart() throws Exception {
    Path file = dir.resolve("sub/join.secret");
    assertEquals("first", PrivateFiles.readOrCreate(file, () -> "first"));
    assertEquals("first", PrivateFiles.readOrCreate(file, () -> "second"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var left = Files.list(file.getParent())) {
      assertEquals(1, left.count(), "no pending file is left behind");
    }
  }

  @Test
  void writeReplacesWholeAndOwnerOnly() throws Exception {
    Path file = dir.resolve("admin.token");
    PrivateFiles.write(file, "one");
    PrivateFiles.write(file, "two");
    assertEquals("two\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
