package dev.shoal.manifests.selectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.NodeSelector;
import dev.shoal.manifests.model.NodeSelectorRequirement;
import dev.shoal.manifests.model.NodeSelectorTerm;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Required node affinity against a node with labels {@code disk=ssd, cores=8} named n1. */
class NodeAffinityMatchTest {

  private static final Map<String, String> LABELS = Map.of("disk", "ssd", "cores", "8");

  @ParameterizedTest(name = "{0} {1} {2}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      disk  | In           | ssd,hdd | true
      disk  | In           | hdd     | false
      disk  | NotIn        | hdd     | true
      disk  | NotIn        | ssd     | false
      zone  | NotIn        | a       | true
      disk  | Exists       | ''      | true
      zone  | Exists       | ''      | false
      zone  | DoesNotExist | ''      | true
      disk  | DoesNotExist | ''      | false
      cores | Gt           | 4       | true
      cores | Gt           | 8       | false
      cores | Lt           | 16      | true
      disk  | Gt           | 4       | false
      zone  | Lt           | 4       | false
      disk  | Near         | ssd     | false
      """)
  void oneExpression(String key, String operator, String values, boolean expected) {
    List<String> list = values.isEmpty() ? null : Arrays.asList(values.split(","));
    NodeSelector selector =
        new NodeSelector(
            List.of(
                new NodeSelectorTerm(
                    List.of(new NodeSelectorRequirement(key, operator, list)), null)));
    assertEquals(expected, NodeAffinityMatch.matches(selector, "n1", LABELS));
  }

  @Test
  void termsAreOredAndExpressionsAnded() {
    NodeSelectorRequirement ssd = new NodeSelectorRequirement("disk", "In", List.of("ssd"));
    NodeSelectorRequirement zone = new NodeSelectorRequirement("zone", "In", List.of("a"));
    NodeSelectorTerm both = new NodeSelectorTerm(List.of(ssd, zone), null);
    assertFalse(NodeAffinityMatch.matches(new NodeSelector(List.of(both)), "n1", LABELS));
    NodeSelectorTerm onlyZone = new NodeSelectorTerm(List.of(zone), null);
    NodeSelectorTerm onlySsd = new NodeSelectorTerm(List.of(ssd), null);
    assertTrue(
        NodeAffinityMatch.matches(new NodeSelector(List.of(onlyZone, onlySsd)), "n1", LABELS));
  }

  @Test
  void nameFieldsEmptyTermsAndNoRule() {
    NodeSelectorTerm byName =
        new NodeSelectorTerm(
            null, List.of(new NodeSelectorRequirement("metadata.name", "In", List.of("n1"))));
    assertTrue(NodeAffinityMatch.matches(new NodeSelector(List.of(byName)), "n1", LABELS));
    assertFalse(NodeAffinityMatch.matches(new NodeSelector(List.of(byName)), "n2", LABELS));
    NodeSelectorTerm empty = new NodeSelectorTerm(List.of(), null);
    assertFalse(NodeAffinityMatch.matches(new NodeSelector(List.of(empty)), "n1", LABELS));
    assertFalse(NodeAffinityMatch.matches(new NodeSelector(List.of()), "n1", LABELS));
    assertTrue(NodeAffinityMatch.matches((NodeSelector) null, "n1", LABELS));
  }
}
