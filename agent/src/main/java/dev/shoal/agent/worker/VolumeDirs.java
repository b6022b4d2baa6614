package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretVolumeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where the files of volumes the node writes live, and their modes (blocking; call on a worker
 * thread). Every directory from the root down to the pod's is mode 0700, so only root on the node
 * reads them (they may hold secrets); a volume directory itself is 0755 (it is the mount point a
 * container's user must enter) and its files are written by {@link AtomicDir}.
 */
final class VolumeDirs {
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private VolumeDirs() {}

  /** Makes {@code dir} and its parents up to {@code root} private (0700). */
  static void privateDirs(Path root, Path dir) throws IOException {
    Path rel = root.relativize(dir);
    Path at = root;
    mkdir(at);
    for (Path part : rel) {
      at = at.resolve(part);
      mkdir(at);
    }
  }

  private static void mkdir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, PRIVATE_DIR);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // made meanwhile
      }
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  /**
   * Writes the secret's files into {@code dir}; a null secret (optional, absent) leaves it empty.
   */
  static void write(Path dir, SecretVolumeSource source, Secret secret) throws IOException {
    AtomicDir.write(dir, VolumePayload.secret(source, secret));
  }

  static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) {
      text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }
}
