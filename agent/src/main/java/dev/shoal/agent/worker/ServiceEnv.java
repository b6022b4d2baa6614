package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment variables the kubelet gives every container for the services of its namespace
 * (service links): {@code WEB_SERVICE_HOST}, {@code WEB_SERVICE_PORT}, {@code
 * WEB_SERVICE_PORT_HTTP}, and the Docker-link style {@code WEB_PORT=tcp://10.96.0.20:80}, {@code
 * WEB_PORT_80_TCP}, {@code _PROTO}, {@code _PORT}, {@code _ADDR}. Headless services and services
 * without a ClusterIP give none. A container's own {@code env} entries win over these (the worker
 * puts them after).
 */
public final class ServiceEnv {

  private ServiceEnv() {}

  /**
   * Variables for a pod in {@code namespace}; services of other namespaces are ignored. Ordered by
   * service name.
   */
  public static Map<String, String> forPod(String namespace, List<Service> services) {
    List<Service> visible = new ArrayList<>();
    for (Service s : services) {
      if (s.metadata() != null
          && namespace.equals(s.metadata().namespaceOrDefault())
          && hasClusterIp(s.spec())) {
        visible.add(s);
      }
    }
    visible.sort(Comparator.comparing(s -> s.metadata().name()));
    Map<String, String> env = new LinkedHashMap<>();
    for (Service s : visible) {
      add(env, s);
    }
    return env;
  }

  private static boolean hasClusterIp(ServiceSpec spec) {
    return spec != null
        && spec.clusterIP() != null
        && !spec.clusterIP().isEmpty()
        && !spec.isHeadless()
        && !spec.portsOrEmpty().isEmpty();
  }

  private static void add(Map<String, String> env, Service service) {
    String name = envName(service.metadata().name());
    String ip = service.spec().clusterIP();
    List<ServicePort> ports = service.spec().portsOrEmpty();
    env.put(name + "_SERVICE_HOST", ip);
    env.put(name + "_SERVICE_PORT", Integer.toString(ports.get(0).port()));
    for (ServicePort p : ports) {
      if (p.name() != null && !p.name().isEmpty()) {
        env.put(name + "_SERVICE_PORT_" + envName(p.name()), Integer.toString(p.port()));
      }
    }
    for (int i = 0; i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      String protocol = p.protocol() == null ? "TCP" : p.protocol().toUpperCase(Locale.ROOT);
      String url = protocol.toLowerCase(Locale.ROOT) + "://" + ip + ":" + p.port();
      String prefix = name + "_PORT_" + p.port() + "_" + protocol;
      if (i == 0) {
        env.put(name + "_PORT", url);
      }
      env.put(prefix, url);
      env.put(prefix + "_PROTO", protocol.toLowerCase(Locale.ROOT));
      env.put(prefix + "_PORT", Integer.toString(p.port()));
      env.put(prefix + "_ADDR", ip);
    }
  }

  /** {@code my-svc} becomes {@code MY_SVC}. */
  static String envName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
