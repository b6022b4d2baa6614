package dev.shoal.agent.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where this host keeps the cgroup files of containers, and which form they take: cgroup v1 (one
 * hierarchy per controller; CPU time in {@code cpuacct}, memory in {@code memory}) or v2 (one
 * unified hierarchy), with Docker's {@code cgroupfs} or {@code systemd} driver. Built from Docker's
 * {@code CgroupDriver} and {@code CgroupVersion} and from {@code /proc/self/mountinfo}, which says
 * where each hierarchy is mounted and from which root (a cgroup namespace mounts it from below the
 * real root).
 *
 * @param version 1 or 2
 * @param driver "cgroupfs" or "systemd"
 * @param cpu the v1 {@code cpuacct} hierarchy, or the unified one on v2
 * @param memory the v1 {@code memory} hierarchy, or the unified one on v2
 */
public record CgroupLayout(int version, String driver, Mount cpu, Mount memory) {

  public static final String CGROUPFS = "cgroupfs";
  public static final String SYSTEMD = "systemd";

  /**
   * One mounted hierarchy: {@code root} is the cgroup path mounted at {@code mountPoint} ("/" but
   * inside a cgroup namespace).
   */
  public record Mount(String root, Path mountPoint) {

    /** The directory of cgroup {@code path} (as {@code /proc/PID/cgroup} gives it). */
    public Path directory(String path) {
      String relative = path;
      if (!root.equals("/") && (path.equals(root) || path.startsWith(root + "/"))) {
        relative = path.substring(root.length());
      }
      relative = relative.replaceFirst("^/+", "");
      return relative.isEmpty() ? mountPoint : mountPoint.resolve(relative);
    }
  }

  /**
   * The layout from Docker's answers ({@code version} may be empty on old engines: it is then
   * inferred from the mounts) and the text of {@code /proc/self/mountinfo}; fails with a message
   * that says what is missing.
   */
  public static CgroupLayout detect(String driver, String version, String mountinfo) {
    String d = driver == null || driver.isBlank() ? CGROUPFS : driver.toLowerCase(Locale.ROOT);
    if (!d.equals(CGROUPFS) && !d.equals(SYSTEMD)) {
      throw new IllegalArgumentException("unknown cgroup driver \"" + driver + "\"");
    }
    List<MountLine> mounts = parse(mountinfo);
    Mount cpuacct = v1(mounts, "cpuacct");
    Mount memory = v1(mounts, "memory");
    Mount unified =
        mounts.stream()
            .filter(m -> m.type().equals("cgroup2"))
            .map(m -> new Mount(m.root(), m.point()))
            .findFirst()
            .orElse(null);
    int v;
    if (version == null || version.isBlank()) {
      v = cpuacct != null && memory != null ? 1 : 2;
    } else {
      v = Integer.parseInt(version.trim());
    }
    if (v == 1) {
      if (cpuacct == null || memory == null) {
        throw new IllegalStateException(
            "cgroup v1: no "
                + (cpuacct == null ? "cpuacct" : "memory")
                + " hierarchy in /proc/self/mountinfo");
      }
      return new CgroupLayout(1, d, cpuacct, memory);
    }
    if (v != 2) {
      throw new IllegalArgumentException("unknown cgroup version \"" + version + "\"");
    }
    if (unified == null) {
      throw new IllegalStateException("cgroup v2: no cgroup2 mount in /proc/self/mountinfo");
    }
    return new CgroupLayout(2, d, unified, unified);
  }

  /**
   * A container's cgroup directories from its main process's {@code /proc/PID/cgroup}, or null when
   * the text names none of this layout's hierarchies.
   */
  public ContainerCgroup fromProcCgroup(String text) {
    String cpuPath = null;
    String memoryPath = null;
    for (String line : text.split("\n")) {
      String[] parts = line.split(":", 3);
      if (parts.length != 3) {
        continue;
      }
      if (version == 2) {
        if (parts[0].equals("0") && parts[1].isEmpty()) {
          cpuPath = parts[2];
          memoryPath = parts[2];
        }
        continue;
      }
      List<String> controllers = Arrays.asList(parts[1].split(","));
      if (controllers.contains("cpuacct")) {
        cpuPath = parts[2];
      }
      if (controllers.contains("memory")) {
        memoryPath = parts[2];
      }
    }
    if (cpuPath == null || memoryPath == null) {
      return null;
    }
    return new ContainerCgroup(version, cpu.directory(cpuPath), memory.directory(memoryPath));
  }

  /**
   * Where Docker puts container {@code id} by default (no {@code --cgroup-parent}): {@code
   * /docker/ID} with cgroupfs, {@code /system.slice/docker-ID.scope} with systemd.
   */
  public ContainerCgroup conventional(String id) {
    String path =
        driver.equals(SYSTEMD) ? "/system.slice/docker-" + id + ".scope" : "/docker/" + id;
    return new ContainerCgroup(version, cpu.directory(path), memory.directory(path));
  }

  private record MountLine(String root, Path point, String type, List<String> options) {}

  private static Mount v1(List<MountLine> mounts, String controller) {
    return mounts.stream()
        .filter(m -> m.type().equals("cgroup") && m.options().contains(controller))
        .map(m -> new Mount(m.root(), m.point()))
        .findFirst()
        .orElse(null);
  }

  /**
   * mountinfo lines: {@code ID PARENT MAJ:MIN ROOT POINT OPTIONS [TAGS...] - TYPE SOURCE SUPER}.
   */
  private static List<MountLine> parse(String mountinfo) {
    List<MountLine> lines = new ArrayList<>();
    for (String line : mountinfo.split("\n")) {
      String[] fields = line.trim().split(" ");
      int dash = Arrays.asList(fields).indexOf("-");
      if (fields.length < 6 || dash < 0 || fields.length < dash + 4) {
        continue;
      }
      lines.add(
          new MountLine(
              unescape(fields[3]),
              Path.of(unescape(fields[4])),
              fields[dash + 1],
              Arrays.asList(fields[dash + 3].split(","))));
    }
    return lines;
  }

  /** mountinfo writes space, tab, newline and backslash as octal escapes. */
  private static String unescape(String field) {
    return field
        .replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\");
  }
}
