package dev.shoal.manifests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.HorizontalPodAutoscaler;
import dev.shoal.manifests.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Horizontal pod autoscalers refused with the field path, reason and (where it matters) wording of
 * upstream's autoscaling validation, and a full one accepted.
 */
class HpaValidationTest {

  private static final String HPA =
      """
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: web}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        minReplicas: 1
        maxReplicas: 5
        metrics:
        - type: Resource
          resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
        - type: ContainerResource
          containerResource: {name: memory, container: app, target: {type: AverageValue, averageValue: 100Mi}}
        behavior:
          scaleUp:
            stabilizationWindowSeconds: 0
            selectPolicy: Max
            policies: [{type: Pods, value: 4, periodSeconds: 15}, {type: Percent, value: 100, periodSeconds: 15}]
          scaleDown:
            stabilizationWindowSeconds: 300
            policies: [{type: Percent, value: 100, periodSeconds: 15}]
      """;

  @Test
  void goodOnePasses() {
    HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) parse(HPA);
    assertEquals(List.of(), Validator.validate(hpa));
    assertEquals("cpu", hpa.spec().metrics().get(0).resource().name());
    assertEquals(4, hpa.spec().behavior().scaleUp().policies().get(0).value());
  }

  @ParameterizedTest(name = "{0} at {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      minReplicas zero        | minReplicas: 1 | minReplicas: 0 | spec.minReplicas | FieldValueInvalid
      maxReplicas zero        | maxReplicas: 5 | maxReplicas: 0 | spec.maxReplicas | FieldValueInvalid
      max below min           | minReplicas: 1 | minReplicas: 6 | spec.maxReplicas | FieldValueInvalid
      no target kind          | kind: Deployment, name: web | name: web | spec.scaleTargetRef.kind | FieldValueRequired
      no target name          | kind: Deployment, name: web | kind: Deployment | spec.scaleTargetRef.name | FieldValueRequired
      slash in name           | kind: Deployment, name: web} | kind: Deployment, name: 'a/b'} | spec.scaleTargetRef.name | FieldValueInvalid
      no metric type          | - type: Resource | - resource2: x | spec.metrics[0].type | FieldValueRequired
      unknown metric type     | - type: Resource | - type: Cheddar | spec.metrics[0].type | FieldValueNotSupported
      source of another type  | - type: Resource | - type: Pods | spec.metrics[0].pods | FieldValueRequired
      two sources             | resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}} | resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}; pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: 1}} | spec.metrics[0].pods | FieldValueForbidden
      no resource name        | {name: cpu, target | {target | spec.metrics[0].resource.name | FieldValueRequired
      no target type          | {type: Utilization, averageUtilization: 50} | {averageUtilization: 50} | spec.metrics[0].resource.target.type | FieldValueRequired
      bad target type         | {type: Utilization, averageUtilization: 50} | {type: Most, averageUtilization: 50} | spec.metrics[0].resource.target.type | FieldValueInvalid
      utilization zero        | averageUtilization: 50 | averageUtilization: 0 | spec.metrics[0].resource.target.averageUtilization | FieldValueInvalid
      neither value nor util  | {type: Utilization, averageUtilization: 50} | {type: Utilization} | spec.metrics[0].resource.target.averageUtilization | FieldValueRequired
      both value and util     | averageUtilization: 50} | averageUtilization: 50, averageValue: 1} | spec.metrics[0].resource.target.averageValue | FieldValueForbidden
      negative average value  | averageValue: 100Mi | averageValue: -1 | spec.metrics[1].containerResource.target.averageValue | FieldValueInvalid
      no container            | container: app, | container: '', | spec.metrics[1].containerResource.container | FieldValueRequired
      bad container name      | container: app, | container: App_1, | spec.metrics[1].containerResource.container | FieldValueInvalid
      negative window         | stabilizationWindowSeconds: 0 | stabilizationWindowSeconds: -1 | spec.behavior.scaleUp.stabilizationWindowSeconds | FieldValueInvalid
      window over an hour     | stabilizationWindowSeconds: 300 | stabilizationWindowSeconds: 3601 | spec.behavior.scaleDown.stabilizationWindowSeconds | FieldValueInvalid
      unknown selectPolicy    | selectPolicy: Max | selectPolicy: Most | spec.behavior.scaleUp.selectPolicy | FieldValueNotSupported
      no policies             | policies: [{type: Percent, value: 100, periodSeconds: 15}] | policies: [] | spec.behavior.scaleDown.policies | FieldValueRequired
      unknown policy type     | {type: Pods, value: 4 | {type: Replicas, value: 4 | spec.behavior.scaleUp.policies[0].type | FieldValueNotSupported
      policy value zero       | {type: Pods, value: 4 | {type: Pods, value: 0 | spec.behavior.scaleUp.policies[0].value | FieldValueInvalid
      period zero             | value: 4, periodSeconds: 15 | value: 4, periodSeconds: 0 | spec.behavior.scaleUp.policies[0].periodSeconds | FieldValueInvalid
      period over 30 minutes  | policies: [{type: Percent, value: 100, periodSeconds: 15}] | policies: [{type: Percent, value: 100, periodSeconds: 1801}] | spec.behavior.scaleDown.policies[0].periodSeconds | FieldValueInvalid
      """)
  void refused(String what, String from, String to, String field, String reason) {
    String yaml = replace(HPA, from, to);
    List<FieldError> errors = Validator.validate(parse(yaml));
    assertTrue(
        errors.stream().anyMatch(e -> e.field().equals(field) && e.type().reason().equals(reason)),
        () -> "expected " + reason + " at " + field + ", got " + errors + "\n" + yaml);
  }

  @Test
  void upstreamWording() {
    List<FieldError> errors =
        Validator.validate(parse(replace(HPA, "minReplicas: 1", "minReplicas: 6")));
    assertTrue(
        errors.contains(
            FieldError.invalid(
                "spec.maxReplicas", "5: must be greater than or equal to `minReplicas`")),
        errors::toString);
  }

  /** {@code from} replaced by {@code to}, whose {@code "; "} separate lines at the same indent. */
  private static String replace(String yaml, String from, String to) {
    int at = yaml.indexOf(from);
    if (at < 0) {
      throw new AssertionError("not in the manifest: " + from);
    }
    int lineStart = yaml.lastIndexOf('\n', at) + 1;
    String indent = yaml.substring(lineStart, at).replaceAll("[^ ]", " ");
    return yaml.replaceFirst(
        java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to.replace("; ", "\n" + indent)));
  }

  private static Resource parse(String yaml) {
    Decoded decoded = ManifestCodec.parseAll(yaml.getBytes(StandardCharsets.UTF_8)).get(0);
    if (decoded instanceof Decoded.Ok ok) {
      return ok.resource();
    }
    throw new AssertionError(decoded + "\n" + yaml);
  }
}
