package dev.shoal.agent.runtime.docker;

import java.time.Duration;

/**
 * How to reach the Docker engine and what to run pods with.
 *
 * @param dockerHost engine address, e.g. {@code unix:///var/run/docker.sock} or {@code
 *     tcp://127.0.0.1:2375}
 * @param sandboxImage a pause image to use instead of building {@link #DEFAULT_SANDBOX_IMAGE}, or
 *     null
 * @param callTimeout the longest an ordinary engine call may take (stops add their grace period)
 * @param workerThreads threads that may block on engine calls at once
 */
public record DockerConfig(
    String dockerHost, String sandboxImage, Duration callTimeout, int workerThreads) {
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /** Built locally from {@link PauseBinary} when absent; bump the tag when those bytes change. */
  public static final String DEFAULT_SANDBOX_IMAGE = "shoal/pause:1";

  public DockerConfig {
    if (dockerHost == null || dockerHost.isBlank()) {
      dockerHost = DEFAULT_HOST;
    }
    if (sandboxImage != null && sandboxImage.isBlank()) {
      sandboxImage = null; // "not configured": build the default pause image when it is missing
    }
    if (callTimeout == null) {
      callTimeout = Duration.ofSeconds(30);
    }
    if (workerThreads <= 0) {
      workerThreads = 8;
    }
  }

  /** The engine named by {@code DOCKER_HOST}, else the default socket, with default limits. */
  public static DockerConfig fromEnvironment() {
    return new DockerConfig(System.getenv("DOCKER_HOST"), null, null, 0);
  }

  public DockerConfig withSandboxImage(String image) {
    return new DockerConfig(dockerHost, image, callTimeout, workerThreads);
  }

  public String effectiveSandboxImage() {
    return sandboxImage == null || sandboxImage.isBlank() ? DEFAULT_SANDBOX_IMAGE : sandboxImage;
  }
}
