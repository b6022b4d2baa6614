package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.docker.TestImages;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EmptyDirVolumeSource;
import dev.shoal.manifests.model.ExecAction;
import dev.shoal.manifests.model.HostPathVolumeSource;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.Probe;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.model.VolumeMount;
import java.util.List;
import java.util.UUID;

/** Short ways to write the pods the worker tests run. */
final class TestPods {
  private TestPods() {}

  static Pod pod(
      String name,
      String node,
      String restartPolicy,
      long graceSeconds,
      List<Container> containers) {
    ObjectMeta meta = ObjectMeta.named("default", name).withUid(UUID.randomUUID().toString());
    PodSpec spec =
        new PodSpec(
            null,
            containers,
            restartPolicy,
            graceSeconds,
            null,
            null,
            node,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return new Pod(meta, spec, null);
  }

  static Container sh(String name, String script) {
    return Container.of(name, TestImages.BUSYBOX).withCommand(List.of("sh", "-c", script));
  }

  static Container mount(Container c, String volume, String path) {
    List<VolumeMount> mounts =
        new java.util.ArrayList<>(c.volumeMounts() == null ? List.of() : c.volumeMounts());
    mounts.add(new VolumeMount(volume, path, null));
    return c.withVolumeMounts(mounts);
  }

  static Volume emptyDir(String name) {
    return new Volume(name, new EmptyDirVolumeSource(null, null), null);
  }

  static Volume hostPath(String name, String path) {
    return new Volume(name, null, new HostPathVolumeSource(path, null));
  }

  static Probe exec(int periodSeconds, int failureThreshold, String... command) {
    return new Probe(
        new ExecAction(List.of(command)), null, null, 0, periodSeconds, 5, failureThreshold, 1);
  }
}
