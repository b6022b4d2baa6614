package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One container of a pod: image, command, environment, ports, resources, mounts, probes and
 * privileges.
 */
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
    Probe livenessProbe,
    List<EnvFromSource> envFrom,
    SecurityContext securityContext) {

  /** A container without envFrom and securityContext. */
  public Container(
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
    this(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        ports,
        resources,
        imagePullPolicy,
        volumeMounts,
        readinessProbe,
        livenessProbe,
        null,
        null);
  }

  /** A container with only a name and an image. */
  public static Container of(String name, String image) {
    return new Container(name, image, null, null, null, null, null, null, null, null, null, null);
  }

  public Container withImage(String value) {
    return new Container(
        name,
        value,
        command,
        args,
        workingDir,
        env,
        ports,
        resources,
        imagePullPolicy,
        volumeMounts,
        readinessProbe,
        livenessProbe,
        envFrom,
        securityContext);
  }

  public Container withCommand(List<String> value) {
    return new Container(
        name,
        image,
        value,
        args,
        workingDir,
        env,
        ports,
        resources,
        imagePullPolicy,
        volumeMounts,
        readinessProbe,
        livenessProbe,
        envFrom,
        securityContext);
  }

  public Container withPorts(List<ContainerPort> value) {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        value,
        resources,
        imagePullPolicy,
        volumeMounts,
        readinessProbe,
        livenessProbe,
        envFrom,
        securityContext);
  }

  public Container withVolumeMounts(List<VolumeMount> value) {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        ports,
        resources,
        imagePullPolicy,
        value,
        readinessProbe,
        livenessProbe,
        envFrom,
        securityContext);
  }

  public Container withImagePullPolicy(String value) {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        ports,
        resources,
        value,
        volumeMounts,
        readinessProbe,
        livenessProbe,
        envFrom,
        securityContext);
  }

  public Container withReadinessProbe(Probe value) {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        ports,
        resources,
        imagePullPolicy,
        volumeMounts,
        value,
        livenessProbe,
        envFrom,
        securityContext);
  }

  public Container withLivenessProbe(Probe value) {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        ports,
        resources,
        imagePullPolicy,
        volumeMounts,
        readinessProbe,
        value,
        envFrom,
        securityContext);
  }

  public Container withResources(ResourceRequirements value) {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        ports,
        value,
        imagePullPolicy,
        volumeMounts,
        readinessProbe,
        livenessProbe,
        envFrom,
        securityContext);
  }

  public Container withEnv(List<EnvVar> value) {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        value,
        ports,
        resources,
        imagePullPolicy,
        volumeMounts,
        readinessProbe,
        livenessProbe,
        envFrom,
        securityContext);
  }

  public Container withEnvFrom(List<EnvFromSource> value) {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        ports,
        resources,
        imagePullPolicy,
        volumeMounts,
        readinessProbe,
        livenessProbe,
        value,
        securityContext);
  }

  public Container withSecurityContext(SecurityContext value) {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        env,
        ports,
        resources,
        imagePullPolicy,
        volumeMounts,
        readinessProbe,
        livenessProbe,
        envFrom,
        value);
  }

  public List<EnvVar> envOrEmpty() {
    return env == null ? List.of() : env;
  }

  public List<EnvFromSource> envFromOrEmpty() {
    return envFrom == null ? List.of() : envFrom;
  }

  public List<ContainerPort> portsOrEmpty() {
    return ports == null ? List.of() : ports;
  }
}
