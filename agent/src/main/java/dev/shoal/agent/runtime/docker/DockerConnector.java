package dev.shoal.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.shoal.agent.runtime.RuntimeFailure;
import java.time.Duration;

/**
 * Opens the docker-java clients: asks the engine its API version (unversioned {@code /version}),
 * then pins the lower of that and {@link #MAX_API}, because docker-java 3.7 does not negotiate by
 * itself. Blocking: call it on a worker thread.
 *
 * <p>Two clients on the same engine. {@code calls} has a response timeout on the transport (the
 * longest silence it waits for, {@link DockerConfig#callTimeout()}), for calls that answer at once.
 * {@code streams} has none, for calls that may legitimately stay silent for long: the event stream,
 * followed logs, exec output, image builds and stops that wait out a grace period; those are
 * bounded per call instead (by {@link EngineCalls}' deadline, or by closing their stream).
 */
final class DockerConnector {
  static final String MAX_API = "1.41";
  static final String MIN_API = "1.40";

  private DockerConnector() {}

  record Connected(
      DockerClient calls, DockerClient streams, String apiVersion, String engineVersion) {}

  static Connected connect(DockerConfig config) {
    Version version;
    try (DockerClient probe =
        client(config.dockerHost(), RemoteApiVersion.UNKNOWN_VERSION, config.callTimeout())) {
      version = probe.versionCmd().exec();
    } catch (Exception e) {
      throw new RuntimeFailure(
          RuntimeFailure.Kind.FATAL,
          "No Docker engine answered at "
              + config.dockerHost()
              + " ("
              + DockerErrors.message(rootCause(e))
              + "). "
              + "Start one (for example `dockerd &` as root, or `systemctl start docker`), "
              + "or point Shoal at a running engine with --docker-host (or DOCKER_HOST), "
              + "e.g. --docker-host unix:///var/run/docker.sock or tcp://127.0.0.1:2375.",
          null,
          e);
    }
    String server = version.getApiVersion();
    if (server == null || compare(server, MIN_API) < 0) {
      throw new RuntimeFailure(
          RuntimeFailure.Kind.FATAL,
          "The Docker engine at "
              + config.dockerHost()
              + " speaks API "
              + server
              + " (engine "
              + version.getVersion()
              + "); Shoal needs API "
              + MIN_API
              + " or later (Docker 19.03+).");
    }
    String pinned = compare(server, MAX_API) < 0 ? server : MAX_API;
    RemoteApiVersion api = RemoteApiVersion.parseConfig(pinned);
    return new Connected(
        client(config.dockerHost(), api, config.callTimeout()),
        client(config.dockerHost(), api, null),
        pinned,
        version.getVersion());
  }

  /** {@code responseTimeout} null: wait for the engine as long as it takes. */
  private static DockerClient client(String host, RemoteApiVersion api, Duration responseTimeout) {
    DefaultDockerClientConfig cfg =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host)
            .withDockerTlsVerify(false)
            .withApiVersion(api)
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(cfg.getDockerHost())
            .sslConfig(cfg.getSSLConfig())
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(responseTimeout)
            .build();
    return DockerClientImpl.getInstance(cfg, http);
  }

  /** Compares "1.41"-style versions numerically. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i]) : 0;
      int q = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
