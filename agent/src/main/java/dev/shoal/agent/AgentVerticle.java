package dev.shoal.agent;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.api.ApiServer;
import dev.shoal.agent.api.PodLogs;
import dev.shoal.agent.api.ResourceService;
import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.List;

/**
 * One node's agent, wiring only: the store, the API, and the components that act on the store. Each
 * part is started in order and stopped in reverse.
 */
public final class AgentVerticle extends VerticleBase {

  private final AgentConfig config;
  private ClusterStore store;
  private ApiServer api;
  private volatile boolean ready;

  public AgentVerticle(AgentConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    store = new InMemoryStore();
    ResourceService service = new ResourceService(store, new Admission(), Clock.systemUTC());
    PodLogs logs = (pod, container, tail) -> Future.failedFuture(new IllegalStateException("no pod worker"));
    api = new ApiServer(vertx, config, service, logs, () -> ready);
    return ensureNamespaces(List.of("default", "kube-system"))
        .compose(ignored -> api.start())
        .onSuccess(ignored -> ready = true);
  }

  @Override
  public Future<?> stop() {
    ready = false;
    return api == null ? Future.succeededFuture() : api.stop();
  }

  /** The API port actually bound (differs from the configured one when that is 0). */
  public int apiPort() {
    return api.port();
  }

  public ClusterStore store() {
    return store;
  }

  private Future<Void> ensureNamespaces(List<String> names) {
    List<Future<dev.shoal.manifests.model.Resource>> created = names.stream().map(name -> store
        .create(new Namespace(ObjectMeta.named(null, name), null, new dev.shoal.manifests.model.NamespaceStatus(
            "Active")))
        .recover(e -> e instanceof StoreException s && s.reason() == StoreException.Reason.ALREADY_EXISTS
            ? store.get(new ObjectKey(Namespace.KIND, "", name)) : Future.failedFuture(e)))
        .toList();
    return Future.all(created).mapEmpty();
  }
}
