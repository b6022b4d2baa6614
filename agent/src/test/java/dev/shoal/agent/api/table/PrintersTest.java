package dev.shoal.agent.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.CronJobSpec;
import dev.shoal.manifests.model.CronJobStatus;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.DaemonSetSpec;
import dev.shoal.manifests.model.DaemonSetStatus;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentSpec;
import dev.shoal.manifests.model.DeploymentStatus;
import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventSeries;
import dev.shoal.manifests.model.EventSource;
import dev.shoal.manifests.model.EventsV1Event;
import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.IPAddressSpec;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobCondition;
import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.JobStatus;
import dev.shoal.manifests.model.JobTemplateSpec;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.LabelSelectorRequirement;
import dev.shoal.manifests.model.LoadBalancerIngress;
import dev.shoal.manifests.model.LoadBalancerStatus;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.NamespaceStatus;
import dev.shoal.manifests.model.NetworkPolicy;
import dev.shoal.manifests.model.NetworkPolicySpec;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeAddress;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.NodeStatus;
import dev.shoal.manifests.model.NodeSystemInfo;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.ParentReference;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.ReplicaSetSpec;
import dev.shoal.manifests.model.ReplicaSetStatus;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.manifests.model.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each kind's row next to the one upstream's printer gives the same object (cells as kubectl's
 * {@code -o wide} shows them), and that every printer fills exactly its columns.
 */
class PrintersTest {

  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void deployment() {
    Deployment d =
        new Deployment(
            meta("web", 300),
            new DeploymentSpec(
                3,
                LabelSelector.matching(Map.of("app", "web")),
                template("web", "nginx:1"),
                null,
                null,
                null,
                null,
                null),
            new DeploymentStatus(3, 2, 1, 1, 2, 1L, null));
    assertRow(d, "web", "1/3", 2L, 1L, "5m", "web", "nginx:1", "app=web");
  }

  @Test
  void daemonSetShowsItsCountsAndTheTemplatesNodeSelector() {
    PodTemplateSpec base = template("agent", "agent:2");
    PodTemplateSpec t =
        new PodTemplateSpec(null, base.spec().withNodeSelector(Map.of("disk", "ssd")));
    DaemonSet d =
        new DaemonSet(
            meta("node-agent", 7200),
            new DaemonSetSpec(LabelSelector.matching(Map.of("app", "agent")), t, null, null, null),
            new DaemonSetStatus(3, 0, 3, 2, 1L, 1, 2, 1));
    assertRow(
        d, "node-agent", 3L, 3L, 2L, 1L, 2L, "disk=ssd", "120m", "agent", "agent:2", "app=agent");
  }

  @Test
  void configMapCountsTextAndBinaryKeys() {
    ConfigMap cm =
        new ConfigMap(
            meta("settings", 90), Map.of("a", "1", "b", "2"), Map.of("logo", "AAEC"), null);
    assertRow(cm, "settings", 3L, "90s");
  }

  @Test
  void replicaSetWithExpressionSelector() {
    LabelSelector selector =
        new LabelSelector(
            Map.of("app", "web"),
            List.of(new LabelSelectorRequirement("tier", "In", List.of("front"))));
    ReplicaSet rs =
        new ReplicaSet(
            meta("web-1", 50),
            new ReplicaSetSpec(2, null, selector, template("a", "x:1")),
            new ReplicaSetStatus(2, 1, 1, 2, 1L));
    assertRow(rs, "web-1", 2L, 2L, 1L, "50s", "a", "x:1", "app=web,tier in (front)");
  }

  @Test
  void servicesOfEachType() {
    Service clusterIp =
        service(
            "web",
            "ClusterIP",
            "10.96.0.5",
            List.of(new ServicePort("http", "TCP", 80, null, null)),
            null);
    assertRow(clusterIp, "web", "ClusterIP", "10.96.0.5", "<none>", "80/TCP", "60s", "app=web");
    Service nodePort =
        service(
            "np",
            "NodePort",
            "10.96.0.6",
            List.of(
                new ServicePort("a", "TCP", 80, null, 30080),
                new ServicePort("b", "UDP", 53, null, 30053)),
            null);
    assertRow(
        nodePort,
        "np",
        "NodePort",
        "10.96.0.6",
        "<none>",
        "80:30080/TCP,53:30053/UDP",
        "60s",
        "app=web");
    Service pending =
        service(
            "lb",
            "LoadBalancer",
            "10.96.0.7",
            List.of(new ServicePort(null, null, 443, null, 31443)),
            null);
    assertRow(
        pending, "lb", "LoadBalancer", "10.96.0.7", "<pending>", "443:31443/TCP", "60s", "app=web");
    Service served =
        service(
            "lb2",
            "LoadBalancer",
            "10.96.0.8",
            List.of(new ServicePort(null, "TCP", 443, null, 31444)),
            new ServiceStatus(
                new LoadBalancerStatus(List.of(new LoadBalancerIngress("192.0.2.9", null)))));
    assertRow(
        served, "lb2", "LoadBalancer", "10.96.0.8", "192.0.2.9", "443:31444/TCP", "60s", "app=web");
    Service headless = service("db", null, "None", List.of(), null);
    assertRow(headless, "db", "ClusterIP", "None", "<none>", "<none>", "60s", "app=web");
  }

  @Test
  void endpointsShowThreeThenHowManyMore() {
    List<EndpointAddress> four =
        List.of(addr("10.0.0.1"), addr("10.0.0.2"), addr("10.0.0.3"), addr("10.0.0.4"));
    Endpoints many =
        new Endpoints(
            meta("web", 10),
            List.of(
                new EndpointSubset(four, null, List.of(new EndpointPort("http", 8080, "TCP")))));
    assertRow(many, "web", "10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...", "10s");
    Endpoints headless =
        new Endpoints(
            meta("db", 10), List.of(new EndpointSubset(List.of(addr("10.0.0.9")), null, null)));
    assertRow(headless, "db", "10.0.0.9", "10s");
    assertRow(new Endpoints(meta("none", 10), null), "none", "<none>", "10s");
  }

  @Test
  void nodes() {
    Node ready =
        new Node(
            meta(
                "h1",
                7200,
                Map.of("node-role.kubernetes.io/control-plane", "", "kubernetes.io/role", "edge")),
            new NodeSpec(null, null, true, null),
            new NodeStatus(
                null,
                null,
                List.of(new NodeCondition("Ready", "True", null, null, null, null)),
                List.of(
                    new NodeAddress("InternalIP", "192.0.2.11"), new NodeAddress("Hostname", "h1")),
                new NodeSystemInfo(
                    null,
                    "6.1.0",
                    "Debian GNU/Linux 12",
                    "docker://20.10.24",
                    "v1.32.0",
                    "linux",
                    "amd64")));
    assertRow(
        ready,
        "h1",
        "Ready,SchedulingDisabled",
        "control-plane,edge",
        "120m",
        "v1.32.0",
        "192.0.2.11",
        "<none>",
        "Debian GNU/Linux 12",
        "6.1.0",
        "docker://20.10.24");
    Node silent = new Node(meta("h2", 60), null, null);
    assertRow(
        silent,
        "h2",
        "Unknown",
        "<none>",
        "60s",
        "",
        "<none>",
        "<none>",
        "<unknown>",
        "<unknown>",
        "<unknown>");
    Node notReady =
        new Node(
            meta("h3", 60),
            null,
            new NodeStatus(
                null,
                null,
                List.of(new NodeCondition("Ready", "Unknown", null, null, null, null)),
                null,
                null));
    assertEquals("NotReady", Printers.of(Node.class).cells(notReady, NOW).get(1));
  }

  @Test
  void namespacesAndSecretsAndPolicies() {
    assertRow(
        new Namespace(meta("shop", 86400 * 3), null, new NamespaceStatus("Active")),
        "shop",
        "Active",
        "3d");
    assertRow(
        new Secret(meta("creds", 5), null, Map.of("a", "eA==", "b", "eQ=="), null, null),
        "creds",
        "Opaque",
        2L,
        "5s");
    assertRow(
        new NetworkPolicy(
            meta("deny", 5),
            new NetworkPolicySpec(new LabelSelector(null, null), null, null, null)),
        "deny",
        "<none>",
        "5s");
    assertRow(
        new NetworkPolicy(
            meta("db", 5),
            new NetworkPolicySpec(LabelSelector.matching(Map.of("app", "db")), null, null, null)),
        "db",
        "app=db",
        "5s");
  }

  @Test
  void jobsAndCronJobs() {
    JobSpec spec =
        new JobSpec(
            null,
            3,
            null,
            null,
            LabelSelector.matching(Map.of("job", "j")),
            null,
            template("w", "busybox"),
            null,
            null,
            null);
    Job done =
        new Job(
            meta("j", 600),
            spec,
            new JobStatus(
                List.of(new JobCondition("Complete", "True", null, null, null, null)),
                NOW.minusSeconds(590),
                NOW.minusSeconds(545),
                0,
                3,
                0,
                null,
                null,
                null));
    assertRow(done, "j", "Complete", "3/3", "45s", "10m", "w", "busybox", "job=j");
    Job running =
        new Job(
            meta("k", 60),
            new JobSpec(
                2, null, null, null, null, null, template("w", "busybox"), null, null, null),
            new JobStatus(null, NOW.minusSeconds(50), null, 2, 0, 0, null, null, null));
    assertRow(running, "k", "Running", "0/1 of 2", "50s", "60s", "w", "busybox", "");
    CronJob cron =
        new CronJob(
            meta("nightly", 86400 * 10),
            new CronJobSpec(
                "0 3 * * *", null, null, null, false, new JobTemplateSpec(null, spec), null, null),
            new CronJobStatus(
                List.of(new ObjectReference("Job", "ns", "nightly-1", null, null, null, null)),
                NOW.minusSeconds(3600 * 7),
                null));
    assertRow(
        cron, "nightly", "0 3 * * *", "<none>", "False", 1L, "7h", "10d", "w", "busybox", "job=j");
  }

  @Test
  void eventsInBothViews() {
    Event event =
        new Event(
            meta("web-1.abc", 100),
            new ObjectReference("Pod", "ns", "web-1", null, "v1", null, "spec.containers{web}"),
            "BackOff",
            " Back-off restarting failed container \n",
            new EventSource("kubelet", "h1"),
            NOW.minusSeconds(100),
            NOW.minusSeconds(10),
            7,
            "Warning",
            null,
            null,
            null,
            null,
            null,
            null);
    assertRow(
        event,
        "10s",
        "Warning",
        "BackOff",
        "pod/web-1",
        "spec.containers{web}",
        "kubelet, h1",
        "Back-off restarting failed container",
        "100s",
        7L,
        "web-1.abc");
    EventsV1Event series =
        new EventsV1Event(
            meta("web.def", 100),
            NOW.minusSeconds(200),
            new EventSeries(4, NOW.minusSeconds(3)),
            "deployment-controller",
            null,
            null,
            "ScalingReplicaSet",
            new ObjectReference("Deployment", "ns", "web", null, null, null, null),
            null,
            "Scaled up",
            "Normal",
            null,
            null,
            null,
            null);
    assertRow(
        series,
        "3s",
        "Normal",
        "ScalingReplicaSet",
        "deployment/web",
        "",
        "deployment-controller",
        "Scaled up",
        "3m20s",
        4L,
        "web.def");
  }

  @Test
  void ipAddressesAndKindsWithoutAPrinter() {
    assertRow(
        new IPAddress(
            meta("10.96.0.5", 5),
            new IPAddressSpec(new ParentReference("", "services", "shop", "web"))),
        "10.96.0.5",
        "services/shop/web");
    assertEquals(
        List.of("Name", "Age"),
        Printers.of(Resource.class).columns().stream().map(Column::name).toList());
  }

  static void assertRow(Resource object, Object... cells) {
    Printer<Resource> printer = Printers.of(object.getClass());
    List<Object> row = printer.cells(object, NOW);
    assertEquals(List.of(cells), row);
    assertEquals(printer.columns().size(), row.size(), "one cell per column");
  }

  static ObjectMeta meta(String name, long ageSeconds) {
    return meta(name, ageSeconds, null);
  }

  static ObjectMeta meta(String name, long ageSeconds, Map<String, String> labels) {
    return new ObjectMeta(
        name,
        null,
        "ns",
        labels,
        null,
        null,
        "1",
        null,
        NOW.minusSeconds(ageSeconds),
        null,
        null,
        null,
        null);
  }

  static PodTemplateSpec template(String container, String image) {
    return new PodTemplateSpec(null, PodSpec.of(List.of(Container.of(container, image))));
  }

  static Service service(
      String name, String type, String ip, List<ServicePort> ports, ServiceStatus status) {
    return new Service(
        meta(name, 60),
        new ServiceSpec(type, Map.of("app", "web"), ports, ip, null, null, null),
        status);
  }

  static EndpointAddress addr(String ip) {
    return new EndpointAddress(ip, null, null, null);
  }
}
