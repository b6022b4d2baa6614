package dev.shoal.dns.support;

import dev.shoal.dns.ClusterRecords;
import dev.shoal.dns.EndpointEntry;
import dev.shoal.dns.PodEntry;
import dev.shoal.dns.ServiceEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory {@link ClusterRecords} for tests; every change bumps the generation. */
public final class FakeClusterRecords implements ClusterRecords {
  private final List<ServiceEntry> services = new ArrayList<>();
  private final Map<String, List<EndpointEntry>> endpoints = new HashMap<>();
  private final List<PodEntry> pods = new ArrayList<>();
  private long generation = 1;

  public synchronized FakeClusterRecords service(ServiceEntry s, EndpointEntry... eps) {
    services.add(s);
    endpoints.put(s.namespace() + "/" + s.name(), List.of(eps));
    generation++;
    return this;
  }

  public synchronized FakeClusterRecords endpoints(
      String ns, String name, List<EndpointEntry> eps) {
    endpoints.put(ns + "/" + name, List.copyOf(eps));
    generation++;
    return this;
  }

  public synchronized FakeClusterRecords pod(String ns, String ip) {
    pods.add(new PodEntry(ns, ip));
    generation++;
    return this;
  }

  @Override
  public synchronized long generation() {
    return generation;
  }

  @Override
  public synchronized Collection<ServiceEntry> services() {
    return List.copyOf(services);
  }

  @Override
  public synchronized Collection<EndpointEntry> endpoints(String namespace, String service) {
    return endpoints.getOrDefault(namespace + "/" + service, List.of());
  }

  @Override
  public synchronized Collection<PodEntry> pods() {
    return List.copyOf(pods);
  }
}
