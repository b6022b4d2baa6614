package dev.shoal.agent.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replacing files so that a power cut leaves each with either its old or its new content, never a
 * mix or nothing: write a temp file beside it, fsync it, rename it over the old one, and fsync the
 * directory so the rename itself is on disk (the sequence ext4 and XFS need; a rename alone may
 * reach the disk before the data it points to). A batch writes every temp file first and syncs them
 * after, so one journal commit carries them all, then renames them and syncs the directory once.
 */
final class DurableFiles {

  /** Suffix of the temp files; one left over is an unfinished write, safe to remove. */
  static final String TEMP_SUFFIX = ".tmp";

  private DurableFiles() {}

  /** The outcome of one file of a batch: null when written, else why not. */
  record Failure(Path file, IOException cause) {}

  /**
   * Writes each file's content durably, all in {@code dir}; returns the files that could not be
   * written (their old content, if any, is left as it was).
   */
  static List<Failure> replaceAll(Path dir, Map<Path, byte[]> contents) {
    List<Failure> failures = new ArrayList<>();
    List<Path> written = new ArrayList<>();
    List<FileChannel> open = new ArrayList<>();
    try {
      for (Map.Entry<Path, byte[]> entry : contents.entrySet()) {
        Path temp = temp(entry.getKey());
        try {
          FileChannel channel =
              FileChannel.open(
                  temp,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING);
          open.add(channel);
          ByteBuffer buffer = ByteBuffer.wrap(entry.getValue());
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          written.add(entry.getKey());
        } catch (IOException e) {
          failures.add(new Failure(entry.getKey(), e));
        }
      }
      for (int i = 0; i < open.size(); i++) {
        try {
          open.get(i).force(true);
        } catch (IOException e) {
          failures.add(new Failure(written.get(i), e));
          written.set(i, null);
        }
      }
    } finally {
      for (FileChannel channel : open) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // the data is synced or the file is reported as failed already
        }
      }
    }
    for (Path file : written) {
      if (file != null) {
        try {
          Files.move(
              temp(file),
              file,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          failures.add(new Failure(file, e));
        }
      }
    }
    try {
      syncDirectory(dir);
    } catch (IOException e) {
      failures.add(new Failure(dir, e));
    }
    return failures;
  }

  /** Makes the renames and deletions in {@code dir} durable. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static Path temp(Path file) {
    return file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
  }
}
