package dev.shoal.overlay.nft;

import java.util.List;

/**
 * One port of one Service, as the dataplane needs it.
 *
 * @param id {@code namespace/name/portName} (or the port number when unnamed): unique, and the
 *     readable part of the chain names (lower-case letters, digits, '-', '.', '/' only, as
 *     Kubernetes names are)
 * @param clusterIp the ClusterIP (never a headless service: those get no rules)
 * @param nodePort 0 when the port has none
 * @param externalLocal {@code externalTrafficPolicy: Local}: NodePort traffic only to this node's
 *     endpoints, without masquerading (the backend sees the client)
 * @param affinitySeconds {@code sessionAffinity: ClientIP} timeout, 0 without affinity
 * @param targets the ready endpoints, in any order (the planner sorts them)
 */
public record ServicePortRule(
    String id,
    Protocol protocol,
    String clusterIp,
    int port,
    int nodePort,
    boolean externalLocal,
    int affinitySeconds,
    List<Target> targets) {

  public ServicePortRule {
    targets = targets.stream().sorted().distinct().toList();
  }

  public static ServicePortRule clusterIp(
      String id, Protocol protocol, String clusterIp, int port, List<Target> targets) {
    return new ServicePortRule(id, protocol, clusterIp, port, 0, false, 0, targets);
  }

  public ServicePortRule withNodePort(int nodePort, boolean externalLocal) {
    return new ServicePortRule(
        id, protocol, clusterIp, port, nodePort, externalLocal, affinitySeconds, targets);
  }

  public ServicePortRule withAffinity(int seconds) {
    return new ServicePortRule(
        id, protocol, clusterIp, port, nodePort, externalLocal, seconds, targets);
  }

  public ServicePortRule withTargets(List<Target> next) {
    return new ServicePortRule(
        id, protocol, clusterIp, port, nodePort, externalLocal, affinitySeconds, next);
  }

  List<Target> localTargets() {
    return targets.stream().filter(Target::local).toList();
  }
}
