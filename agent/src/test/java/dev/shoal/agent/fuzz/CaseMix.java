package dev.shoal.agent.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Draws the run's cases from one seeded {@link Random}: creates, replaces and merge patches of
 * mutated manifests on every kind's path, multi-document {@code /apply}, hostile bodies, reads and
 * watches with garbage parameters, and requests that are odd in themselves (content types, headers,
 * query strings, methods). Replaces and patches aim at objects that exist, read through {@code
 * existing}, so the same seed against the same server gives the same cases.
 */
final class CaseMix {

  static final String OTHER_NAMESPACE = "fuzz";

  /**
   * A protocol version no server speaks: Vert.x answers it with 501 Not Implemented before any
   * Shoal code runs (RFC 9110 would say 505); the one 5xx the run allows, counted apart.
   */
  static final String UNKNOWN_VERSION = "HTTP/9.9";

  private static final List<String> MANIFEST_TYPES =
      List.of(
          "application/json",
          "application/yaml",
          "application/x-yaml",
          "text/yaml",
          "application/json; charset=utf-8");
  private static final List<String> ODD_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "application/octet-stream",
          "garbage",
          "application/json; charset=utf-16",
          "multipart/form-data; boundary=zz",
          "application/x-www-form-urlencoded",
          "*/*",
          "application/",
          ";;;",
          "APPLICATION/JSON",
          "application/merge-patch+json",
          "application/json-patch+json");
  private static final List<String> PATCH_TYPES =
      List.of(
          "application/merge-patch+json",
          "application/merge-patch+json",
          "application/merge-patch+json",
          "application/strategic-merge-patch+json",
          "application/apply-patch+yaml",
          "application/json-patch+json",
          "application/json",
          "text/plain");

  private final Random random;
  private final Seeds seeds;
  private final HostileTexts hostile;
  private final Function<KindInfo, List<Resource>> existing;

  CaseMix(long seed, Function<KindInfo, List<Resource>> existing) {
    this.random = new Random(seed);
    this.seeds = new Seeds(random);
    this.hostile = new HostileTexts(random);
    this.existing = existing;
  }

  FuzzCase next(int index) {
    int roll = random.nextInt(100);
    if (roll < 33) {
      return create(index);
    } else if (roll < 45) {
      return replace(index);
    } else if (roll < 57) {
      return patch(index);
    } else if (roll < 69) {
      return apply(index);
    } else if (roll < 81) {
      return hostileBody(index);
    } else if (roll < 87) {
      return read(index);
    } else if (roll < 91) {
      return watch(index);
    }
    return oddRequest(index);
  }

  private FuzzCase create(int index) {
    KindInfo kind = kind();
    String namespace = namespace();
    boolean json = random.nextBoolean();
    Rendering rendering = new Rendering();
    ObjectNode tree = seeds.manifest(kind, namespace, seeds.name());
    String label = mutate(tree, rendering, json, "create");
    return FuzzCase.request(
        index,
        label + "[" + kind.kind() + "]",
        HttpMethod.POST,
        collection(kind, namespace),
        manifestType(json),
        json ? rendering.json(tree) : rendering.yaml(tree));
  }

  private FuzzCase replace(int index) {
    KindInfo kind = kind();
    Resource target = existingOf(kind);
    String namespace = target == null ? namespace() : target.metadata().namespace();
    String name = target == null ? itemName() : target.metadata().name();
    boolean json = random.nextBoolean();
    Rendering rendering = new Rendering();
    ObjectNode tree = seeds.manifest(kind, namespace, name);
    if (target != null && random.nextBoolean()) {
      String stale = "1";
      ((ObjectNode) tree.get("metadata"))
          .put(
              "resourceVersion",
              random.nextInt(3) == 0 ? stale : target.metadata().resourceVersion());
    }
    String label = mutate(tree, rendering, json, "replace");
    String uri = item(kind, namespace, name) + (random.nextInt(8) == 0 ? "/status" : "");
    return FuzzCase.request(
        index,
        label + "[" + kind.kind() + "]",
        HttpMethod.PUT,
        uri,
        manifestType(json),
        json ? rendering.json(tree) : rendering.yaml(tree));
  }

  private FuzzCase patch(int index) {
    KindInfo kind = kind();
    Resource target = existingOf(kind);
    String namespace = target == null ? namespace() : target.metadata().namespace();
    String name = target == null ? itemName() : target.metadata().name();
    ObjectNode whole = seeds.manifest(kind, namespace, name);
    ObjectNode patch = whole.objectNode();
    // A part of a valid manifest: labels, the spec, or one field of the spec.
    switch (random.nextInt(3)) {
      case 0 -> patch.putObject("metadata").set("labels", whole.get("metadata").get("labels"));
      case 1 -> patch.set("spec", whole.has("spec") ? whole.get("spec") : whole.objectNode());
      default -> patch.putObject("metadata").putObject("annotations").put("a", "b").putNull("gone");
    }
    if (random.nextInt(5) == 0) {
      patch.putNull(random.nextBoolean() ? "spec" : "metadata");
    }
    Rendering rendering = new Rendering();
    String type = PATCH_TYPES.get(random.nextInt(PATCH_TYPES.size()));
    String label = mutate(patch, rendering, !type.endsWith("yaml"), "patch");
    String uri = item(kind, namespace, name) + (random.nextInt(8) == 0 ? "/status" : "");
    return FuzzCase.request(
        index,
        label + "[" + kind.kind() + "]",
        HttpMethod.PATCH,
        uri,
        type,
        type.endsWith("yaml") ? rendering.yaml(patch) : rendering.json(patch));
  }

  /** Several documents; some invalid, some in a namespace that does not exist. */
  private FuzzCase apply(int index) {
    boolean json = random.nextInt(4) == 0;
    Rendering rendering = new Rendering();
    List<JsonNode> documents = new ArrayList<>();
    String label = "apply-valid";
    for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
      KindInfo kind = kind();
      ObjectNode tree = seeds.manifest(kind, null, seeds.name());
      if (kind.namespaced() && random.nextInt(10) == 0) {
        ((ObjectNode) tree.get("metadata")).put("namespace", "ghost");
        label = "apply-ghost-namespace";
      }
      if (random.nextInt(4) == 0) {
        label = mutate(tree, rendering, json, "apply");
      }
      documents.add(tree);
    }
    byte[] body;
    if (json) {
      ObjectNode list =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .createObjectNode()
              .put("apiVersion", "v1")
              .put("kind", "List");
      list.putArray("items").addAll(documents);
      body = rendering.json(list);
    } else {
      StringBuilder text = new StringBuilder();
      for (JsonNode document : documents) {
        text.append("---\n")
            .append(new String(rendering.yaml(document), StandardCharsets.UTF_8))
            .append('\n');
      }
      body = text.toString().getBytes(StandardCharsets.UTF_8);
    }
    String uri = "/apply" + (random.nextInt(5) == 0 ? "?namespace=" + encode(namespace()) : "");
    return FuzzCase.request(index, label, HttpMethod.POST, uri, manifestType(json), body);
  }

  private FuzzCase hostileBody(int index) {
    HostileTexts.Maker maker = hostile.any();
    KindInfo kind = kind();
    String valid =
        new String(
            new Rendering().yaml(seeds.manifest(kind, "default", seeds.name())),
            StandardCharsets.UTF_8);
    byte[] body = maker.make().apply(valid);
    HttpMethod method;
    String uri;
    String type;
    switch (random.nextInt(4)) {
      case 0 -> {
        method = HttpMethod.POST;
        uri = "/apply";
        type = manifestType(random.nextBoolean());
      }
      case 1 -> {
        method = HttpMethod.PUT;
        uri = item(kind, "default", seeds.name());
        type = "application/yaml";
      }
      case 2 -> {
        method = HttpMethod.PATCH;
        uri = item(kind, "default", seeds.name());
        type = "application/merge-patch+json";
      }
      default -> {
        method = HttpMethod.POST;
        uri = collection(kind, "default");
        type = manifestType(random.nextBoolean());
      }
    }
    return FuzzCase.request(index, "hostile-" + maker.name(), method, uri, type, body);
  }

  private FuzzCase read(int index) {
    KindInfo kind = kind();
    String query =
        switch (random.nextInt(8)) {
          case 0 -> "labelSelector=" + encode(garbageSelector());
          case 1 ->
              "fieldSelector="
                  + encode(
                      List.of(
                              "metadata.name=",
                              "spec.replicas=1",
                              "=x",
                              "status.phase!=",
                              "a,b,c",
                              "metadata.name==a==b",
                              "\u0000=1")
                          .get(random.nextInt(7)));
          case 2 ->
              "limit=-1&continue="
                  + encode(Mutations.UNICODE.get(random.nextInt(Mutations.UNICODE.size())));
          case 3 -> "labelSelector=" + encode("app in (" + "a,".repeat(500) + "b)");
          case 4 -> "watch=maybe";
          case 5 -> "timeoutSeconds=-5&gracePeriodSeconds=abc";
          case 6 -> "labelSelector=" + encode("a".repeat(64) + "=b");
          default -> "labelSelector=" + encode("app=web,tier!=front,!x,y");
        };
    if (random.nextInt(4) == 0) {
      return FuzzCase.request(
          index, "read-item", HttpMethod.GET, item(kind, namespace(), itemName()), null, null);
    }
    HttpMethod method = random.nextInt(6) == 0 ? HttpMethod.DELETE : HttpMethod.GET;
    String uri =
        method == HttpMethod.DELETE
            ? item(kind, namespace(), itemName()) + "?" + query
            : collection(kind, namespace()) + "?" + query;
    return FuzzCase.request(
        index, method == HttpMethod.DELETE ? "delete" : "read-list", method, uri, null, null);
  }

  private String garbageSelector() {
    return List.of(
            "a in (b",
            "in in in",
            "!",
            "a=b=c",
            "=",
            ",,,",
            "a notin ()",
            "a in (\u0000)",
            "x==",
            "\u202E=1",
            "a" + "!".repeat(100),
            "(((",
            "a in (b),",
            "a>1",
            "k".repeat(300) + "=v",
            "a=" + "v".repeat(100),
            "example.com/=x",
            "-a=b")
        .get(random.nextInt(18));
  }

  private FuzzCase watch(int index) {
    String version =
        List.of(
                "abc",
                "-1",
                "99999999999999999999",
                "1e5",
                "",
                "0",
                " ",
                "9223372036854775807",
                "1",
                "2",
                "%00",
                "0x10",
                "NaN")
            .get(random.nextInt(13));
    String timeout =
        List.of(
                "",
                "&timeoutSeconds=1",
                "&timeoutSeconds=-1",
                "&timeoutSeconds=x",
                "&timeoutSeconds=99999999999999999999",
                "&timeoutSeconds=9223372036854775807")
            .get(random.nextInt(6));
    String selector = random.nextInt(3) == 0 ? "&labelSelector=" + encode(garbageSelector()) : "";
    String uri =
        collection(kind(), namespace())
            + "?watch="
            + (random.nextBoolean() ? "true" : "1")
            + "&resourceVersion="
            + encode(version)
            + timeout
            + selector;
    return FuzzCase.watch(index, uri);
  }

  private FuzzCase oddRequest(int index) {
    KindInfo kind = kind();
    String valid =
        new String(
            new Rendering().json(seeds.manifest(kind, "default", seeds.name())),
            StandardCharsets.UTF_8);
    byte[] body = valid.getBytes(StandardCharsets.UTF_8);
    String collection = collection(kind, "default");
    return switch (random.nextInt(9)) {
      case 8 ->
          new FuzzCase(
              index,
              "odd-token",
              HttpMethod.POST,
              collection,
              List.of(
                  Map.entry("Content-Type", "application/json"),
                  Map.entry(
                      "Authorization",
                      List.of(
                              Sender.NO_HEADER,
                              "Bearer",
                              "Bearer ",
                              "Bearer fuzz-admin.wrong",
                              "Basic YWRtaW46YWRtaW4=",
                              "Bearer " + "t".repeat(7000),
                              "Bearer \u00e9\u00e8",
                              "bearer fuzz-admin.")
                          .get(random.nextInt(8)))),
              body,
              false,
              null);
      case 0, 1 ->
          FuzzCase.request(
              index,
              "odd-content-type",
              HttpMethod.POST,
              collection,
              ODD_TYPES.get(random.nextInt(ODD_TYPES.size())),
              body);
      case 2 ->
          new FuzzCase(
              index,
              "huge-header",
              HttpMethod.POST,
              collection,
              List.of(
                  Map.entry("Content-Type", "application/json"),
                  Map.entry("X-Fuzz", "h".repeat(10_000 + random.nextInt(100_000)))),
              body,
              false,
              null);
      case 3 ->
          FuzzCase.request(
              index,
              "huge-query",
              HttpMethod.GET,
              collection + "?labelSelector=" + "a".repeat(5_000 + random.nextInt(100_000)),
              null,
              null);
      case 4 ->
          FuzzCase.request(
              index,
              "odd-path",
              HttpMethod.GET,
              List.of(
                      "/api/v1/namespaces/%00/pods",
                      "//api//v1//pods",
                      "/api/v1/namespaces/default/pods/../../../../etc/passwd",
                      "/apis/apps/v9/deployments",
                      "/api/v1/namespaces/" + "n".repeat(3000) + "/pods",
                      "/api/v1/namespaces/default/pods/a/b/c/d",
                      "/apis/",
                      "/api/v1/namespaces/%E2%80%AE/pods/%F0%9F%9A%80",
                      "/apply/extra",
                      "/api/v1/namespaces/default/pods/x/log?tailLines=-1",
                      "/api/v1/namespaces/default/pods/x/exec",
                      "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/%ZZ")
                  .get(random.nextInt(12)),
              null,
              null);
      case 5 ->
          FuzzCase.request(
              index,
              "odd-method",
              List.of(
                      HttpMethod.OPTIONS,
                      HttpMethod.HEAD,
                      HttpMethod.TRACE,
                      HttpMethod.valueOf("PROPFIND"),
                      HttpMethod.DELETE,
                      HttpMethod.PUT)
                  .get(random.nextInt(6)),
              random.nextBoolean() ? collection : "/apply",
              "application/json",
              body);
      case 6 -> FuzzCase.request(index, "no-content-type", HttpMethod.POST, collection, null, body);
      default -> {
        byte[] raw = rawRequest();
        boolean version = new String(raw, StandardCharsets.ISO_8859_1).contains(UNKNOWN_VERSION);
        yield new FuzzCase(
            index,
            version ? "raw-http-unknown-version" : "raw-http",
            HttpMethod.GET,
            "(raw)",
            List.of(),
            null,
            false,
            raw);
      }
    };
  }

  /** A malformed HTTP/1.1 request, sent as bytes. */
  private byte[] rawRequest() {
    String text =
        switch (random.nextInt(7)) {
          case 0 -> "GARBAGE\r\n\r\n";
          case 1 -> "GET /healthz " + UNKNOWN_VERSION + "\r\nHost: x\r\n\r\n";
          case 2 ->
              "POST /apply HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\nContent-Type: application/yaml\r\n\r\nabc";
          case 3 -> "POST /apply HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n";
          case 4 -> "GET /api/v1/pods HTTP/1.1\r\nHost: x\r\nno colon header\r\n\r\n";
          case 5 ->
              "POST /apply HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                  + "Content-Type: application/yaml\r\n\r\n"
                  + "zz\r\nabc\r\n0\r\n\r\n";
          default -> "GET /\u0000\u0001 HTTP/1.1\r\nHost: x\r\n\r\n";
        };
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Up to three mutations, or none (a valid manifest, so the store fills and replaces find
   * objects).
   */
  private String mutate(ObjectNode tree, Rendering rendering, boolean json, String verb) {
    int count = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(3);
    if (count == 0) {
      return verb + "-valid";
    }
    Mutations mutations = new Mutations(random, rendering, json);
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ops.add(mutations.mutate(tree).name());
    }
    return verb + "-" + String.join("+", ops);
  }

  private KindInfo kind() {
    return Seeds.KINDS.get(random.nextInt(Seeds.KINDS.size()));
  }

  private Resource existingOf(KindInfo kind) {
    List<Resource> objects = existing.apply(kind);
    return objects.isEmpty() || random.nextInt(8) == 0
        ? null
        : objects.get(random.nextInt(objects.size()));
  }

  private String namespace() {
    int roll = random.nextInt(20);
    return roll < 13
        ? "default"
        : roll < 17
            ? OTHER_NAMESPACE
            : roll < 19 ? "ghost" : Mutations.UNICODE.get(random.nextInt(Mutations.UNICODE.size()));
  }

  private String itemName() {
    return random.nextInt(6) == 0
        ? Mutations.UNICODE.get(random.nextInt(Mutations.UNICODE.size()))
        : seeds.name();
  }

  private String manifestType(boolean json) {
    return json
        ? (random.nextInt(5) == 0 ? "application/json; charset=utf-8" : "application/json")
        : MANIFEST_TYPES.get(1 + random.nextInt(MANIFEST_TYPES.size() - 2));
  }

  static String collection(KindInfo kind, String namespace) {
    String base =
        kind.group().isEmpty()
            ? "/api/" + kind.version()
            : "/apis/" + kind.group() + "/" + kind.version();
    return kind.namespaced()
        ? base + "/namespaces/" + encode(namespace) + "/" + kind.plural()
        : base + "/" + kind.plural();
  }

  static String item(KindInfo kind, String namespace, String name) {
    return collection(kind, namespace) + "/" + encode(name);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
