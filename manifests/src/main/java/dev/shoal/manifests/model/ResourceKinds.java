package dev.shoal.manifests.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kinds Shoal serves, looked up by kind, by apiVersion and kind, by (group, plural) or by
 * record class.
 */
public final class ResourceKinds {
  public static final KindInfo NAMESPACE =
      new KindInfo(Namespace.KIND, "", "v1", "namespaces", false, Namespace.class)
          .described(List.of("ns"), List.of());
  public static final KindInfo POD =
      new KindInfo(Pod.KIND, "", "v1", "pods", true, Pod.class)
          .described(List.of("po"), List.of("all"));
  public static final KindInfo SERVICE =
      new KindInfo(Service.KIND, "", "v1", "services", true, Service.class)
          .described(List.of("svc"), List.of("all"));
  public static final KindInfo ENDPOINTS =
      new KindInfo(Endpoints.KIND, "", "v1", "endpoints", true, Endpoints.class)
          .described(List.of("ep"), List.of());
  public static final KindInfo SECRET =
      new KindInfo(Secret.KIND, "", "v1", "secrets", true, Secret.class);
  public static final KindInfo CONFIG_MAP =
      new KindInfo(ConfigMap.KIND, "", "v1", "configmaps", true, ConfigMap.class)
          .described(List.of("cm"), List.of());
  public static final KindInfo NODE =
      new KindInfo(Node.KIND, "", "v1", "nodes", false, Node.class)
          .described(List.of("no"), List.of());

  /** Kept apart from the other kinds (an events map with a time to live), served read-only. */
  public static final KindInfo EVENT =
      new KindInfo(Event.KIND, "", "v1", "events", true, Event.class)
          .described(List.of("ev"), List.of());

  /**
   * The events.k8s.io/v1 view of {@link #EVENT}: the same objects, other field names. Without the
   * short name {@code ev}: kubectl warns of an ambiguous short name when two groups share it, and
   * {@code ev} means core events.
   */
  public static final KindInfo EVENTS_V1 =
      new KindInfo(EventsV1Event.KIND, "events.k8s.io", "v1", "events", true, EventsV1Event.class);

  public static final KindInfo REPLICA_SET =
      new KindInfo(ReplicaSet.KIND, "apps", "v1", "replicasets", true, ReplicaSet.class)
          .described(List.of("rs"), List.of("all"));
  public static final KindInfo DEPLOYMENT =
      new KindInfo(Deployment.KIND, "apps", "v1", "deployments", true, Deployment.class)
          .described(List.of("deploy"), List.of("all"));
  public static final KindInfo DAEMON_SET =
      new KindInfo(DaemonSet.KIND, "apps", "v1", "daemonsets", true, DaemonSet.class)
          .described(List.of("ds"), List.of("all"));
  public static final KindInfo STATEFUL_SET =
      new KindInfo(StatefulSet.KIND, "apps", "v1", "statefulsets", true, StatefulSet.class)
          .described(List.of("sts"), List.of("all"));
  public static final KindInfo CONTROLLER_REVISION =
      new KindInfo(
          ControllerRevision.KIND,
          "apps",
          "v1",
          "controllerrevisions",
          true,
          ControllerRevision.class);
  public static final KindInfo PERSISTENT_VOLUME_CLAIM =
      new KindInfo(
              PersistentVolumeClaim.KIND,
              "",
              "v1",
              "persistentvolumeclaims",
              true,
              PersistentVolumeClaim.class)
          .described(List.of("pvc"), List.of());
  public static final KindInfo PERSISTENT_VOLUME =
      new KindInfo(
              PersistentVolume.KIND, "", "v1", "persistentvolumes", false, PersistentVolume.class)
          .described(List.of("pv"), List.of());
  public static final KindInfo STORAGE_CLASS =
      new KindInfo(
              StorageClass.KIND,
              "storage.k8s.io",
              "v1",
              "storageclasses",
              false,
              StorageClass.class)
          .described(List.of("sc"), List.of());
  public static final KindInfo JOB =
      new KindInfo(Job.KIND, "batch", "v1", "jobs", true, Job.class)
          .described(List.of(), List.of("all"));
  public static final KindInfo CRON_JOB =
      new KindInfo(CronJob.KIND, "batch", "v1", "cronjobs", true, CronJob.class)
          .described(List.of("cj"), List.of("all"));
  public static final KindInfo POD_DISRUPTION_BUDGET =
      new KindInfo(
              PodDisruptionBudget.KIND,
              "policy",
              "v1",
              "poddisruptionbudgets",
              true,
              PodDisruptionBudget.class)
          .described(List.of("pdb"), List.of());

  public static final KindInfo HORIZONTAL_POD_AUTOSCALER =
      new KindInfo(
              HorizontalPodAutoscaler.KIND,
              "autoscaling",
              "v2",
              "horizontalpodautoscalers",
              true,
              HorizontalPodAutoscaler.class)
          .described(List.of("hpa"), List.of("all"));
  public static final KindInfo NETWORK_POLICY =
      new KindInfo(
              NetworkPolicy.KIND,
              "networking.k8s.io",
              "v1",
              "networkpolicies",
              true,
              NetworkPolicy.class)
          .described(List.of("netpol"), List.of());
  public static final KindInfo IP_ADDRESS =
      new KindInfo(IPAddress.KIND, "networking.k8s.io", "v1", "ipaddresses", false, IPAddress.class)
          .described(List.of("ip"), List.of());

  public static final KindInfo API_TOKEN =
      new KindInfo(ApiToken.KIND, "shoal.dev", "v1", "apitokens", false, ApiToken.class);
  public static final KindInfo CERTIFICATE_AUTHORITY =
      new KindInfo(
          CertificateAuthority.KIND,
          "shoal.dev",
          "v1",
          "certificateauthorities",
          false,
          CertificateAuthority.class);

  private static final List<KindInfo> ALL =
      List.of(
          NAMESPACE,
          POD,
          SERVICE,
          ENDPOINTS,
          SECRET,
          CONFIG_MAP,
          NODE,
          REPLICA_SET,
          DEPLOYMENT,
          DAEMON_SET,
          STATEFUL_SET,
          CONTROLLER_REVISION,
          PERSISTENT_VOLUME_CLAIM,
          PERSISTENT_VOLUME,
          STORAGE_CLASS,
          JOB,
          CRON_JOB,
          POD_DISRUPTION_BUDGET,
          HORIZONTAL_POD_AUTOSCALER,
          NETWORK_POLICY,
          IP_ADDRESS,
          API_TOKEN,
          CERTIFICATE_AUTHORITY,
          EVENT,
          EVENTS_V1);

  private ResourceKinds() {}

  public static List<KindInfo> all() {
    return ALL;
  }

  /**
   * The first kind of that name: for {@code Event}, core/v1 (the stored one), not its events.k8s.io
   * view.
   */
  public static Optional<KindInfo> byKind(String kind) {
    return ALL.stream().filter(k -> k.kind().equals(kind)).findFirst();
  }

  /** The kind only if {@code apiVersion} is also the one Shoal serves it under. */
  public static Optional<KindInfo> byApiVersionAndKind(String apiVersion, String kind) {
    return ALL.stream()
        .filter(k -> k.kind().equals(kind) && k.apiVersion().equals(apiVersion))
        .findFirst();
  }

  /** {@code group} is "" for the core group. */
  public static Optional<KindInfo> byGroupAndPlural(String group, String plural) {
    String g = group == null ? "" : group;
    return ALL.stream().filter(k -> k.group().equals(g) && k.plural().equals(plural)).findFirst();
  }

  public static Optional<KindInfo> byClass(Class<? extends Resource> type) {
    return ALL.stream().filter(k -> k.type().equals(type)).findFirst();
  }

  public static KindInfo of(Resource resource) {
    Objects.requireNonNull(resource, "resource");
    return byClass(resource.getClass())
        .orElseThrow(
            () -> new IllegalArgumentException("not a Shoal kind: " + resource.getClass()));
  }
}
