package dev.shoal.agent;

import dev.shoal.agent.addresses.ServiceAddressHooks;
import dev.shoal.agent.addresses.ServiceAddresses;
import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.api.ApiServer;
import dev.shoal.agent.api.PodLogs;
import dev.shoal.agent.api.ResourceService;
import dev.shoal.agent.api.SecuredApi;
import dev.shoal.agent.api.stream.PodSessions;
import dev.shoal.agent.cluster.ClusterConfig;
import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.clusterdns.NodeDns;
import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.config.MetricsConfig;
import dev.shoal.agent.control.ControllerRunner;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.controllers.LeaderControllers;
import dev.shoal.agent.controllers.LeaderOptions;
import dev.shoal.agent.controllers.autoscale.AutoscalerOptions;
import dev.shoal.agent.controllers.autoscale.HorizontalPodAutoscalerController;
import dev.shoal.agent.controllers.autoscale.SampledMetrics;
import dev.shoal.agent.controllers.storage.LocalProvisioner;
import dev.shoal.agent.events.EventStore;
import dev.shoal.agent.events.StoreEventRecorder;
import dev.shoal.agent.join.MemberAdmission;
import dev.shoal.agent.leader.LeaderElection;
import dev.shoal.agent.metrics.MetricsSampler;
import dev.shoal.agent.metrics.MetricsView;
import dev.shoal.agent.metrics.PodMetricsSource;
import dev.shoal.agent.metrics.RuntimeTargets;
import dev.shoal.agent.metrics.SampleShare;
import dev.shoal.agent.network.NodeNetworking;
import dev.shoal.agent.network.PodBridgeSpec;
import dev.shoal.agent.network.RuntimePodBridges;
import dev.shoal.agent.node.HostAddress;
import dev.shoal.agent.node.NodeFacts;
import dev.shoal.agent.node.NodeRegistration;
import dev.shoal.agent.runtime.ContainerLogs;
import dev.shoal.agent.runtime.ContainerRuntime;
import dev.shoal.agent.runtime.ContainerSessions;
import dev.shoal.agent.runtime.docker.DockerConfig;
import dev.shoal.agent.runtime.docker.DockerRuntime;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.hazelcast.HazelcastEvents;
import dev.shoal.agent.store.hazelcast.HazelcastSamples;
import dev.shoal.agent.store.hazelcast.HazelcastStore;
import dev.shoal.agent.telemetry.AgentGauges;
import dev.shoal.agent.telemetry.AgentMeters;
import dev.shoal.agent.tls.ClusterSecret;
import dev.shoal.agent.tls.TemporaryTls;
import dev.shoal.agent.worker.PodWorker;
import dev.shoal.agent.worker.ServiceEnvSource;
import dev.shoal.agent.worker.StorePodHost;
import dev.shoal.agent.worker.WorkerConfig;
import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.NamespaceStatus;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Secret;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.SubnetAllocator;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One node's agent, wiring only. In order: the Docker runtime; the Hazelcast member and the cluster
 * store on it; leader election, which runs the scheduler and controllers on the leader only; this
 * node's Node object and heartbeat; the pod worker; the HTTP API behind tokens and TLS. Before
 * joining, the API port opens for the join handshake only and the member firewall closes the
 * cluster port to all but admitted members ({@link MemberAdmission}). {@link #stop()} stops them in
 * reverse. Containers keep running when the agent stops and the next start adopts them, unless it
 * runs with {@code --cleanup}: then it removes its pods' containers, network and firewall chains.
 */
public final class AgentVerticle extends VerticleBase {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(AgentVerticle.class);

  private final AgentConfig config;

  /** The clock and timers of every loop this node runs. */
  private final Timer timer = Timer.system();

  private final List<Supplier<Future<?>>> stops = new ArrayList<>();
  private HazelcastStore store;
  private HazelcastEvents events;
  private SampleShare samples;
  private volatile MetricsView metrics;
  private NodeDns dns;
  private String podNetwork;
  private NodeNetworking network;
  private ApiServer api;
  private volatile boolean ready;
  private ClusterSecret secret;
  private MemberAdmission admission;
  private ContainerLogs containerLogs;
  private final AgentMeters meters = AgentMeters.withProcessMeters();
  private ContainerSessions containerSessions;

  public AgentVerticle(AgentConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    DockerConfig docker = new DockerConfig(config.dockerHost(), config.pauseImage(), null, 0);
    return loadSecret()
        .compose(v -> DockerRuntime.connect(vertx, docker, timer))
        .compose(
            runtime -> {
              stops.add(runtime::close);
              containerLogs = new ContainerLogs(runtime, config.nodeName());
              containerSessions = new ContainerSessions(runtime, config.nodeName());
              admission = new MemberAdmission(vertx, timer, config, secret, nodeIp());
              stops.add(() -> admission.stop(config.cleanup()));
              return openApiEarly().compose(v -> admission.beforeJoining()).map(runtime);
            })
        .compose(runtime -> joinCluster().map(runtime))
        .compose(runtime -> admission.afterJoining(store).map(runtime))
        .compose(runtime -> ensureNamespaces(List.of("default", "kube-system")).map(runtime))
        .compose(
            runtime ->
                startNetwork(runtime)
                    .map(
                        name -> {
                          podNetwork = name;
                          return runtime;
                        }))
        .compose(
            runtime ->
                admission.isolatePods(NodeDns.bridgeDevice(podNetwork), api.port()).map(runtime))
        .compose(runtime -> startDns().map(runtime))
        .compose(runtime -> startMetrics(runtime).map(runtime))
        .compose(this::startWorker)
        .compose(worker -> startLocalVolumes().map(worker))
        .compose(this::serveApi)
        .onSuccess(server -> ready = true);
  }

  @Override
  public Future<?> stop() {
    ready = false;
    List<Supplier<Future<?>>> reverse = new ArrayList<>(stops);
    Collections.reverse(reverse);
    Future<?> chain = Future.succeededFuture();
    for (Supplier<Future<?>> step : reverse) {
      chain =
          chain.transform(
              ignored -> {
                long started = System.nanoTime();
                return step.get()
                    .onComplete(
                        done ->
                            LOG.debug(
                                "stop step took {} ms", (System.nanoTime() - started) / 1_000_000));
              });
    }
    return chain;
  }

  /** The API port actually bound (differs from the configured one when that is 0). */
  public int apiPort() {
    return api.port();
  }

  public ClusterStore store() {
    return store;
  }

  /** The port this node's cluster DNS answers on, or -1 when it is not running. */
  public int dnsPort() {
    return dns == null ? -1 : dns.port();
  }

  /** The pods' usage from every node's samples (for the autoscaler); null before the start. */
  public PodMetricsSource podMetrics() {
    return metrics;
  }

  /**
   * Samples this node's containers and host every {@code --metrics-interval} into the cluster's
   * sample share, and serves metrics.k8s.io from it; a host whose cgroups cannot be read still
   * serves the other nodes' samples.
   */
  private Future<Void> startMetrics(ContainerRuntime runtime) {
    Path proc = Path.of("/proc");
    MetricsConfig settings = config.metrics();
    metrics = new MetricsView(store, samples);
    api.withMetrics(metrics);
    return RuntimeTargets.detect(vertx, runtime, proc)
        .map(
            layout -> {
              MetricsSampler sampler =
                  new MetricsSampler(
                      vertx,
                      timer,
                      config.nodeName(),
                      new RuntimeTargets(
                          vertx,
                          timer,
                          runtime,
                          config.nodeName(),
                          layout,
                          proc,
                          Duration.ofSeconds(10)),
                      proc,
                      settings.interval(),
                      settings.window(),
                      sample ->
                          samples
                              .publish(sample)
                              .onFailure(e -> LOG.debug("metrics not shared: {}", e.toString())));
              sampler.start();
              stops.add(sampler::stop);
              LOG.info(
                  "sampling containers every {} ms (cgroup v{}, {} driver)",
                  settings.interval().toMillis(),
                  layout.version(),
                  layout.driver());
              return (Void) null;
            })
        .recover(
            e -> {
              LOG.warn("this node does not sample its containers' usage: {}", e.toString());
              return Future.succeededFuture();
            });
  }

  /** The pod worker, woken by every change of a pod. */
  private Future<PodWorker> startWorker(ContainerRuntime runtime) {
    WorkerConfig workerConfig =
        WorkerConfig.defaults(config.dataDir(), nodeIp())
            .withNetwork(podNetwork)
            .withBackoff(Duration.ofMillis(config.crashBackoffMs()), Duration.ofMinutes(5))
            .withClusterDns(dns == null ? null : dns.host(), config.clusterDomain());
    PodWorker worker =
        new PodWorker(
                vertx,
                runtime,
                new StorePodHost(
                        store,
                        config.nodeName(),
                        StoreEventRecorder.of(events, "kubelet", config.nodeName()))
                    .withAddressGate(
                        pod -> network == null ? Future.succeededFuture() : network.admit(pod)),
                workerConfig,
                timer)
            .withServiceEnv(new ServiceEnvSource(store.localView()));
    return worker
        .start()
        .compose(v -> store.currentVersion())
        .compose(
            version ->
                Future.all(
                    store.watch(
                        Pod.KIND,
                        null,
                        version,
                        event -> worker.podChanged(event.key().namespace(), event.key().name())),
                    sourceWatch(worker, Secret.KIND, version),
                    sourceWatch(worker, ConfigMap.KIND, version)))
        .map(
            watches -> {
              stops.add(
                  () ->
                      worker
                          .stop()
                          .compose(
                              v ->
                                  config.cleanup()
                                      ? worker.removeEverything()
                                      : Future.succeededFuture()));
              stops.add(
                  () -> {
                    for (int i = 0; i < watches.size(); i++) {
                      watches.<ClusterStore.Watch>resultAt(i).cancel();
                    }
                    return Future.succeededFuture();
                  });
              return worker;
            });
  }

  /**
   * This node's provisioner of node-local volumes: claims the scheduler placed here get a directory
   * under the data dir, released volumes of policy Delete lose theirs.
   */
  private Future<Void> startLocalVolumes() {
    ControllerRunner runner =
        new ControllerRunner(
            vertx,
            store,
            new LocalProvisioner(store, config.nodeName(), config.dataDir(), vertx.fileSystem()),
            ControllerRunner.Options.DEFAULT.withTimer(timer));
    stops.add(runner::stop);
    return runner.start();
  }

  /** Tells the worker of every change of a Secret or ConfigMap, so file volumes follow it. */
  private Future<ClusterStore.Watch> sourceWatch(PodWorker worker, String kind, long version) {
    return store.watch(
        kind,
        null,
        version,
        event -> worker.sourceChanged(kind, event.key().namespace(), event.key().name()));
  }

  /**
   * The whole API on the port opened early: tokens, the node's certificate from the cluster CA,
   * resources.
   */
  private Future<Void> serveApi(PodWorker worker) {
    return SecuredApi.prepare(vertx, config, store, secret, nodeIp(), api.port())
        .compose(
            secured -> {
              stops.add(
                  () -> {
                    secured.tokens().stop();
                    return Future.succeededFuture();
                  });
              ResourceService service =
                  new ResourceService(
                          store,
                          new Admission(),
                          new ServiceAddressHooks(
                              new ServiceAddresses(store, Cidr.of(config.serviceCidr()))),
                          Clock.systemUTC())
                      .withEvents(events);
              PodLogs logs =
                  (pod, container, previous, options) ->
                      containerLogs.open(
                          pod.metadata().uid(),
                          pod.metadata().name(),
                          container,
                          previous,
                          options);
              api.withPodSessions(PodSessions.of(containerSessions));
              return api.serve(
                  new ApiServer.Content(
                      service, logs, () -> ready, secured.access(), secured.tls()));
            });
  }

  /**
   * Opens the API port before joining, with the health probe and the join handshake only (and a
   * throwaway certificate): nodes that start together must be able to admit each other.
   */
  private Future<Void> openApiEarly() {
    api = new ApiServer(vertx, config).withTimer(timer).withMeters(meters);
    stops.add(api::stop);
    return vertx
        .executeBlocking(
            () -> config.security().plainHttp() ? null : TemporaryTls.selfSigned(config.nodeName()))
        .compose(tls -> api.withJoin(admission.joinHandler()).listen(tls));
  }

  /**
   * The cluster's join secret: the one given; on a node that joins nobody, the one in its data dir
   * (made on the very first start). A node that joins others cannot make one up.
   */
  private Future<Void> loadSecret() {
    if (config.security().joinSecret() != null) {
      secret = ClusterSecret.of(config.security().joinSecret());
      return Future.succeededFuture();
    }
    if (!config.cluster().join().isEmpty()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "a node that joins a cluster needs the cluster's"
                  + " join secret: set SHOAL_JOIN_SECRET or --join-secret-file (the first node keeps it in "
                  + config.dataDir().resolve(ClusterSecret.FILE_NAME)
                  + ")"));
    }
    return vertx
        .executeBlocking(() -> ClusterSecret.loadOrCreate(config.dataDir()))
        .map(
            loaded -> {
              secret = loaded;
              LOG.info(
                  "the cluster's join secret is in {}; other nodes need it to join",
                  config.dataDir().resolve(ClusterSecret.FILE_NAME));
              return null;
            });
  }

  /**
   * Joins (or forms) the cluster, opens the store on it, and starts leader election and this node's
   * heartbeat.
   */
  private Future<Void> joinCluster() {
    String hostIp = nodeIp();
    ClusterConfig clusterConfig =
        config.cluster().bindHost() == null || config.cluster().bindHost().isBlank()
            ? config.cluster().withAddress(hostIp, config.cluster().port())
            : config.cluster();
    return HazelcastMember.start(vertx, clusterConfig, config.nodeName())
        .compose(
            member -> {
              stops.add(member::leave);
              return HazelcastStore.open(
                      vertx,
                      member.instance(),
                      member::hasMajority,
                      HazelcastStore.Options.defaults(config.dataDir())
                          .withSecretKey(secret.derive(HazelcastStore.SECRET_KEY_PURPOSE)))
                  .map(
                      opened -> {
                        stops.add(() -> opened.close(vertx));
                        store = opened.meterWith(meters.registry());
                        AgentGauges.pods(meters.registry(), opened.localView(), config.nodeName());
                        return member;
                      });
            })
        .compose(
            member ->
                HazelcastEvents.open(
                        vertx,
                        member.instance(),
                        HazelcastEvents.DEFAULT_MAP,
                        EventStore.Limits.DEFAULT)
                    .map(
                        opened -> {
                          stops.add(
                              () ->
                                  vertx.executeBlocking(
                                      () -> {
                                        opened.close();
                                        return null;
                                      },
                                      false));
                          events = opened;
                          HazelcastSamples shared =
                              new HazelcastSamples(
                                  vertx,
                                  member.instance(),
                                  HazelcastSamples.DEFAULT_MAP,
                                  sampleLifetime());
                          stops.add(shared::close);
                          samples = shared;
                          return member;
                        }))
        .compose(
            member -> {
              AtomicReference<LeaderControllers> controllers = new AtomicReference<>();
              LeaderElection election =
                  new LeaderElection(vertx, member, store, Duration.ofSeconds(1))
                      .register(
                          LeaderControllers.factory(
                              vertx,
                              store,
                              LeaderOptions.DEFAULT
                                  .withPodSubnets(
                                      SubnetAllocator.of(
                                              config.podCidr(), SubnetAllocator.DEFAULT_NODE_PREFIX)
                                          .orElseThrow())
                                  .withAutoscaler(
                                      AutoscalerOptions.DEFAULT
                                          .withEvents(
                                              StoreEventRecorder.of(
                                                  events,
                                                  HorizontalPodAutoscalerController.COMPONENT,
                                                  config.nodeName()))
                                          .withMetrics(new SampledMetrics(() -> metrics)))
                                  .withEvents(
                                      component ->
                                          StoreEventRecorder.of(
                                              events, component, config.nodeName())),
                              node ->
                                  member.members().stream()
                                      .anyMatch(m -> node.equals(m.nodeName())),
                              created -> controllers.set(created.meterWith(meters.registry()))));
              AgentGauges.cluster(
                  meters.registry(), () -> member.members().size(), election::isLeader);
              NodeRegistration registration =
                  new NodeRegistration(
                      vertx,
                      store,
                      member,
                      NodeFacts.detect(config.nodeName(), hostIp),
                      Duration.ofSeconds(1),
                      Clock.systemUTC());
              registration.onNodeGone(
                  name -> {
                    LeaderControllers current = controllers.get();
                    if (current != null && election.isLeader()) {
                      current.nodeGone(name);
                    }
                  });
              stops.add(election::stop);
              stops.add(registration::stop);
              // The first heartbeat may fail while the cluster is not writable yet; it keeps
              // trying.
              return election
                  .start()
                  .compose(v -> registration.start().recover(e -> Future.succeededFuture()));
            });
  }

  /**
   * How long a node's shared sample outlives its node's last sample: five intervals, 10 s at least.
   */
  private Duration sampleLifetime() {
    Duration five = config.metrics().interval().multipliedBy(5);
    return five.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : five;
  }

  /**
   * The address other nodes reach this one at: the cluster bind address; without one, loopback for
   * a node that joins nobody (a single-node Shoal stays private until told otherwise), else a
   * detected one.
   */
  private String nodeIp() {
    String bind = config.cluster().bindHost();
    if (bind != null && !bind.isBlank()) {
      return bind;
    }
    return config.cluster().join().isEmpty() ? "127.0.0.1" : HostAddress.detect(config.apiHost());
  }

  /**
   * With {@code --pod-network shoal}: this node's pod bridge on the subnet the leader gave it, the
   * VXLAN overlay to the other nodes and the service load balancer; completes once pods can be
   * attached. Any other name is a Docker network the operator manages (e.g. {@code bridge} on a
   * single host).
   */
  private Future<String> startNetwork(ContainerRuntime runtime) {
    if (!PodBridgeSpec.DEFAULT_NAME.equals(config.podNetwork())) {
      return Future.succeededFuture(config.podNetwork());
    }
    network =
        new NodeNetworking(
            vertx,
            store,
            config.nodeName(),
            Cidr.of(config.podCidr()),
            new RuntimePodBridges(runtime),
            config.cleanup());
    stops.add(network::stop);
    network.meterWith(meters.registry()).enforcingPolicies(config.networkPolicies());
    return network.start().compose(v -> network.podNetworkReady());
  }

  /**
   * Starts this node's cluster DNS. A node whose DNS cannot start still runs pods (with the
   * engine's resolver), and says why loudly: refusing to start would take the node's pods down with
   * it.
   */
  private Future<Void> startDns() {
    return NodeDns.start(
            vertx,
            store.localView(),
            config.dnsHost(),
            NodeDns.bridgeDevice(podNetwork),
            config.dnsPort(),
            config.clusterDomain())
        .onSuccess(
            started -> {
              dns = started;
              AgentGauges.dns(meters.registry(), started::counts);
              stops.add(started::stop);
            })
        .<Void>mapEmpty()
        .recover(
            failure -> {
              LOG.warn(
                  "cluster DNS is not running on this node, pods use the engine's resolver: {}",
                  failure.getMessage());
              return Future.succeededFuture();
            });
  }

  private Future<Void> ensureNamespaces(List<String> names) {
    List<Future<Resource>> created =
        names.stream()
            .map(
                name ->
                    store
                        .create(
                            new Namespace(
                                ObjectMeta.named(null, name)
                                    .withLabels(
                                        java.util.Map.of("kubernetes.io/metadata.name", name)),
                                null,
                                new NamespaceStatus("Active")))
                        .recover(
                            e ->
                                e instanceof StoreException s
                                        && s.reason() == StoreException.Reason.ALREADY_EXISTS
                                    ? store.get(new ObjectKey(Namespace.KIND, "", name))
                                    : Future.failedFuture(e)))
            .toList();
    return Future.all(created).mapEmpty();
  }
}
