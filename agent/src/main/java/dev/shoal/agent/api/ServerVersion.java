package dev.shoal.agent.api;

import dev.shoal.agent.config.AgentConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /version} in Kubernetes' shape. {@code gitVersion} is the Kubernetes API level Shoal
 * follows, with Shoal's own version as a pre-release part ({@code v1.32.0-shoal.0.1.0}): it parses
 * as semantic version the way kubectl parses it, so kubectl 1.31 to 1.33 see a supported skew.
 */
final class ServerVersion {

  /** The Kubernetes release whose API Shoal serves. */
  static final int MAJOR = 1;

  static final int MINOR = 32;

  private ServerVersion() {}

  static String gitVersion() {
    return "v" + MAJOR + "." + MINOR + ".0-shoal." + AgentConfig.VERSION;
  }

  static Map<String, Object> info() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("major", Integer.toString(MAJOR));
    info.put("minor", Integer.toString(MINOR));
    info.put("gitVersion", gitVersion());
    info.put("gitCommit", "");
    info.put("gitTreeState", "");
    info.put("buildDate", "");
    info.put("goVersion", "");
    info.put("compiler", "javac " + Runtime.version().feature());
    info.put(
        "platform",
        System.getProperty("os.name").toLowerCase(Locale.ROOT)
            + "/"
            + goArch(System.getProperty("os.arch")));
    return info;
  }

  /** Java's name of the machine's architecture as Go (and so kubectl) names it. */
  private static String goArch(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> javaArch;
    };
  }
}
