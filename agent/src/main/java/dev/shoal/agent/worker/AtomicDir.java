package dev.shoal.agent.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a volume's files so that a reader sees the old set or the new one, never a mix, as
 * kubelet's atomic writer does (blocking; call on a worker thread). The files live in a directory
 * named by the time of the write ({@code ..2026_12_03_09_41_00.123}); {@code ..data} is a symlink
 * to the current one and each top-level name in the volume a symlink through it ({@code key ->
 * ..data/key}). A change writes a new directory, then renames a new {@code ..data} link over the
 * old (one atomic step), then removes the old directory and the names no longer wanted. A write of
 * what is already there changes nothing.
 */
final class AtomicDir {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AtomicDir.class);
  static final String DATA = "..data";
  private static final String DATA_TMP = "..data_tmp";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss").withZone(ZoneOffset.UTC);
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private AtomicDir() {}

  /**
   * Makes {@code dir} (mode 0755) hold exactly {@code payload}; true when something changed. Paths
   * that would leave the volume or start with {@code ..} are refused, never written.
   */
  static boolean write(Path dir, Map<String, VolumeFile> wanted) throws IOException {
    Map<String, VolumeFile> payload = new java.util.TreeMap<>();
    wanted.forEach(
        (path, file) -> {
          if (inside(dir, path)) {
            payload.put(path, file);
          } else {
            // Validation refuses such paths; never write outside the volume, and say so if one
            // got through.
            LOG.warn("volume {}: path {} leaves the volume; not written", dir.getFileName(), path);
          }
        });
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, DIR_MODE);
    Path data = dir.resolve(DATA);
    Path current =
        Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)).normalize() : null;
    Set<String> tops = new TreeSet<>();
    payload.keySet().forEach(p -> tops.add(Path.of(p).getName(0).toString()));
    if (current != null && Files.isDirectory(current) && holds(current, payload)) {
      return links(dir, tops);
    }
    Path fresh =
        Files.createTempDirectory(
            dir, ".." + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + ".");
    Files.setPosixFilePermissions(fresh, DIR_MODE);
    for (Map.Entry<String, VolumeFile> file : payload.entrySet()) {
      Path target = fresh.resolve(file.getKey());
      for (Path parent = target.getParent(); !parent.equals(fresh); parent = parent.getParent()) {
        if (!Files.isDirectory(parent)) {
          Files.createDirectories(parent);
        }
        Files.setPosixFilePermissions(parent, DIR_MODE);
      }
      Files.createFile(target, PRIVATE_FILE);
      Files.write(target, file.getValue().content());
      Files.setPosixFilePermissions(target, VolumeDirs.permissions(file.getValue().mode()));
    }
    Path tmp = dir.resolve(DATA_TMP);
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, fresh.getFileName());
    Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE);
    links(dir, tops);
    removeOldVersions(dir, fresh.getFileName().toString());
    return true;
  }

  /** The files a reader sees now (through {@code ..data}), relative path to bytes. */
  static Map<String, byte[]> read(Path dir) throws IOException {
    Map<String, byte[]> found = new HashMap<>();
    Path data = dir.resolve(DATA);
    if (!Files.isDirectory(data)) {
      return found;
    }
    Path real = data.toRealPath();
    try (Stream<Path> all = Files.walk(real)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        found.put(real.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return found;
  }

  private static boolean inside(Path dir, String path) {
    Path target = dir.resolve(path).normalize();
    return !path.isEmpty()
        && !path.startsWith("/")
        && !path.startsWith("..")
        && target.startsWith(dir)
        && !target.equals(dir);
  }

  /** Whether {@code version} holds exactly the payload, byte for byte and mode for mode. */
  private static boolean holds(Path version, Map<String, VolumeFile> payload) throws IOException {
    int count = 0;
    try (Stream<Path> all = Files.walk(version)) {
      for (Path p : all.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
        VolumeFile wanted = payload.get(version.relativize(p).toString());
        if (wanted == null
            || !Files.getPosixFilePermissions(p).equals(VolumeDirs.permissions(wanted.mode()))
            || !java.util.Arrays.equals(Files.readAllBytes(p), wanted.content())) {
          return false;
        }
        count++;
      }
    }
    return count == payload.size();
  }

  /**
   * Points each wanted top-level name through {@code ..data} and removes every other visible name
   * (older links, or plain files left by a writer before this one); true when one was added or
   * removed.
   */
  private static boolean links(Path dir, Set<String> tops) throws IOException {
    boolean changed = false;
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.toList();
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.startsWith("..") || tops.contains(name) && Files.isSymbolicLink(entry)) {
        continue;
      }
      deleteTree(entry);
      changed = true;
    }
    for (String top : tops) {
      Path link = dir.resolve(top);
      if (!Files.isSymbolicLink(link)) {
        Files.createSymbolicLink(link, Path.of(DATA).resolve(top));
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Removes every timestamped directory but {@code keep} (older versions, or ones a crash left).
   */
  private static void removeOldVersions(Path dir, String keep) throws IOException {
    List<Path> old;
    try (Stream<Path> list = Files.list(dir)) {
      old =
          list.filter(p -> p.getFileName().toString().startsWith(".."))
              .filter(p -> !Files.isSymbolicLink(p))
              .filter(p -> !p.getFileName().toString().equals(keep))
              .toList();
    }
    for (Path p : old) {
      deleteTree(p);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.isSymbolicLink(root) || !Files.isDirectory(root)) {
      Files.deleteIfExists(root);
      return;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}
