package dev.shoal.agent;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.api.ApiServer;
import dev.shoal.agent.api.ResourceService;
import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.runtime.docker.DockerConfig;
import dev.shoal.agent.runtime.docker.DockerRuntime;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.worker.PodWorker;
import dev.shoal.agent.worker.WorkerConfig;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.NamespaceStatus;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * One node's agent, wiring only: the Docker runtime, the store, the pod worker and the API. Parts
 * start in order; {@link #stop()} stops them in reverse. Containers keep running when the agent
 * stops; the next start adopts them.
 */
public final class AgentVerticle extends VerticleBase {

  private final AgentConfig config;
  private final List<Supplier<Future<?>>> stops = new ArrayList<>();
  private ClusterStore store;
  private ApiServer api;
  private volatile boolean ready;

  public AgentVerticle(AgentConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    store = new InMemoryStore();
    DockerConfig docker = new DockerConfig(config.dockerHost(), config.pauseImage(), null, 0);
    return DockerRuntime.connect(vertx, docker)
        .compose(runtime -> {
          stops.add(runtime::close);
          return ensureNamespaces(List.of("default", "kube-system")).map(runtime);
        })
        .compose(runtime -> {
          WorkerConfig workerConfig = WorkerConfig.defaults(config.dataDir(), HostAddress.detect(config.apiHost()))
              .withNetwork(config.podNetwork())
              .withBackoff(Duration.ofMillis(config.crashBackoffMs()), Duration.ofMinutes(5));
          PodWorker worker = new PodWorker(vertx, runtime, new StorePodHost(store, config.nodeName()), workerConfig);
          return worker.start()
              .compose(v -> store.currentVersion())
              .compose(version -> store.watch(Pod.KIND, null, version,
                  event -> worker.podChanged(event.key().namespace(), event.key().name())))
              .map(watch -> {
                stops.add(worker::stop);
                stops.add(() -> {
                  watch.cancel();
                  return Future.succeededFuture();
                });
                return worker;
              });
        })
        .compose(worker -> {
          ResourceService service = new ResourceService(store, new Admission(), Clock.systemUTC());
          api = new ApiServer(vertx, config, service, worker::logs, () -> ready);
          stops.add(api::stop);
          return api.start();
        })
        .onSuccess(server -> ready = true);
  }

  @Override
  public Future<?> stop() {
    ready = false;
    List<Supplier<Future<?>>> reverse = new ArrayList<>(stops);
    Collections.reverse(reverse);
    Future<?> chain = Future.succeededFuture();
    for (Supplier<Future<?>> step : reverse) {
      chain = chain.transform(ignored -> step.get());
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

  private Future<Void> ensureNamespaces(List<String> names) {
    List<Future<Resource>> created = names.stream().map(name -> store
        .create(new Namespace(ObjectMeta.named(null, name), null, new NamespaceStatus("Active")))
        .recover(e -> e instanceof StoreException s && s.reason() == StoreException.Reason.ALREADY_EXISTS
            ? store.get(new ObjectKey(Namespace.KIND, "", name)) : Future.failedFuture(e)))
        .toList();
    return Future.all(created).mapEmpty();
  }
}
