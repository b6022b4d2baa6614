package dev.shoal.agent.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.ConfigMapEnvSource;
import dev.shoal.manifests.model.ConfigMapKeySelector;
import dev.shoal.manifests.model.ConfigMapProjection;
import dev.shoal.manifests.model.ConfigMapVolumeSource;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.DownwardAPIProjection;
import dev.shoal.manifests.model.DownwardAPIVolumeFile;
import dev.shoal.manifests.model.EnvFromSource;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.EnvVarSource;
import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.ObjectFieldSelector;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.ProjectedVolumeSource;
import dev.shoal.manifests.model.ResourceFieldSelector;
import dev.shoal.manifests.model.ResourceRequirements;
import dev.shoal.manifests.model.SecretProjection;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.model.VolumeMount;
import dev.shoal.manifests.model.VolumeProjection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConfigMap and downward API environment and files, and the atomic swap of a volume's files,
 * without an engine.
 */
class ConfigMapFilesAndEnvTest {
  static final NodeCapacity NODE = new NodeCapacity(2000, 4L << 30, 100L << 30);

  static ConfigMap configMap(String name, Map<String, String> data, Map<String, String> binary) {
    return new ConfigMap(ObjectMeta.named("ns", name), data, binary, null);
  }

  static ConfigSources configMaps(ConfigMap... maps) {
    Map<String, ConfigMap> byName = new LinkedHashMap<>();
    for (ConfigMap m : maps) {
      byName.put(m.metadata().name(), m);
    }
    return new ConfigSources(Map.of(), byName);
  }

  static Pod pod(Container... containers) {
    Pod pod = TestPods.pod("web-1", "node-a", "Always", 1, List.of(containers));
    return pod.withMetadata(
            pod.metadata()
                .withNamespace("ns")
                .withLabels(Map.of("app", "web", "tier", "front"))
                .withAnnotations(Map.of("note", "say \"hi\"\n")))
        .withStatus(
            new PodStatus(
                "Pending", null, null, null, "192.0.2.10", "198.18.0.7", null, null, null));
  }

  private static EnvVar fromConfigMap(String var, String map, String key, Boolean optional) {
    return new EnvVar(
        var, null, EnvVarSource.configMap(new ConfigMapKeySelector(map, key, optional)));
  }

  @Test
  void environmentFromConfigMapsAndTheDownwardApi() {
    Container c =
        Container.of("app", "i")
            .withResources(
                new ResourceRequirements(Map.of("memory", "64Mi"), Map.of("cpu", "500m")))
            .withEnvFrom(
                List.of(
                    new EnvFromSource("CFG_", new ConfigMapEnvSource("app", null)),
                    new EnvFromSource(null, new ConfigMapEnvSource("absent", true))))
            .withEnv(
                List.of(
                    fromConfigMap("MODE", "app", "mode", null),
                    fromConfigMap("OPT", "app", "nope", true),
                    fromConfigMap("BIN", "app", "blob", true),
                    new EnvVar("NAME", null, EnvVarSource.field("metadata.name")),
                    new EnvVar("NS", null, EnvVarSource.field("metadata.namespace")),
                    new EnvVar("IP", null, EnvVarSource.field("status.podIP")),
                    new EnvVar("HOST", null, EnvVarSource.field("status.hostIP")),
                    new EnvVar("NODE", null, EnvVarSource.field("spec.nodeName")),
                    new EnvVar("APP", null, EnvVarSource.field("metadata.labels['app']")),
                    new EnvVar("NONE", null, EnvVarSource.field("metadata.labels['none']")),
                    new EnvVar(
                        "CPU_M",
                        null,
                        EnvVarSource.resource(new ResourceFieldSelector(null, "limits.cpu", "1m"))),
                    new EnvVar(
                        "CPU",
                        null,
                        EnvVarSource.resource(new ResourceFieldSelector(null, "limits.cpu", null))),
                    new EnvVar(
                        "REQ_CPU",
                        null,
                        EnvVarSource.resource(
                            new ResourceFieldSelector(null, "requests.cpu", "1m"))),
                    new EnvVar(
                        "MEM_MI",
                        null,
                        EnvVarSource.resource(
                            new ResourceFieldSelector(null, "limits.memory", "1Mi"))),
                    new EnvVar(
                        "REQ_MEM_MI",
                        null,
                        EnvVarSource.resource(
                            new ResourceFieldSelector(null, "requests.memory", "1Mi"))),
                    new EnvVar("URL", "http://$(IP):$(CFG_port)/$(MODE)")));
    ConfigSources sources =
        configMaps(
            configMap(
                "app",
                Map.of("mode", "fast", "port", "8080", "bad key", "x", "1digit", "y"),
                Map.of("blob", "AAEC")));
    Map<String, String> env = ContainerEnv.build(Map.of(), pod(c), c, sources, NODE);
    assertEquals("fast", env.get("CFG_mode"));
    assertEquals("8080", env.get("CFG_port"));
    assertFalse(env.containsKey("CFG_bad key"), "not a variable name: skipped");
    assertFalse(env.containsKey("CFG_blob"), "envFrom reads data, not binaryData");
    assertFalse(env.containsKey("BIN"), "configMapKeyRef reads data, not binaryData");
    assertFalse(env.containsKey("OPT"));
    assertEquals("fast", env.get("MODE"));
    assertEquals("web-1", env.get("NAME"));
    assertEquals("ns", env.get("NS"));
    assertEquals("198.18.0.7", env.get("IP"));
    assertEquals("192.0.2.10", env.get("HOST"));
    assertEquals("node-a", env.get("NODE"));
    assertEquals("web", env.get("APP"));
    assertEquals("", env.get("NONE"));
    assertEquals("500", env.get("CPU_M"));
    assertEquals("1", env.get("CPU"), "0.5 cores in whole cores, rounded up");
    assertEquals("500", env.get("REQ_CPU"), "no request: the limit");
    assertEquals("4096", env.get("MEM_MI"), "no limit: the node's memory");
    assertEquals("64", env.get("REQ_MEM_MI"));
    assertEquals("http://198.18.0.7:8080/fast", env.get("URL"));
  }

  @Test
  void whatAContainerWaitsFor() {
    Container c =
        Container.of("c", "i")
            .withEnv(List.of(fromConfigMap("K", "a", "k", null)))
            .withVolumeMounts(List.of(new VolumeMount("v", "/v", null)));
    Pod pod = pod(c);
    pod =
        pod.withSpec(
            pod.spec()
                .withVolumes(
                    List.of(
                        Volume.projected(
                            "v",
                            new ProjectedVolumeSource(
                                List.of(
                                    new VolumeProjection(
                                        null,
                                        new ConfigMapProjection(
                                            "b", List.of(new KeyToPath("x", "x", null)), null),
                                        null),
                                    new VolumeProjection(
                                        new SecretProjection("s", null, true), null, null)),
                                null)))));
    var names = ConfigSources.namesFor(pod, c);
    assertEquals(List.of("a", "b"), List.copyOf(names.configMaps()));
    assertEquals(List.of("s"), List.copyOf(names.secrets()));
    assertEquals("configmap \"a\" not found", ConfigSources.NONE.problem(pod, c));
    assertEquals(
        "couldn't find key k in ConfigMap ns/a",
        configMaps(configMap("a", Map.of(), Map.of("k", "AA=="))).problem(pod, c),
        "env reads data only");
    assertEquals(
        "volume \"v\": configmap \"b\" not found",
        configMaps(configMap("a", Map.of("k", "1"), null)).problem(pod, c));
    assertEquals(
        "volume \"v\": couldn't find key x in ConfigMap ns/b",
        configMaps(configMap("a", Map.of("k", "1"), null), configMap("b", Map.of(), null))
            .problem(pod, c));
    assertNull(
        configMaps(
                configMap("a", Map.of("k", "1"), null), configMap("b", null, Map.of("x", "AA==")))
            .problem(pod, c),
        "a volume item may be a binary key; the optional secret may be absent");
  }

  @Test
  void filesOfConfigMapDownwardAndProjectedVolumes() {
    Container c =
        Container.of("app", "i")
            .withResources(new ResourceRequirements(null, Map.of("memory", "128Mi")));
    Pod pod = pod(c);
    ConfigSources sources =
        new ConfigSources(
            Map.of("creds", SecretFilesAndEnvTest.secret("creds", Map.of("token", "t0k"))),
            Map.of(
                "app",
                configMap("app", Map.of("a.conf", "A", "b.conf", "B"), Map.of("bin", "AAEC"))));

    Map<String, VolumeFile> all =
        VolumePayload.files(
            Volume.configMap("v", new ConfigMapVolumeSource("app", null, 0440, null)),
            pod,
            sources,
            NODE);
    assertEquals(List.of("a.conf", "b.conf", "bin"), List.copyOf(all.keySet()));
    assertEquals(new VolumeFile(new byte[] {0, 1, 2}, 0440), all.get("bin"));

    Map<String, VolumeFile> items =
        VolumePayload.files(
            Volume.configMap(
                "v",
                new ConfigMapVolumeSource(
                    "app", List.of(new KeyToPath("a.conf", "conf/a", 0400)), null, null)),
            pod,
            sources,
            NODE);
    assertEquals(Map.of("conf/a", new VolumeFile(bytes("A"), 0400)), items);

    Map<String, VolumeFile> projected =
        VolumePayload.files(
            Volume.projected(
                "v",
                new ProjectedVolumeSource(
                    List.of(
                        new VolumeProjection(
                            null,
                            new ConfigMapProjection(
                                "app", List.of(new KeyToPath("b.conf", "b.conf", null)), null),
                            null),
                        new VolumeProjection(new SecretProjection("creds", null, null), null, null),
                        new VolumeProjection(
                            null,
                            null,
                            new DownwardAPIProjection(
                                List.of(
                                    new DownwardAPIVolumeFile(
                                        "labels",
                                        new ObjectFieldSelector("metadata.labels"),
                                        null,
                                        null),
                                    new DownwardAPIVolumeFile(
                                        "annotations",
                                        new ObjectFieldSelector("metadata.annotations"),
                                        null,
                                        0400),
                                    new DownwardAPIVolumeFile(
                                        "mem",
                                        null,
                                        new ResourceFieldSelector("app", "limits.memory", "1Mi"),
                                        null))))),
                    0444)),
            pod,
            sources,
            NODE);
    assertEquals(
        List.of("annotations", "b.conf", "labels", "mem", "token"),
        List.copyOf(projected.keySet()));
    assertEquals(new VolumeFile(bytes("B"), 0444), projected.get("b.conf"));
    assertEquals(new VolumeFile(bytes("t0k"), 0444), projected.get("token"));
    assertEquals(
        new VolumeFile(bytes("app=\"web\"\ntier=\"front\""), 0444), projected.get("labels"));
    assertEquals(
        new VolumeFile(bytes("note=\"say \\\"hi\\\"\\n\""), 0400),
        projected.get("annotations"),
        "Go's %q quoting, as kubelet writes it");
    assertEquals(new VolumeFile(bytes("128"), 0444), projected.get("mem"));
  }

  /**
   * A reader that keeps reading two files of a volume while it is rewritten over and over sees each
   * file whole, and both from one version once it has resolved {@code ..data} (as a program that
   * opens the directory once does).
   */
  @Test
  void aReaderNeverSeesHalfAChange(@TempDir Path dir) throws Exception {
    Path volume = dir.resolve("v");
    AtomicDir.write(volume, version(0));
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> mixed = new AtomicReference<>();
    AtomicInteger reads = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get() && mixed.get() == null) {
                try {
                  String visible = Files.readString(volume.resolve("conf/b"));
                  if (!visible.matches("[0-9]+ [0-9]+")) {
                    mixed.set("a torn file: " + visible);
                  }
                  Path version = volume.resolve(AtomicDir.DATA).toRealPath();
                  String a = Files.readString(version.resolve("a"));
                  String b = Files.readString(version.resolve("conf/b"));
                  reads.incrementAndGet();
                  if (!b.equals(a + " " + a)) {
                    mixed.set(a + " / " + b);
                  }
                } catch (java.io.IOException gone) {
                  // the version resolved was removed meanwhile: a reader reads again, never a mix
                }
              }
            });
    reader.start();
    for (int i = 1; i <= 100; i++) {
      assertTrue(AtomicDir.write(volume, version(i)));
    }
    done.set(true);
    reader.join();
    assertNull(mixed.get(), "a reader saw two versions at once");
    assertTrue(reads.get() > 0);
    assertEquals("100", Files.readString(volume.resolve("a")));
    assertFalse(AtomicDir.write(volume, version(100)), "the same files again change nothing");
    try (var all = Files.list(volume)) {
      assertEquals(
          4, all.count(), "..data, one version directory and the two visible names: a, conf");
    }
  }

  private static Map<String, VolumeFile> version(int i) {
    // the two files are written one after the other, so a reader of files would see a mix
    return Map.of(
        "a", new VolumeFile(bytes(Integer.toString(i)), 0644),
        "conf/b", new VolumeFile(bytes(i + " " + i), 0644));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
