package dev.shoal.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.runtime.BindMount;
import dev.shoal.agent.runtime.ContainerEvent;
import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ContainerRuntime;
import dev.shoal.agent.runtime.ContainerSecurity;
import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.ExecResult;
import dev.shoal.agent.runtime.ExecSession;
import dev.shoal.agent.runtime.ExecSpec;
import dev.shoal.agent.runtime.LogOptions;
import dev.shoal.agent.runtime.LogStream;
import dev.shoal.agent.runtime.LogText;
import dev.shoal.agent.runtime.NetworkSpec;
import dev.shoal.agent.runtime.PortMapping;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.agent.runtime.RuntimeFailure.Kind;
import dev.shoal.agent.runtime.SandboxSpec;
import dev.shoal.agent.runtime.ShoalLabels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerRuntime} on a Docker engine. Every docker-java call runs on a pool of its own
 * ({@link EngineCalls}) under a deadline that ends the call and frees its thread, so no event loop
 * ever waits for the engine and a wedged engine cannot take the pool. Calls that answer at once go
 * through the client with a transport response timeout; the event stream, logs, exec output, builds
 * and stops through the one without ({@link DockerConnector}).
 */
public final class DockerRuntime implements ContainerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);

  private final Vertx vertx;
  private final DockerConfig config;

  /** For calls that answer at once: the transport times out a silent engine. */
  private final DockerClient docker;

  /** For calls that may stay silent for long (streams, stops); bounded per call instead. */
  private final DockerClient streams;

  private final EngineCalls pool;

  /** Stops wait out grace periods; they get their own threads so they never starve quick calls. */
  private final EngineCalls stopPool;

  private final String apiVersion;
  private final SandboxImage sandboxImage;
  private final DockerEvents events;

  private DockerRuntime(
      Vertx vertx,
      Timer timer,
      DockerConfig config,
      DockerConnector.Connected c,
      EngineCalls pool) {
    this.vertx = vertx;
    this.config = config;
    this.docker = c.calls();
    this.streams = c.streams();
    this.pool = pool;
    this.stopPool = new EngineCalls(vertx, "shoal-docker-stop", 4 * config.workerThreads());
    this.apiVersion = c.apiVersion();
    this.sandboxImage =
        new SandboxImage(streams, config.effectiveSandboxImage(), config.sandboxImage() == null);
    this.events = new DockerEvents(vertx, timer, streams);
  }

  /**
   * Connects to the engine named in {@code config}; fails with a {@link RuntimeFailure} of kind
   * FATAL whose message says which address was tried and how to fix it when no engine answers.
   */
  public static Future<DockerRuntime> connect(Vertx vertx, DockerConfig config) {
    return connect(vertx, config, Timer.system());
  }

  /**
   * As {@link #connect(Vertx, DockerConfig)}, the event stream's reopening timed on {@code timer}.
   */
  public static Future<DockerRuntime> connect(Vertx vertx, DockerConfig config, Timer timer) {
    EngineCalls pool = new EngineCalls(vertx, "shoal-docker", config.workerThreads());
    return pool.run(
            "connect to " + config.dockerHost(),
            () -> DockerConnector.connect(config),
            config.callTimeout())
        .map(
            c -> {
              LOG.info(
                  "Docker engine {} at {}, API {}",
                  c.engineVersion(),
                  config.dockerHost(),
                  c.apiVersion());
              return new DockerRuntime(vertx, timer, config, c, pool);
            })
        .onFailure(e -> pool.close());
  }

  /** The API version pinned for this engine. */
  public String apiVersion() {
    return apiVersion;
  }

  @Override
  public Future<String> ensureSandboxImage() {
    return blocking("build sandbox image", sandboxImage::ensure, Duration.ofMinutes(2));
  }

  @Override
  public Future<Void> ensureNetwork(NetworkSpec spec) {
    return blocking("ensure network " + spec.name(), () -> new DockerNetworks(docker).ensure(spec));
  }

  @Override
  public Future<Void> removeNetwork(String name) {
    return blocking("remove network " + name, () -> new DockerNetworks(docker).remove(name));
  }

  @Override
  public Future<Boolean> imagePresent(String image) {
    return blocking("inspect image " + image, () -> imageExists(image));
  }

  private boolean imageExists(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Builds {@code tag} from an in-memory context ({@code Dockerfile} plus files), for test and
   * sandbox images.
   */
  public Future<String> buildImage(String tag, Map<String, byte[]> executables, String dockerfile) {
    return blocking(
        "build image " + tag,
        () -> {
          TarArchive tar = new TarArchive().add("Dockerfile", dockerfile);
          executables.forEach((name, bytes) -> tar.add(name, bytes, 0755));
          return SandboxImage.build(streams, tag, tar.bytes());
        },
        Duration.ofMinutes(2));
  }

  @Override
  public Future<String> runSandbox(SandboxSpec spec) {
    return blocking(
        "run sandbox " + spec.name(),
        () -> {
          requireImage(spec.image());
          HostConfig host =
              HostConfig.newHostConfig().withNetworkMode(spec.network()).withIpcMode("shareable");
          if (!spec.dnsServers().isEmpty()) {
            host.withDns(spec.dnsServers());
          }
          if (!spec.dnsSearches().isEmpty()) {
            host.withDnsSearch(spec.dnsSearches());
          }
          if (!spec.dnsOptions().isEmpty()) {
            host.withDnsOptions(spec.dnsOptions());
          }
          List<ExposedPort> exposed = new ArrayList<>();
          Ports bindings = new Ports();
          for (PortMapping p : spec.ports()) {
            ExposedPort port =
                "UDP".equals(p.protocol())
                    ? ExposedPort.udp(p.containerPort())
                    : ExposedPort.tcp(p.containerPort());
            exposed.add(port);
            bindings.bind(
                port,
                p.hostIP() == null
                    ? Ports.Binding.bindPort(p.hostPort())
                    : Ports.Binding.bindIpAndPort(p.hostIP(), p.hostPort()));
          }
          if (!exposed.isEmpty()) {
            host.withPortBindings(bindings);
          }
          String id =
              docker
                  .createContainerCmd(spec.image())
                  .withName(spec.name())
                  .withHostName(spec.hostname())
                  .withLabels(managed(spec.labels()))
                  .withExposedPorts(exposed)
                  .withHostConfig(host)
                  .exec()
                  .getId();
          start(id);
          return id;
        });
  }

  @Override
  public Future<String> runContainer(ContainerSpec spec) {
    return blocking(
        "run container " + spec.name(),
        () -> {
          requireImage(spec.image());
          String ns = "container:" + spec.sandboxId();
          HostConfig host =
              HostConfig.newHostConfig()
                  .withNetworkMode(ns)
                  .withIpcMode(ns)
                  .withBinds(spec.binds().stream().map(DockerRuntime::bind).toList());
          if (spec.nanoCpus() != null) {
            host.withNanoCPUs(spec.nanoCpus());
          }
          if (spec.memoryBytes() != null) {
            host.withMemory(spec.memoryBytes());
          }
          ContainerSecurity security = spec.security();
          if (security.privileged()) {
            host.withPrivileged(true);
          }
          if (!security.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(security.capAdd()));
          }
          if (!security.capDrop().isEmpty()) {
            host.withCapDrop(capabilities(security.capDrop()));
          }
          if (security.readOnlyRootfs()) {
            host.withReadonlyRootfs(true);
          }
          CreateContainerCmd create =
              docker
                  .createContainerCmd(spec.image())
                  .withName(spec.name())
                  .withLabels(managed(spec.labels()))
                  .withEnv(
                      spec.env().entrySet().stream()
                          .map(e -> e.getKey() + "=" + e.getValue())
                          .toList())
                  .withHostConfig(host);
          if (spec.entrypoint() != null) {
            create.withEntrypoint(spec.entrypoint());
          }
          if (spec.cmd() != null) {
            create.withCmd(spec.cmd());
          }
          if (spec.workingDir() != null && !spec.workingDir().isEmpty()) {
            create.withWorkingDir(spec.workingDir());
          }
          if (security.user() != null) {
            create.withUser(security.user());
          }
          String id = create.exec().getId();
          start(id);
          return id;
        });
  }

  private void start(String id) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotModifiedException e) {
      // already running
    } catch (RuntimeException e) {
      throw new RuntimeFailure(Kind.START_FAILED, DockerErrors.message(e), id, e);
    }
  }

  private void requireImage(String image) {
    if (!imageExists(image)) {
      throw new RuntimeFailure(
          Kind.IMAGE_NOT_PRESENT, "image " + image + " is not present on this node's engine");
    }
  }

  /**
   * Kubernetes names ({@code NET_ADMIN}, also {@code CAP_NET_ADMIN}) as the engine's; an unknown
   * one is refused.
   */
  private static Capability[] capabilities(java.util.List<String> names) {
    return names.stream()
        .map(
            n -> {
              String name = n.toUpperCase(java.util.Locale.ROOT);
              name = name.startsWith("CAP_") ? name.substring(4) : name;
              try {
                return Capability.valueOf(name);
              } catch (IllegalArgumentException e) {
                throw new RuntimeFailure(Kind.INVALID_SPEC, "unknown capability \"" + n + "\"");
              }
            })
        .toArray(Capability[]::new);
  }

  private static Bind bind(BindMount m) {
    return new Bind(
        m.hostPath(), new Volume(m.containerPath()), m.readOnly() ? AccessMode.ro : AccessMode.rw);
  }

  private static Map<String, String> managed(Map<String, String> labels) {
    Map<String, String> all = new HashMap<>(labels);
    all.put(ShoalLabels.MANAGED, "true");
    return all;
  }

  @Override
  public Future<Void> stop(String containerId, Duration grace) {
    int seconds = (int) Math.max(0, Math.min(Integer.MAX_VALUE, grace.toSeconds()));
    return blocking(
        stopPool,
        "stop " + containerId,
        () -> {
          try {
            streams.stopContainerCmd(containerId).withTimeout(seconds).exec();
          } catch (NotModifiedException | NotFoundException e) {
            // already stopped or gone
          }
          return null;
        },
        config.callTimeout().plusSeconds(seconds));
  }

  @Override
  public Future<Void> remove(String containerId) {
    return blocking(
        "remove " + containerId,
        () -> {
          try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
          } catch (NotFoundException e) {
            // gone already
          } catch (ConflictException e) {
            if (!DockerErrors.message(e).contains("already in progress")) {
              throw e;
            }
          }
          return null;
        });
  }

  @Override
  public Future<ContainerInfo> inspect(String containerId) {
    return blocking(
        "inspect " + containerId,
        () -> InspectMapping.info(docker.inspectContainerCmd(containerId).exec()));
  }

  @Override
  public Future<List<ContainerSummary>> list(Map<String, String> labels) {
    return blocking(
        "list containers",
        () ->
            docker
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(managed(labels))
                .exec()
                .stream()
                .map(InspectMapping::summary)
                .toList());
  }

  @Override
  public Future<ExecResult> exec(String containerId, List<String> command, Duration timeout) {
    return blocking(
        "exec in " + containerId,
        () -> {
          String execId =
              docker
                  .execCreateCmd(containerId)
                  .withCmd(command.toArray(String[]::new))
                  .withAttachStdout(true)
                  .withAttachStderr(true)
                  .exec()
                  .getId();
          FrameCollector out = new FrameCollector();
          try (FrameCollector c = streams.execStartCmd(execId).exec(out)) {
            if (!c.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
              throw new RuntimeFailure(
                  Kind.TEMPORARY, "command timed out after " + timeout.toMillis() + " ms");
            }
          }
          Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
          return new ExecResult(code == null ? -1 : code.intValue(), out.text());
        },
        timeout.plus(config.callTimeout()));
  }

  @Override
  public Future<String> logs(String containerId, Integer tailLines) {
    return LogText.collect(
        vertx, streamLogs(containerId, LogOptions.tail(tailLines)), config.callTimeout());
  }

  @Override
  public Future<LogStream> streamLogs(String containerId, LogOptions options) {
    return DockerLogs.open(vertx, streams, containerId, options, config.callTimeout());
  }

  @Override
  public Future<ExecSession> openExec(String containerId, ExecSpec spec) {
    return DockerExec.exec(engine(), containerId, spec);
  }

  @Override
  public Future<ExecSession> attach(String containerId, boolean stdin) {
    return DockerExec.attach(engine(), containerId, stdin);
  }

  private DockerExec.Engine engine() {
    return new DockerExec.Engine(
        vertx, pool, docker, config.dockerHost(), apiVersion, config.callTimeout());
  }

  @Override
  public Future<CgroupInfo> cgroupInfo() {
    return blocking(
        "engine info",
        () -> {
          com.github.dockerjava.api.model.Info info = docker.infoCmd().exec();
          return new CgroupInfo(info.getCGroupDriver(), info.getCGroupVersion());
        });
  }

  @Override
  public void onContainerEvent(Consumer<ContainerEvent> listener) {
    events.subscribe(listener);
  }

  @Override
  public Future<Void> close() {
    events.close();
    return vertx
        .executeBlocking(
            () -> {
              docker.close();
              streams.close();
              return (Void) null;
            },
            false)
        .eventually(
            () -> {
              stopPool.close();
              pool.close();
              return Future.succeededFuture();
            });
  }

  private <T> Future<T> blocking(String what, Callable<T> call) {
    return blocking(what, call, config.callTimeout());
  }

  private <T> Future<T> blocking(String what, Callable<T> call, Duration timeout) {
    return blocking(pool, what, call, timeout);
  }

  private <T> Future<T> blocking(
      EngineCalls executor, String what, Callable<T> call, Duration timeout) {
    return executor.run(what, call, timeout);
  }

  Vertx vertx() {
    return vertx;
  }

  /** Collects a multiplexed stream's payloads (stdout and stderr interleaved). */
  private static final class FrameCollector extends ResultCallback.Adapter<Frame> {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void onNext(Frame frame) {
      synchronized (bytes) {
        bytes.writeBytes(frame.getPayload());
      }
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }
}
