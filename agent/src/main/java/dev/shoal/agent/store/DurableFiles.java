package dev.shoal.agent.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replacing a file so that a power cut leaves either its old or its new content, never a mix or nothing:
 * write a temp file beside it, fsync it, rename it over the old one, and fsync the directory so the
 * rename itself is on disk (the sequence ext4 and XFS need; a rename alone may reach the disk before the
 * data it points to).
 */
final class DurableFiles {

  /** Suffix of the temp files; one left over is an unfinished write, safe to remove. */
  static final String TEMP_SUFFIX = ".tmp";

  private DurableFiles() {}

  /** Writes {@code content} to {@code file} durably, without syncing the directory (see {@link #syncDirectory}). */
  static void replace(Path file, byte[] content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Makes the renames and deletions in {@code dir} durable. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
