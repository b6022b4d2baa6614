package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Service;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps, for each Service with a selector, an Endpoints object of the same name listing its pods
 * ({@link EndpointsBuilder}). Writes only when the subsets change; deletes the Endpoints when the
 * Service goes. Services without a selector keep whatever Endpoints users write. Keys are Service
 * keys.
 */
public final class EndpointsController implements Controller {

  private final ClusterStore store;

  /** Services seen through the watch or a sync, per namespace, to route pod events. */
  private final OwnerIndex services = new OwnerIndex();

  public EndpointsController(ClusterStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "endpoints";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(Service.KIND, this::onService),
        new Watched(Pod.KIND, event -> services.inNamespace(event.key().namespace())),
        new Watched(
            Endpoints.KIND,
            event ->
                List.of(new ObjectKey(Service.KIND, event.key().namespace(), event.key().name()))));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(Service.KIND);
  }

  private Collection<ObjectKey> onService(WatchEvent event) {
    services.observe(event);
    return List.of(event.key());
  }

  @Override
  public Future<Void> sync(ObjectKey serviceKey) {
    ObjectKey endpointsKey =
        new ObjectKey(Endpoints.KIND, serviceKey.namespace(), serviceKey.name());
    return store
        .get(serviceKey)
        .compose(found -> reconcile((Service) found, endpointsKey))
        .recover(
            e -> {
              if (notFound(e, serviceKey)) {
                services.forget(serviceKey);
                return ReplicaSetController.ignoreMissing(store.delete(endpointsKey));
              }
              return Future.failedFuture(e);
            });
  }

  private Future<Void> reconcile(Service service, ObjectKey endpointsKey) {
    services.remember(ObjectKey.of(service));
    Map<String, String> selector = service.spec() == null ? null : service.spec().selector();
    if (selector == null || selector.isEmpty()) {
      return Future.succeededFuture();
    }
    return store
        .list(Pod.KIND, service.metadata().namespace())
        .compose(
            pods -> {
              List<EndpointSubset> subsets =
                  EndpointsBuilder.build(
                      service, pods.items().stream().map(Pod.class::cast).toList());
              List<EndpointSubset> stored = subsets.isEmpty() ? null : subsets;
              return store
                  .get(endpointsKey)
                  .compose(
                      existing -> {
                        if (Objects.equals(((Endpoints) existing).subsets(), stored)) {
                          return Future.<Void>succeededFuture();
                        }
                        return store
                            .modify(
                                endpointsKey,
                                current ->
                                    Objects.equals(((Endpoints) current).subsets(), stored)
                                        ? current
                                        : ((Endpoints) current).withSubsets(stored))
                            .<Void>mapEmpty();
                      })
                  .recover(
                      e -> {
                        if (notFound(e, endpointsKey)) {
                          ObjectMeta meta =
                              ObjectMeta.named(
                                      service.metadata().namespace(), service.metadata().name())
                                  .withLabels(service.metadata().labels());
                          return store.create(new Endpoints(meta, stored)).<Void>mapEmpty();
                        }
                        return Future.failedFuture(e);
                      });
            });
  }

  private static boolean notFound(Throwable e, ObjectKey key) {
    return e instanceof StoreException se
        && se.reason() == StoreException.Reason.NOT_FOUND
        && key.equals(se.key());
  }
}
