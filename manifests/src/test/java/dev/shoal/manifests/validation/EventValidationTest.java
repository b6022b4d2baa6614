package dev.shoal.manifests.validation;

import static dev.shoal.manifests.validation.ValidatorTest.errors;
import static dev.shoal.manifests.validation.ValidatorTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventsV1Event;
import dev.shoal.manifests.model.ResourceKinds;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** core/v1 Events: decoding, the upstream rules, and the events.k8s.io/v1 view's field mapping. */
class EventValidationTest {
  static final String HEAD =
      "apiVersion: v1\nkind: Event\nmetadata: {name: web.17a, namespace: shop}\n";
  static final String ABOUT =
      "involvedObject: {kind: Pod, namespace: shop, name: web, fieldPath: 'spec.containers{app}'}\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "valid", HEAD + ABOUT + "reason: Unhealthy\ntype: Warning\ncount: 3\n", List.of()),
        Arguments.of(
            "nothing it is about",
            HEAD + "reason: Unhealthy\n",
            List.of("involvedObject REQUIRED")),
        Arguments.of(
            "no reason, no name",
            HEAD + "involvedObject: {kind: Pod}\n",
            List.of("involvedObject.name REQUIRED", "reason REQUIRED")),
        Arguments.of(
            "other namespace",
            HEAD + "involvedObject: {kind: Pod, namespace: other, name: web}\nreason: X\n",
            List.of("involvedObject.namespace INVALID")),
        Arguments.of(
            "odd type", HEAD + ABOUT + "reason: X\ntype: Error\n", List.of("type NOT_SUPPORTED")),
        Arguments.of(
            "long reason",
            HEAD + ABOUT + "reason: " + "r".repeat(129) + "\n",
            List.of("reason TOO_LONG")),
        Arguments.of(
            "count zero", HEAD + ABOUT + "reason: X\ncount: 0\n", List.of("count INVALID")),
        Arguments.of(
            "time runs backwards",
            HEAD
                + ABOUT
                + "reason: X\nfirstTimestamp: 2026-12-02T10:00:00Z\n"
                + "lastTimestamp: 2026-12-02T09:00:00Z\n",
            List.of("lastTimestamp INVALID")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rules(String name, String yaml, List<String> expected) {
    assertEquals(expected, errors(parse(yaml)));
  }

  @Test
  void theEventsV1ViewRenamesAsUpstreamDoes() {
    Event core =
        assertInstanceOf(
            Event.class,
            parse(
                HEAD
                    + ABOUT
                    + "reason: Unhealthy\nmessage: 'Readiness probe failed: x'\n"
                    + "type: Warning\ncount: 4\nfirstTimestamp: 2026-12-02T10:00:00Z\nlastTimestamp: 2026-12-02T10:05:00Z\n"
                    + "source: {component: kubelet, host: h1}\nreportingComponent: kubelet\nreportingInstance: h1\n"));
    EventsV1Event view = EventsV1Event.of(core);
    assertEquals("events.k8s.io/v1", view.apiVersion());
    assertEquals(core.involvedObject(), view.regarding());
    assertEquals("Readiness probe failed: x", view.note());
    assertEquals("kubelet", view.reportingController());
    assertEquals(
        Instant.parse("2026-12-02T10:00:00Z"),
        view.eventTime(),
        "eventTime falls back to firstTimestamp");
    assertEquals(4, view.series().count());
    assertEquals(Instant.parse("2026-12-02T10:05:00Z"), view.series().lastObservedTime());
    assertEquals(4, view.deprecatedCount());
    assertEquals("h1", view.deprecatedSource().host());
    String json = ManifestCodec.toJson(view);
    assertEquals(
        true,
        json.contains(
            "\"regarding\":{\"kind\":\"Pod\",\"namespace\":\"shop\",\"name\":\"web\","
                + "\"fieldPath\":\"spec.containers{app}\"}"),
        json);
  }

  @Test
  void eventsAreLookedUpAsCoreV1UnlessTheEventsGroupIsNamed() {
    assertEquals(ResourceKinds.EVENT, ResourceKinds.byKind("Event").orElseThrow());
    assertEquals(
        ResourceKinds.EVENTS_V1,
        ResourceKinds.byApiVersionAndKind("events.k8s.io/v1", "Event").orElseThrow());
    assertEquals(
        ResourceKinds.EVENTS_V1,
        ResourceKinds.byGroupAndPlural("events.k8s.io", "events").orElseThrow());
  }
}
