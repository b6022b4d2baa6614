package dev.shoal.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.agent.cluster.ClusterConfig;
import dev.shoal.overlay.ipam.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds an {@link AgentConfig} from defaults, a JSON file, the environment and flags (in that
 * order of precedence, later wins). Flags are {@code --name value} or {@code --name=value}; the
 * matching environment variable of {@code --docker-host} is {@code SHOAL_DOCKER_HOST}; file keys
 * are the flag names without dashes' prefix ({@code "docker-host": "..."}). Unknown flags are
 * errors, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {

  /** The flags an agent understands, with their defaults (null: computed). */
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("node-name", null);
    DEFAULTS.put("data-dir", "/var/lib/shoal");
    DEFAULTS.put("api-host", "127.0.0.1");
    DEFAULTS.put("api-port", "7070");
    DEFAULTS.put("max-body-bytes", Long.toString(3L * 1024 * 1024));
    DEFAULTS.put("docker-host", "unix:///var/run/docker.sock");
    DEFAULTS.put("pod-network", "shoal");
    DEFAULTS.put("pause-image", "");
    DEFAULTS.put("crash-backoff-ms", "10000");
    DEFAULTS.put("cluster-name", "shoal");
    DEFAULTS.put("cluster-host", "");
    DEFAULTS.put("cluster-port", Integer.toString(ClusterConfig.DEFAULT_PORT));
    DEFAULTS.put("join", "");
    DEFAULTS.put("heartbeat-seconds", "1");
    DEFAULTS.put("failure-timeout-seconds", "5");
    DEFAULTS.put("min-members", "1");
    DEFAULTS.put("pod-cidr", "10.244.0.0/16");
    DEFAULTS.put("service-cidr", "10.96.0.0/12");
    DEFAULTS.put("dns-host", "");
    DEFAULTS.put("dns-port", "53");
    DEFAULTS.put("cluster-domain", "cluster.local");
    DEFAULTS.put("api-plain-http", "false");
    DEFAULTS.put("join-secret-file", "");
    DEFAULTS.put("api-requests-per-second", "200");
    DEFAULTS.put("api-watches-per-token", "100");
    DEFAULTS.put("firewall", "true");
    DEFAULTS.put("cleanup", "false");
    DEFAULTS.put("network-policies", "false");
    DEFAULTS.put("metrics-interval", "1s");
    DEFAULTS.put("metrics-window", "");
  }

  private ConfigLoader() {}

  /** Thrown for a flag, file or value the agent cannot use; the message says which and why. */
  public static final class ConfigException extends Exception {
    public ConfigException(String message) {
      super(message);
    }
  }

  public static AgentConfig load(List<String> args, Map<String, String> env)
      throws ConfigException {
    Map<String, String> flags = parseFlags(args);
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    String file = flags.getOrDefault("config", env.get("SHOAL_CONFIG"));
    if (file != null) {
      values.putAll(readFile(Path.of(file)));
    }
    for (String name : DEFAULTS.keySet()) {
      String fromEnv = env.get("SHOAL_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (fromEnv != null) {
        values.put(name, fromEnv);
      }
    }
    flags.remove("config");
    values.putAll(flags);
    if (values.get("docker-host").equals(DEFAULTS.get("docker-host"))
        && env.containsKey("DOCKER_HOST")) {
      values.put("docker-host", env.get("DOCKER_HOST"));
    }
    return build(values, env.get("SHOAL_JOIN_SECRET"));
  }

  /** The configuration with every default, for tests and embedding. */
  public static AgentConfig defaults() {
    try {
      return load(List.of(), Map.of());
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AgentConfig build(Map<String, String> v, String secretFromEnv)
      throws ConfigException {
    String nodeName = v.get("node-name");
    if (nodeName == null || nodeName.isBlank()) {
      nodeName = hostName();
    }
    return new AgentConfig(
        nodeName.toLowerCase(Locale.ROOT),
        Path.of(v.get("data-dir")),
        v.get("api-host"),
        intValue(v, "api-port", 0, 65535),
        longValue(v, "max-body-bytes", 1024, Long.MAX_VALUE),
        v.get("docker-host"),
        v.get("pod-network"),
        v.get("pause-image"),
        longValue(v, "crash-backoff-ms", 1, 300_000),
        cluster(v),
        cidr(v, "pod-cidr"),
        cidr(v, "service-cidr"),
        v.get("dns-host"),
        intValue(v, "dns-port", 0, 65535),
        v.get("cluster-domain"),
        security(v, secretFromEnv),
        bool(v, "cleanup"),
        MetricsConfig.parse(v.get("metrics-interval"), v.get("metrics-window")),
        bool(v, "network-policies"));
  }

  private static SecurityConfig security(Map<String, String> v, String secretFromEnv)
      throws ConfigException {
    boolean plain = bool(v, "api-plain-http");
    if (plain && !isLoopback(v.get("api-host"))) {
      throw new ConfigException(
          "--api-plain-http serves the API without TLS, so it is allowed on a loopback"
              + " address only, not --api-host "
              + v.get("api-host"));
    }
    String secret = secretFromEnv;
    String file = v.get("join-secret-file");
    if (file != null && !file.isBlank()) {
      try {
        secret = Files.readString(Path.of(file)).trim();
      } catch (IOException e) {
        throw new ConfigException("cannot read --join-secret-file " + file + ": " + e.getMessage());
      }
    }
    if (secret != null && secret.length() < 16) {
      throw new ConfigException("the join secret must be at least 16 characters long");
    }
    return new SecurityConfig(
        plain,
        secret == null || secret.isBlank() ? null : secret,
        intValue(v, "api-requests-per-second", 1, 1_000_000),
        intValue(v, "api-watches-per-token", 1, 100_000),
        bool(v, "firewall"));
  }

  private static boolean isBoolean(String name) {
    String fallback = DEFAULTS.get(name);
    return "true".equals(fallback) || "false".equals(fallback);
  }

  private static boolean bool(Map<String, String> v, String name) throws ConfigException {
    String value = v.get(name).trim().toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new ConfigException("--" + name + " must be true or false, not '" + v.get(name) + "'");
    }
    return value.equals("true");
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A CIDR flag's value, or the reason it is not one (e.g. host bits set, with the network meant).
   */
  private static String cidr(Map<String, String> v, String name) throws ConfigException {
    var parsed = Cidr.parse("--" + name, v.get(name));
    if (parsed.refusal().isPresent()) {
      throw new ConfigException(
          parsed.refusal().get().field() + ": " + parsed.refusal().get().reason());
    }
    return v.get(name);
  }

  private static ClusterConfig cluster(Map<String, String> v) throws ConfigException {
    long heartbeat = longValue(v, "heartbeat-seconds", 1, 60);
    long timeout = longValue(v, "failure-timeout-seconds", 2, 600);
    if (timeout <= heartbeat) {
      throw new ConfigException(
          "--failure-timeout-seconds ("
              + timeout
              + ") must be longer than --heartbeat-seconds ("
              + heartbeat
              + ")");
    }
    int port = intValue(v, "cluster-port", 0, 65535);
    if (port == 0 && bool(v, "firewall")) {
      // the firewall opens and closes the cluster port by number, so it must know it beforehand
      throw new ConfigException("--cluster-port 0 (any free port) needs --firewall false");
    }
    return new ClusterConfig(
        v.get("cluster-name"),
        v.get("cluster-host"),
        port,
        ClusterConfig.parseJoin(v.get("join")),
        Duration.ofSeconds(heartbeat),
        Duration.ofSeconds(timeout),
        intValue(v, "min-members", 1, 1000),
        ClusterConfig.defaults().restoreWindow());
  }

  private static Map<String, String> parseFlags(List<String> args) throws ConfigException {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new ConfigException(
            "unexpected argument '" + arg + "': flags look like --name value");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (isBoolean(name) && (i + 1 >= args.size() || args.get(i + 1).startsWith("--"))) {
        value = "true"; // a bare --cleanup
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new ConfigException("flag --" + name + " needs a value");
      }
      if (!DEFAULTS.containsKey(name) && !name.equals("config")) {
        throw new ConfigException(
            "unknown flag --"
                + name
                + "; known flags: --config, --"
                + String.join(", --", DEFAULTS.keySet()));
      }
      flags.put(name, value);
    }
    return flags;
  }

  private static Map<String, String> readFile(Path file) throws ConfigException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("config file " + file + " must hold a JSON object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
      if (!DEFAULTS.containsKey(field.getKey())) {
        throw new ConfigException(
            "config file " + file + ": unknown key \"" + field.getKey() + "\"");
      }
      values.put(field.getKey(), field.getValue().asText());
    }
    return values;
  }

  private static int intValue(Map<String, String> v, String name, int min, int max)
      throws ConfigException {
    return (int) longValue(v, name, min, max);
  }

  private static long longValue(Map<String, String> v, String name, long min, long max)
      throws ConfigException {
    try {
      long value = Long.parseLong(v.get(name).trim());
      if (value < min || value > max) {
        throw new ConfigException(
            "--" + name + " must be between " + min + " and " + max + ", not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException("--" + name + " must be a whole number, not '" + v.get(name) + "'");
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
