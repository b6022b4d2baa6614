package dev.shoal.agent.worker;

import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretVolumeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes one secret volume's files (blocking; call on a worker thread). Every directory from the
 * secrets root down to the pod's is mode 0700, so only root on the node reads them; the volume
 * directory itself is 0755 (it is the mount point a container's user must enter) and each file gets
 * its item's {@code mode}, else {@code defaultMode}, else 0644 as in Kubernetes. Each file is
 * replaced whole (written aside, then renamed), and files of keys no longer wanted are removed, so
 * a running container never reads half a value.
 */
final class SecretFiles {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SecretFiles.class);
  static final int DEFAULT_MODE = 0644;
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private SecretFiles() {}

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
   * Writes the secret's files into {@code dir} (made 0755); a null secret (optional, absent) leaves
   * it empty.
   */
  static void write(Path dir, SecretVolumeSource source, Secret secret) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, byte[]> files = files(source, secret);
    int defaultMode = source.defaultMode() == null ? DEFAULT_MODE : source.defaultMode();
    Map<String, Integer> modes = new LinkedHashMap<>();
    for (KeyToPath item : source.itemsOrEmpty()) {
      if (item.mode() != null) {
        modes.put(item.path(), item.mode());
      }
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey()).normalize();
      if (!target.startsWith(dir)) {
        // Validation refuses such paths; never write outside the volume, and say so if one got
        // through.
        LOG.warn(
            "secret {} volume {}: path {} leaves the volume; not written",
            secret == null ? "?" : secret.metadata().name(),
            dir.getFileName(),
            file.getKey());
        continue;
      }
      Files.createDirectories(target.getParent());
      Path temp = target.resolveSibling("..tmp-" + target.getFileName());
      Files.deleteIfExists(temp);
      Files.createFile(temp, PRIVATE_FILE);
      Files.write(temp, file.getValue());
      Files.setPosixFilePermissions(
          temp, permissions(modes.getOrDefault(file.getKey(), defaultMode)));
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    removeAllBut(dir, files.keySet().stream().map(p -> dir.resolve(p).normalize()).toList());
  }

  /** Path (relative to the volume) to content: every key, or only the listed items. */
  static Map<String, byte[]> files(SecretVolumeSource source, Secret secret) {
    Map<String, byte[]> files = new TreeMap<>();
    if (secret == null) {
      return files;
    }
    if (source.itemsOrEmpty().isEmpty()) {
      for (String key : secret.dataOrEmpty().keySet()) {
        byte[] value = secret.value(key);
        if (value != null) {
          files.put(key, value);
        }
      }
    } else {
      for (KeyToPath item : source.itemsOrEmpty()) {
        byte[] value = secret.value(item.key());
        if (value != null) {
          files.put(item.path(), value);
        }
      }
    }
    return files;
  }

  private static void removeAllBut(Path dir, List<Path> keep) throws IOException {
    List<Path> stale;
    try (Stream<Path> all = Files.walk(dir)) {
      stale =
          all.filter(p -> !p.equals(dir))
              .filter(p -> !keep.contains(p) && keep.stream().noneMatch(k -> k.startsWith(p)))
              .sorted(Comparator.reverseOrder())
              .toList();
    }
    for (Path p : stale) {
      Files.deleteIfExists(p);
    }
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
