package dev.shoal.agent.worker;

import dev.shoal.agent.store.LocalView;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The service-link variables of a namespace read from this node's local view (memory only, no
 * network hop), for the pod worker to put before each container's own {@code env}: namespace ->
 * variables.
 */
public final class ServiceEnvSource implements Function<String, Map<String, String>> {

  private final LocalView view;

  public ServiceEnvSource(LocalView view) {
    this.view = view;
  }

  @Override
  public Map<String, String> apply(String namespace) {
    List<Service> services = new ArrayList<>();
    for (Resource r : view.list(Service.KIND, namespace)) {
      services.add((Service) r);
    }
    return ServiceEnv.forPod(namespace, services);
  }
}
