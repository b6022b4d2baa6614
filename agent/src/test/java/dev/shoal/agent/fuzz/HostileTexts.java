package dev.shoal.agent.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Request bodies no tree can describe: YAML bombs, aliases and anchors, language tags, 10,000
 * levels of nesting, binary garbage, other encodings, truncated documents, empty and odd documents.
 * Each has a name for the report.
 */
final class HostileTexts {

  /** A named body maker; {@code valid} is a valid manifest text the maker may cut or wrap. */
  record Maker(String name, Function<String, byte[]> make) {}

  private final Random random;
  private final List<Maker> makers;

  HostileTexts(Random random) {
    this.random = random;
    this.makers = makers();
  }

  private List<Maker> makers() {
    return List.of(
        new Maker("billion-laughs-lists", valid -> utf8(laughs(9, 10, false))),
        new Maker("billion-laughs-maps", valid -> utf8(laughs(9, 10, true))),
        new Maker(
            "laughs-in-metadata",
            valid ->
                utf8(
                    """
          apiVersion: v1
          kind: Pod
          x0: &a [l, l, l, l, l, l, l, l, l, l]
          x1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
          x2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
          x3: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
          metadata: {name: bomb, labels: &e {a: b}, annotations: *e}
          spec: {containers: [{name: c, image: i, args: *d}]}
          """)),
        new Maker("recursive-alias", valid -> utf8("a: &a [*a]\n")),
        new Maker(
            "scalar-anchor",
            valid ->
                utf8("apiVersion: v1\nkind: Pod\nmetadata:\n  name: &n x\n  labels: {a: *n}\n")),
        new Maker(
            "merge-key-bomb",
            valid ->
                utf8(
                    """
          base: &b {apiVersion: v1, kind: Namespace}
          <<: [*b, *b, *b, *b, *b]
          metadata: {<<: *b, name: merged}
          """)),
        new Maker(
            "merge-key-scalar",
            valid -> utf8("apiVersion: v1\nkind: Namespace\nmetadata: {name: m, <<: 5}\n")),
        new Maker(
            "unknown-alias",
            valid -> utf8("apiVersion: v1\nkind: Namespace\nmetadata: *nowhere\n")),
        new Maker(
            "python-tag",
            valid ->
                utf8(
                    "apiVersion: v1\nkind: Pod\nmetadata: !!python/object/apply:os.system [\"id\"]\n")),
        new Maker(
            "java-tag",
            valid ->
                utf8(
                    """
          apiVersion: v1
          kind: Namespace
          metadata: !!javax.script.ScriptEngineManager
            [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1:1/"]]]]
          """)),
        new Maker(
            "odd-tags",
            valid ->
                utf8(
                    """
          apiVersion: !!str v1
          kind: !custom Namespace
          metadata: {name: !!binary dGFnZ2Vk, labels: !!set {a, b}, annotations: !!omap [{a: b}]}
          spec: {finalizers: [!!timestamp 2001-12-14, !!float .nan, !!int 0x1F, !!null ~]}
          """)),
        new Maker(
            "tag-directive",
            valid -> utf8("%TAG !e! tag:evil.example,2026:\n%YAML 1.3\n---\n!e!thing {a: 1}\n")),
        new Maker(
            "complex-key", valid -> utf8("? {a: b}\n: value\napiVersion: v1\nkind: Namespace\n")),
        new Maker("deep-json-arrays", valid -> utf8("[".repeat(10_000) + "]".repeat(10_000))),
        new Maker(
            "deep-json-objects",
            valid -> utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))),
        new Maker("deep-json-unclosed", valid -> utf8("{\"metadata\":" + "[".repeat(100_000))),
        new Maker(
            "deep-yaml-flow",
            valid -> utf8("metadata: " + "[".repeat(10_000) + "]".repeat(10_000))),
        new Maker(
            "deep-yaml-block", valid -> utf8("metadata:\n  name: " + "- ".repeat(10_000) + "x\n")),
        new Maker("binary-garbage", valid -> garbage(1 + random.nextInt(20_000))),
        new Maker(
            "invalid-utf8-in-manifest",
            valid -> splice(valid, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF})),
        new Maker("nul-bytes", valid -> splice(valid, new byte[] {0, 0, 0})),
        new Maker("utf16-with-bom", valid -> withBom(valid)),
        new Maker("truncated", valid -> truncate(valid)),
        new Maker("empty", valid -> new byte[0]),
        new Maker(
            "odd-documents",
            valid ->
                utf8(
                    List.of(
                            "---",
                            "---\n---\n",
                            "null",
                            "~",
                            "[]",
                            "{}",
                            "\"str\"",
                            "42",
                            "true",
                            "...",
                            "# only a comment",
                            "- a\n- b",
                            "   ",
                            "\t{\"kind\":\"Pod\"}",
                            "[{}]",
                            "{\"apiVersion\": \"v1\", \"kind\": \"PodList\", \"items\": {}}")
                        .get(random.nextInt(16)))),
        new Maker(
            "many-documents", valid -> utf8("---\n{}\n".repeat(2_000 + random.nextInt(8_000)))),
        new Maker("many-valid-documents", valid -> utf8(("---\n" + valid + "\n").repeat(200))),
        new Maker("many-keys", valid -> manyKeys(20_000)),
        new Maker(
            "huge-key", valid -> utf8("{\"" + "k".repeat(100_000) + "\": 1, \"kind\": \"Pod\"}")),
        new Maker(
            "huge-number",
            valid ->
                utf8(
                    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                        + "\"metadata\":{\"generation\":"
                        + "9".repeat(100_000)
                        + "}}")),
        new Maker(
            "json-oddities",
            valid ->
                utf8(
                    List.of(
                            "{'kind': 'Pod',}",
                            "{\"kind\": \"Pod\" /* c */}",
                            "{\"kind\": \"Pod\"} trailing",
                            "{\"a\": \"\\ud800\"}",
                            "{\"a\": \"\\u0000\"}",
                            "{,}",
                            "{\"a\" 1}",
                            "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"\\ud83d\"}}")
                        .get(random.nextInt(8)))),
        new Maker("crlf-and-tabs", valid -> utf8(valid.replace("\n", "\r\n").replace("  ", "\t"))),
        new Maker(
            "list-of-many",
            valid ->
                utf8(
                    "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
                        + "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\"},".repeat(20_000)
                        + "{}]}")),
        new Maker(
            "over-limit", valid -> utf8("# " + "x".repeat(3 * 1024 * 1024 + 10) + "\n" + valid)));
  }

  Maker any() {
    return makers.get(random.nextInt(makers.size()));
  }

  /** The classic: each level a list (or map) of ten aliases of the one below. */
  private static String laughs(int levels, int width, boolean maps) {
    StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Namespace\n");
    text.append("l0: &l0 ").append(maps ? "{a: lol}" : "[lol]").append('\n');
    for (int level = 1; level <= levels; level++) {
      text.append('l').append(level).append(": &l").append(level).append(maps ? " {" : " [");
      for (int i = 0; i < width; i++) {
        text.append(i == 0 ? "" : ", ")
            .append(maps ? "k" + i + ": " : "")
            .append("*l")
            .append(level - 1);
      }
      text.append(maps ? "}\n" : "]\n");
    }
    return text.append("metadata: {name: lol, labels: *l").append(levels).append("}\n").toString();
  }

  private byte[] garbage(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private byte[] splice(String valid, byte[] insert) {
    byte[] text = utf8(valid);
    int at = random.nextInt(text.length + 1);
    byte[] out = new byte[text.length + insert.length];
    System.arraycopy(text, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(text, at, out, at + insert.length, text.length - at);
    return out;
  }

  private byte[] withBom(String valid) {
    return switch (random.nextInt(3)) {
      case 0 -> ("\uFEFF" + valid).getBytes(StandardCharsets.UTF_16BE);
      case 1 -> ("\uFEFF" + valid).getBytes(StandardCharsets.UTF_16LE);
      default -> ("\uFEFF" + valid).getBytes(StandardCharsets.UTF_8);
    };
  }

  private byte[] truncate(String valid) {
    byte[] text = utf8(valid);
    byte[] out = new byte[random.nextInt(text.length)];
    System.arraycopy(text, 0, out, 0, out.length);
    return out;
  }

  private static byte[] manyKeys(int count) {
    StringBuilder text =
        new StringBuilder(
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"k\","
                + "\"labels\":{");
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    return utf8(text.append("}}}").toString());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
