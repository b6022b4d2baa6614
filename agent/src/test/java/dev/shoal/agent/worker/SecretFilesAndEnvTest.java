package dev.shoal.agent.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EnvFromSource;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.EnvVarSource;
import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretEnvSource;
import dev.shoal.manifests.model.SecretKeySelector;
import dev.shoal.manifests.model.SecretVolumeSource;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.model.VolumeMount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret volume files and secret environment, without an engine. */
class SecretFilesAndEnvTest {

  static Secret secret(String name, Map<String, String> plain) {
    Map<String, String> data = new TreeMap<>();
    plain.forEach(
        (k, v) ->
            data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new Secret(ObjectMeta.named("ns", name), "Opaque", data, null, null);
  }

  static final dev.shoal.manifests.model.Pod POD =
      TestPods.pod("p", "n", "Always", 1, List.of()).withMetadata(ObjectMeta.named("ns", "p"));
  static final NodeCapacity NODE = new NodeCapacity(2000, 1L << 30, 10L << 30);

  static ConfigSources secrets(Map<String, Secret> secrets) {
    return new ConfigSources(secrets, Map.of());
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void everyKeyAsAFileWithTheDefaultModeThenOnlyWhatIsStillWanted(@TempDir Path dir)
      throws Exception {
    Path root = dir.resolve("secrets");
    Path volume = root.resolve("uid-1").resolve("creds");
    VolumeDirs.privateDirs(root, root.resolve("uid-1"));
    VolumeDirs.write(
        volume,
        new SecretVolumeSource("s", null, null, null),
        secret("s", Map.of("a", "1", "b", "2")));
    assertEquals("1", Files.readString(volume.resolve("a")));
    assertEquals("rw-r--r--", mode(volume.resolve("a")), "Kubernetes' default 0644");
    assertEquals("rwx------", mode(root));
    assertEquals("rwx------", mode(root.resolve("uid-1")));
    assertEquals("rwxr-xr-x", mode(volume));
    assertTrue(Files.isSymbolicLink(volume.resolve("a")), "each name goes through ..data");

    SecretVolumeSource items =
        new SecretVolumeSource(
            "s",
            List.of(
                new KeyToPath("b", "x/y/b.txt", 0400), new KeyToPath("b", "../../escape", null)),
            0440,
            null);
    VolumeDirs.write(volume, items, secret("s", Map.of("a", "1", "b", "2")));
    assertFalse(Files.exists(volume.resolve("a")), "a is no longer an item");
    assertEquals("2", Files.readString(volume.resolve("x/y/b.txt")));
    assertEquals("r--------", mode(volume.resolve("x/y/b.txt")));
    assertFalse(Files.exists(root.resolve("escape")), "never outside the volume");
    try (var all = Files.walk(volume)) {
      assertTrue(
          all.noneMatch(p -> p.getFileName().toString().startsWith("..tmp")),
          "no temporary files left");
    }

    try (var all = Files.list(volume)) {
      assertEquals(
          List.of("..data", "x"),
          all.map(p -> p.getFileName().toString())
              .filter(n -> !n.startsWith("..2"))
              .sorted()
              .toList(),
          "the link, the one visible name, and the one version directory it points to");
    }
    try (var all = Files.list(volume)) {
      assertEquals(1, all.filter(p -> p.getFileName().toString().startsWith("..2")).count());
    }

    VolumeDirs.write(volume, items, null);
    try (var all = Files.list(volume)) {
      assertEquals(
          0,
          all.filter(p -> !p.getFileName().toString().startsWith("..")).count(),
          "an absent optional secret leaves the volume empty");
    }
  }

  @Test
  void environmentInKubeletOrder() {
    Container c =
        Container.of("c", "i")
            .withEnvFrom(
                List.of(
                    new EnvFromSource("DB_", new SecretEnvSource("db", null)),
                    new EnvFromSource(null, new SecretEnvSource("absent", true))))
            .withEnv(
                List.of(
                    new EnvVar(
                        "PASS", null, new EnvVarSource(new SecretKeySelector("db", "pass", null))),
                    new EnvVar("URL", "u:$(PASS)@$(SVC_HOST)"),
                    new EnvVar(
                        "OPT", null, new EnvVarSource(new SecretKeySelector("db", "nope", true)))));
    Map<String, String> service = new LinkedHashMap<>(Map.of("SVC_HOST", "10.0.0.1"));
    ConfigSources secrets =
        secrets(Map.of("db", secret("db", Map.of("pass", "p4ss", "bad key", "x"))));
    Map<String, String> env = ContainerEnv.build(service, POD, c, secrets, NODE);
    assertEquals(List.of("SVC_HOST", "DB_pass", "PASS", "URL"), List.copyOf(env.keySet()));
    assertEquals("p4ss", env.get("DB_pass"));
    assertEquals("u:p4ss@10.0.0.1", env.get("URL"));
    assertEquals(
        "u:$(PASS)@10.0.0.1",
        ContainerEnv.build(service, POD, c, ConfigSources.NONE, NODE).get("URL"),
        "without secrets (when planning) the reference stays as written");
  }

  @Test
  void whatAContainerWaitsFor() {
    var pod =
        TestPods.pod("p", "n", "Always", 1, List.of()).withMetadata(ObjectMeta.named("ns", "p"));
    Container c =
        Container.of("c", "i")
            .withEnv(
                List.of(
                    new EnvVar("K", null, new EnvVarSource(new SecretKeySelector("a", "k", null)))))
            .withVolumeMounts(List.of(new VolumeMount("v", "/v", null)));
    pod =
        pod.withSpec(
            pod.spec()
                .withVolumes(
                    List.of(
                        new Volume(
                            "v",
                            null,
                            null,
                            new SecretVolumeSource(
                                "b", List.of(new KeyToPath("x", "x", null)), null, null)))));
    assertEquals(List.of("a", "b"), List.copyOf(ConfigSources.namesFor(pod, c).secrets()));
    assertEquals("secret \"a\" not found", ConfigSources.NONE.problem(pod, c));
    assertEquals(
        "couldn't find key k in Secret ns/a",
        secrets(Map.of("a", secret("a", Map.of()))).problem(pod, c));
    assertEquals(
        "volume \"v\": secret \"b\" not found",
        secrets(Map.of("a", secret("a", Map.of("k", "1")))).problem(pod, c));
    assertEquals(
        "volume \"v\": couldn't find key x in Secret ns/b",
        secrets(Map.of("a", secret("a", Map.of("k", "1")), "b", secret("b", Map.of())))
            .problem(pod, c));
    assertNull(
        secrets(Map.of("a", secret("a", Map.of("k", "1")), "b", secret("b", Map.of("x", "2"))))
            .problem(pod, c));
  }

  @Test
  void secretVolumesDefaultUnderRunPerDataDirectory() {
    Path a = WorkerConfig.defaults(Path.of("/var/lib/shoal-a"), "192.0.2.1").secretsDir();
    Path b = WorkerConfig.defaults(Path.of("/var/lib/shoal-b"), "192.0.2.1").secretsDir();
    boolean run = Files.isDirectory(Path.of("/run")) && Files.isWritable(Path.of("/run"));
    assertTrue(
        run ? a.startsWith("/run/shoal/") : a.equals(Path.of("/var/lib/shoal-a/secrets")),
        a::toString);
    assertFalse(a.equals(b), "agents sharing a host keep apart");
  }
}
