package dev.shoal.manifests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pod disruption budgets refused with upstream's field paths and reasons, good ones accepted. */
class DisruptionBudgetValidationTest {

  private static final String PDB =
      """
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: web, namespace: default}
      spec:
        minAvailable: 2
        selector: {matchLabels: {app: web}}
      """;

  @Test
  void goodOnePassesWithItsFieldsRead() {
    PodDisruptionBudget pdb = (PodDisruptionBudget) parse(PDB);
    assertEquals(List.of(), Validator.validate(pdb));
    assertEquals(IntOrString.of(2), pdb.spec().minAvailable());
    assertEquals("policy/v1", pdb.apiVersion());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "minAvailable: 0",
        "minAvailable: 50%",
        "minAvailable: 100%",
        "maxUnavailable: 1",
        "maxUnavailable: 0%",
        "minAvailable: 1; unhealthyPodEvictionPolicy: AlwaysAllow",
        "minAvailable: 1; unhealthyPodEvictionPolicy: IfHealthyBudget",
      })
  void accepted(String limits) {
    String yaml = PDB.replace("minAvailable: 2", limits.replace("; ", "\n  "));
    assertEquals(List.of(), Validator.validate(parse(yaml)), yaml);
  }

  @Test
  void noSelectorIsValidAndSelectsNothing() {
    assertEquals(
        List.of(),
        Validator.validate(parse(PDB.replace("  selector: {matchLabels: {app: web}}\n", ""))));
  }

  @ParameterizedTest(name = "{0} at {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      both limits          | minAvailable: 1; maxUnavailable: 1  | spec                            | FieldValueInvalid
      negative min         | minAvailable: -1                    | spec.minAvailable               | FieldValueInvalid
      negative max         | maxUnavailable: -2                  | spec.maxUnavailable             | FieldValueInvalid
      min over 100%        | minAvailable: 101%                  | spec.minAvailable               | FieldValueInvalid
      max over 100%        | maxUnavailable: 150%                | spec.maxUnavailable             | FieldValueInvalid
      not a percentage     | minAvailable: half                  | spec.minAvailable               | FieldValueInvalid
      unknown policy       | minAvailable: 1; unhealthyPodEvictionPolicy: Sometimes | spec.unhealthyPodEvictionPolicy | FieldValueNotSupported
      bad selector value   | minAvailable: 1; selector: {matchLabels: {app: 'a b'}} | spec.selector.matchLabels | FieldValueInvalid
      """)
  void refused(String what, String limits, String field, String reason) {
    String yaml =
        PDB.replace(
                "  selector: {matchLabels: {app: web}}\n",
                limits.contains("selector") ? "" : "  selector: {matchLabels: {app: web}}\n")
            .replace("minAvailable: 2", limits.replace("; ", "\n  "));
    List<FieldError> errors = Validator.validate(parse(yaml));
    assertTrue(
        errors.stream().anyMatch(e -> e.field().equals(field) && e.type().reason().equals(reason)),
        () -> "expected " + reason + " at " + field + ", got " + errors + "\n" + yaml);
  }

  @Test
  void negativeStatusCountsAreRefused() {
    String yaml = PDB + "status: {disruptionsAllowed: -1, currentHealthy: 0}\n";
    List<FieldError> errors = Validator.validate(parse(yaml));
    assertEquals(
        List.of("status.disruptionsAllowed"), errors.stream().map(FieldError::field).toList());
  }

  @Test
  void statusRoundTripsWithDisruptedPodsAndConditions() {
    String yaml =
        PDB
            + """
            status:
              observedGeneration: 3
              disruptedPods: {web-1: '2026-12-03T14:00:00Z'}
              disruptionsAllowed: 0
              currentHealthy: 2
              desiredHealthy: 2
              expectedPods: 3
              conditions:
              - {type: DisruptionAllowed, status: 'False', reason: InsufficientPods, message: '', observedGeneration: 3, lastTransitionTime: '2026-12-03T14:00:00Z'}
            """;
    PodDisruptionBudget pdb = (PodDisruptionBudget) parse(yaml);
    assertEquals(List.of(), Validator.validate(pdb));
    assertEquals(
        java.time.Instant.parse("2026-12-03T14:00:00Z"), pdb.status().disruptedPods().get("web-1"));
    assertEquals("InsufficientPods", pdb.status().conditions().get(0).reason());
    String json = write(pdb);
    assertTrue(json.contains("\"message\":\"\""), json);
  }

  private static String write(Resource r) {
    try {
      return dev.shoal.manifests.codec.Json.mapper().writeValueAsString(r);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static Resource parse(String yaml) {
    Decoded decoded = ManifestCodec.parseAll(yaml.getBytes(StandardCharsets.UTF_8)).get(0);
    if (decoded instanceof Decoded.Ok ok) {
      return ok.resource();
    }
    throw new AssertionError(decoded + "\n" + yaml);
  }
}
