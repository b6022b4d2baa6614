package dev.shoal.agent.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a (mutated) tree into request text, JSON or YAML. A mutation that needs text no tree can
 * hold (a duplicate key, NaN, 10,000 brackets, a lone surrogate) puts a placeholder string in the
 * tree through {@link #raw}; rendering swaps the placeholder for the fragment.
 */
final class Rendering {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .build();

  /** A fragment of raw text: the same meaning in JSON and in YAML flow style where possible. */
  record Fragment(String json, String yaml) {}

  private final List<Fragment> fragments = new ArrayList<>();

  /** A placeholder node that renders as the fragment. */
  JsonNode raw(String json, String yaml) {
    fragments.add(new Fragment(json, yaml));
    return TextNode.valueOf(marker(fragments.size() - 1));
  }

  JsonNode raw(String both) {
    return raw(both, both);
  }

  boolean hasFragments() {
    return !fragments.isEmpty();
  }

  byte[] json(JsonNode tree) {
    return substitute(write(JSON, tree), true).getBytes(StandardCharsets.UTF_8);
  }

  byte[] yaml(JsonNode tree) {
    return substitute(write(YAML, tree), false).getBytes(StandardCharsets.UTF_8);
  }

  private String substitute(String text, boolean json) {
    for (int i = 0; i < fragments.size(); i++) {
      Fragment f = fragments.get(i);
      String with = json ? f.json() : f.yaml();
      text =
          text.replace("\"" + marker(i) + "\"", with)
              .replace("'" + marker(i) + "'", with)
              .replace(marker(i), with);
    }
    return text;
  }

  private static String marker(int i) {
    return "FUZZRAW" + i + "XQ";
  }

  private static String write(ObjectMapper mapper, JsonNode tree) {
    try {
      return mapper.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
