package dev.shoal.agent.auth;

import dev.shoal.agent.config.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * A kubeconfig for the admin, {@code admin.kubeconfig} beside {@code admin.token}: this node's API
 * URL, the cluster CA (inline, so the file works on its own) and the token, mode 0600 like the
 * token. Written at every start of the node that holds the token, so the URL follows the port and
 * address the node serves on now.
 */
public final class AdminKubeconfig {

  public static final String FILE_NAME = "admin.kubeconfig";

  private AdminKubeconfig() {}

  /**
   * The kubeconfig text; {@code caPem} null for a plain-HTTP API. Names (cluster, user, context)
   * are the cluster's name and {@code cluster-admin}.
   */
  public static String render(String clusterName, String server, String caPem, String token) {
    String cluster = yamlString(clusterName);
    String user = yamlString(AdminBootstrap.TOKEN_NAME);
    String context = yamlString(AdminBootstrap.TOKEN_NAME + "@" + clusterName);
    StringBuilder out = new StringBuilder();
    out.append("apiVersion: v1\n");
    out.append("kind: Config\n");
    out.append("clusters:\n");
    out.append("- name: ").append(cluster).append('\n');
    out.append("  cluster:\n");
    out.append("    server: ").append(yamlString(server)).append('\n');
    if (caPem != null) {
      out.append("    certificate-authority-data: ")
          .append(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)))
          .append('\n');
    }
    out.append("users:\n");
    out.append("- name: ").append(user).append('\n');
    out.append("  user:\n");
    out.append("    token: ").append(yamlString(token)).append('\n');
    out.append("contexts:\n");
    out.append("- name: ").append(context).append('\n');
    out.append("  context:\n");
    out.append("    cluster: ").append(cluster).append('\n');
    out.append("    user: ").append(user).append('\n');
    out.append("    namespace: default\n");
    out.append("current-context: ").append(context);
    return out.toString();
  }

  /**
   * Writes the kubeconfig when {@code dataDir} holds the admin token (this node made it); empty
   * otherwise. Blocking: call from a worker thread.
   */
  public static Optional<Path> writeIfAdminHere(
      Path dataDir, String clusterName, String server, String caPem) throws IOException {
    Path tokenFile = dataDir.resolve(AdminBootstrap.FILE_NAME);
    if (!Files.exists(tokenFile)) {
      return Optional.empty();
    }
    String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
    Path file = dataDir.resolve(FILE_NAME);
    PrivateFiles.write(file, render(clusterName, server, caPem, token));
    return Optional.of(file);
  }

  /** A double-quoted YAML scalar: names and URLs stay strings whatever they contain. */
  private static String yamlString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
