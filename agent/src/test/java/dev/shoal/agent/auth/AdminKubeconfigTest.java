package dev.shoal.agent.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin's kubeconfig, as the real kubectl reads it back. */
class AdminKubeconfigTest {

  static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  @Test
  void kubectlReadsServerCaTokenAndContext(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(AdminBootstrap.FILE_NAME), "s3cr3t-token\n");
    Path file =
        AdminKubeconfig.writeIfAdminHere(dir, "prod \"east\"", "https://192.0.2.11:6443", CA)
            .orElseThrow();
    assertEquals(dir.resolve("admin.kubeconfig"), file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    JsonObject config =
        new JsonObject(
            kubectl("config", "view", "--raw", "-o", "json", "--kubeconfig", file.toString()));
    JsonObject cluster = config.getJsonArray("clusters").getJsonObject(0);
    assertEquals("prod \"east\"", cluster.getString("name"));
    assertEquals("https://192.0.2.11:6443", cluster.getJsonObject("cluster").getString("server"));
    assertEquals(
        CA,
        new String(
            Base64.getDecoder()
                .decode(cluster.getJsonObject("cluster").getString("certificate-authority-data")),
            StandardCharsets.US_ASCII));
    assertEquals(
        "s3cr3t-token",
        config.getJsonArray("users").getJsonObject(0).getJsonObject("user").getString("token"));
    assertEquals("cluster-admin@prod \"east\"", config.getString("current-context"));
    assertEquals(
        "default",
        config
            .getJsonArray("contexts")
            .getJsonObject(0)
            .getJsonObject("context")
            .getString("namespace"));
  }

  @Test
  void plainHttpHasNoCaAndANodeWithoutTheTokenWritesNothing(@TempDir Path dir) throws Exception {
    assertTrue(AdminKubeconfig.writeIfAdminHere(dir, "c", "http://127.0.0.1:1", null).isEmpty());
    assertTrue(Files.notExists(dir.resolve("admin.kubeconfig")));
    String text = AdminKubeconfig.render("c", "http://127.0.0.1:8080", null, "t");
    assertTrue(!text.contains("certificate-authority"), text);
  }

  static String kubectl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "kubectl";
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), out);
    return out;
  }
}
