package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One container of a pod: image, command, ports, resources, mounts and probes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Container(
    String name,
    String image,
    List<String> command,
    List<String> args,
    String workingDir,
    List<EnvVar> env,
    List<ContainerPort> ports,
    ResourceRequirements resources,
    String imagePullPolicy,
    List<VolumeMount> volumeMounts,
    Probe readinessProbe,
    Probe livenessProbe) {

  /** A container with only a name and an image. */
  public static Container of(String name, String image) {
    return new Container(name, image, null, null, null, null, null, null, null, null, null, null);
  }

  public Container withImage(String value) {
    return new Container(name, value, command, args, workingDir, env, ports, resources, imagePullPolicy,
        volumeMounts, readinessProbe, livenessProbe);
  }

  public Container withCommand(List<String> value) {
    return new Container(name, image, value, args, workingDir, env, ports, resources, imagePullPolicy,
        volumeMounts, readinessProbe, livenessProbe);
  }

  public Container withPorts(List<ContainerPort> value) {
    return new Container(name, image, command, args, workingDir, env, value, resources, imagePullPolicy,
        volumeMounts, readinessProbe, livenessProbe);
  }

  public Container withVolumeMounts(List<VolumeMount> value) {
    return new Container(name, image, command, args, workingDir, env, ports, resources, imagePullPolicy,
        value, readinessProbe, livenessProbe);
  }

  public Container withImagePullPolicy(String value) {
    return new Container(name, image, command, args, workingDir, env, ports, resources, value,
        volumeMounts, readinessProbe, livenessProbe);
  }

  public Container withReadinessProbe(Probe value) {
    return new Container(name, image, command, args, workingDir, env, ports, resources, imagePullPolicy,
        volumeMounts, value, livenessProbe);
  }

  public Container withLivenessProbe(Probe value) {
    return new Container(name, image, command, args, workingDir, env, ports, resources, imagePullPolicy,
        volumeMounts, readinessProbe, value);
  }

  public List<ContainerPort> portsOrEmpty() {
    return ports == null ? List.of() : ports;
  }
}
