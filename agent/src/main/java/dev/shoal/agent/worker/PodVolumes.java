package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.BindMount;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.model.VolumeMount;
import io.vertx.core.Future;
import io.vertx.core.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pod volumes on the node: an emptyDir is a directory under {@code <dataDir>/pods/<uid>/volumes/}
 * shared by the pod's containers and removed with the pod; a hostPath is bound as it is; a volume
 * whose files the node writes (secret, configMap, projected, downwardAPI) is a directory under
 * {@code <secretsDir>/<uid>/} (on tmpfs where there is one, see {@link VolumeDirs} and {@link
 * AtomicDir}), bound read-only, removed with the pod; a persistentVolumeClaim is the directory of
 * the volume bound to the claim (resolved before the pod's first start, see {@link ClaimMount}),
 * kept when the pod goes.
 */
final class PodVolumes {
  private final Path dataDir;
  private final Path secretsDir;
  private final FileSystem fs;

  /** Per pod uid, the host directory of each claim volume. */
  private final Map<String, Map<String, String>> claimDirs = new ConcurrentHashMap<>();

  PodVolumes(Path dataDir, Path secretsDir, FileSystem fs) {
    this.dataDir = dataDir;
    this.secretsDir = secretsDir;
    this.fs = fs;
  }

  PodVolumes(Path dataDir, FileSystem fs) {
    this(dataDir, dataDir.resolve("secrets"), fs);
  }

  Path secretsDir() {
    return secretsDir;
  }

  /** Where the files of a volume the node writes (a secret, config map, ...) are written. */
  Path fileVolumeDir(String uid, String volume) {
    return secretsDir.resolve(uid).resolve(volume);
  }

  Path podDir(String uid) {
    return dataDir.resolve("pods").resolve(uid);
  }

  Path podsDir() {
    return dataDir.resolve("pods");
  }

  Path emptyDir(String uid, String volume) {
    return podDir(uid).resolve("volumes").resolve(volume);
  }

  /**
   * The binds for a container's volume mounts; mounts naming no declared volume are skipped
   * (validation refuses them).
   */
  List<BindMount> binds(Pod pod, Container container) {
    List<BindMount> binds = new ArrayList<>();
    if (container.volumeMounts() == null) {
      return binds;
    }
    for (VolumeMount m : container.volumeMounts()) {
      Volume v =
          pod.spec().volumesOrEmpty().stream()
              .filter(x -> x.name().equals(m.name()))
              .findFirst()
              .orElse(null);
      if (v == null) {
        continue;
      }
      if (v.isWrittenByNode()) {
        binds.add(
            new BindMount(
                fileVolumeDir(pod.metadata().uid(), v.name()).toString(), m.mountPath(), true));
        continue;
      }
      if (v.persistentVolumeClaim() != null) {
        String dir = claimDirs.getOrDefault(pod.metadata().uid(), Map.of()).get(v.name());
        if (dir != null) {
          boolean readOnly =
              Boolean.TRUE.equals(m.readOnly())
                  || Boolean.TRUE.equals(v.persistentVolumeClaim().readOnly());
          binds.add(new BindMount(dir, m.mountPath(), readOnly));
        }
        continue;
      }
      String host =
          v.hostPath() != null
              ? v.hostPath().path()
              : emptyDir(pod.metadata().uid(), v.name()).toString();
      binds.add(new BindMount(host, m.mountPath(), Boolean.TRUE.equals(m.readOnly())));
    }
    return binds;
  }

  /** Creates the pod's emptyDirs (mode 0777, like Kubernetes). */
  Future<Void> create(Pod pod) {
    return create(pod, Map.of());
  }

  /**
   * Creates the pod's emptyDirs (mode 0777, like Kubernetes) and records the host directory of each
   * claim volume ({@code claims}: volume name to directory), making it if it is missing.
   */
  Future<Void> create(Pod pod, Map<String, String> claims) {
    List<Future<Void>> made = new ArrayList<>();
    if (!claims.isEmpty()) {
      claimDirs.put(pod.metadata().uid(), Map.copyOf(claims));
      for (String dir : claims.values()) {
        made.add(fs.mkdirs(dir));
      }
    }
    for (Volume v : pod.spec().volumesOrEmpty()) {
      if (v.hostPath() == null && !v.isWrittenByNode() && v.persistentVolumeClaim() == null) {
        String dir = emptyDir(pod.metadata().uid(), v.name()).toString();
        made.add(fs.mkdirs(dir).compose(x -> fs.chmod(dir, "rwxrwxrwx")));
      }
    }
    return Future.all(made).mapEmpty();
  }

  /** Removes everything the node kept for the pod, its secret files included. */
  Future<Void> remove(String uid) {
    claimDirs.remove(uid);
    return removeDir(podDir(uid).toString())
        .compose(v -> removeDir(secretsDir.resolve(uid).toString()));
  }

  private Future<Void> removeDir(String dir) {
    return fs.exists(dir)
        .compose(present -> present ? fs.deleteRecursive(dir) : Future.succeededFuture());
  }

  /** UIDs that have a directory on this node (volumes or secrets). */
  Future<List<String>> uidsOnDisk() {
    return Future.all(uidsIn(podsDir()), uidsIn(secretsDir))
        .map(
            both -> {
              java.util.Set<String> uids =
                  new java.util.LinkedHashSet<>(both.<List<String>>resultAt(0));
              uids.addAll(both.<List<String>>resultAt(1));
              return List.copyOf(uids);
            });
  }

  private Future<List<String>> uidsIn(Path parent) {
    String dir = parent.toString();
    return fs.exists(dir)
        .compose(
            present ->
                present
                    ? fs.readDir(dir)
                        .map(l -> l.stream().map(p -> Path.of(p).getFileName().toString()).toList())
                    : Future.succeededFuture(List.of()));
  }
}
