package dev.shoal.dns;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ready-made, thread-safe {@link ClusterRecords} that the agent can feed from its watch events:
 * put or remove services, endpoint sets and pods by key. Every change bumps the generation, so the
 * responder notices it at its next poll.
 */
public final class InMemoryClusterRecords implements ClusterRecords {
  private final Map<String, ServiceEntry> services = new ConcurrentHashMap<>();
  private final Map<String, List<EndpointEntry>> endpoints = new ConcurrentHashMap<>();
  private final Map<String, PodEntry> pods = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong(1);

  public void putService(ServiceEntry service) {
    services.put(key(service.namespace(), service.name()), service);
    generation.incrementAndGet();
  }

  public void removeService(String namespace, String name) {
    if (services.remove(key(namespace, name)) != null) {
      generation.incrementAndGet();
    }
  }

  /** Replaces the endpoints of one service (an empty list removes them). */
  public void putEndpoints(String namespace, String service, List<EndpointEntry> list) {
    if (list.isEmpty()) {
      endpoints.remove(key(namespace, service));
    } else {
      endpoints.put(key(namespace, service), List.copyOf(list));
    }
    generation.incrementAndGet();
  }

  /** Adds or replaces a pod under a key of your choice (its uid, or namespace/name). */
  public void putPod(String key, PodEntry pod) {
    if (!pod.equals(pods.put(key, pod))) {
      generation.incrementAndGet();
    }
  }

  public void removePod(String key) {
    if (pods.remove(key) != null) {
      generation.incrementAndGet();
    }
  }

  @Override
  public long generation() {
    return generation.get();
  }

  @Override
  public Collection<ServiceEntry> services() {
    return List.copyOf(services.values());
  }

  @Override
  public Collection<EndpointEntry> endpoints(String namespace, String service) {
    return endpoints.getOrDefault(key(namespace, service), List.of());
  }

  @Override
  public Collection<PodEntry> pods() {
    return List.copyOf(pods.values());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
