package dev.shoal.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Accept headers as kubectl and other clients send them, and which form of answer each gets. */
class MediaRangeTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json|v2",
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList|v2beta1",
        "application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io|v2",
        "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json|legacy",
        "application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList|legacy",
        "*/*|legacy",
        "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList|v2",
        "''|legacy"
      })
  void discoveryForm(String accept, String expected) {
    String version = Discovery.aggregatedVersionAsked(accept);
    assertEquals(expected, version == null ? "legacy" : version);
  }

  @org.junit.jupiter.api.Test
  void parametersAreKeptInOrderAndUnquoted() {
    List<MediaRange> ranges =
        MediaRange.parseAll("Application/JSON;as=\"Table\";v=v1;g=meta.k8s.io, text/plain");
    assertEquals(2, ranges.size());
    assertEquals("application/json", ranges.get(0).type());
    assertEquals(Map.of("as", "Table", "v", "v1", "g", "meta.k8s.io"), ranges.get(0).parameters());
    assertTrue(ranges.get(0).asksFor("Table", "meta.k8s.io"));
    assertFalse(ranges.get(0).acceptsPlainJson());
    assertFalse(ranges.get(1).acceptsPlainJson());
    assertTrue(MediaRange.parseAll(null).isEmpty());
    assertNull(Discovery.aggregatedVersionAsked(null));
  }
}
