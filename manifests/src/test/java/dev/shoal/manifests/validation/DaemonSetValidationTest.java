package dev.shoal.manifests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Toleration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Daemon sets, tolerations and node affinity refused with the field path Kubernetes names, and good
 * ones accepted.
 */
class DaemonSetValidationTest {

  private static final String DAEMON_SET =
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        updateStrategy:
          type: RollingUpdate
          rollingUpdate: {maxUnavailable: 1}
        template:
          metadata: {labels: {app: agent}}
          spec:
            tolerations: [{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms: [{matchExpressions: [{key: disk, operator: In, values: [ssd]}]}]
            containers: [{name: c, image: busybox}]
      """;

  @Test
  void goodOnePasses() {
    DaemonSet ds = (DaemonSet) parse(DAEMON_SET);
    assertEquals(List.of(), Validator.validate(ds));
    assertEquals(
        List.of(new Toleration("dedicated", "Equal", "infra", "NoSchedule", null)),
        ds.spec().template().spec().tolerations());
  }

  private static final String TOLERATION =
      "tolerations: [{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]";
  private static final String TERM =
      "nodeSelectorTerms: [{matchExpressions: [{key: disk, operator: In, values: [ssd]}]}]";

  @ParameterizedTest(name = "{0} at {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      no selector             | selector: {matchLabels: {app: agent}} | minReadySeconds: 0 | spec.selector | FieldValueRequired
      selector not matching   | selector: {matchLabels: {app: agent}} | selector: {matchLabels: {app: other}} | spec.template.metadata.labels | FieldValueInvalid
      unknown strategy        | type: RollingUpdate | type: Sometimes | spec.updateStrategy.type | FieldValueNotSupported
      OnDelete with limits    | type: RollingUpdate | type: OnDelete | spec.updateStrategy.rollingUpdate | FieldValueForbidden
      both limits zero        | rollingUpdate: {maxUnavailable: 1} | rollingUpdate: {maxUnavailable: 0, maxSurge: 0} | spec.updateStrategy.rollingUpdate.maxUnavailable | FieldValueInvalid
      zero without surge      | rollingUpdate: {maxUnavailable: 1} | rollingUpdate: {maxUnavailable: 0%} | spec.updateStrategy.rollingUpdate.maxUnavailable | FieldValueInvalid
      surge over 100%         | rollingUpdate: {maxUnavailable: 1} | rollingUpdate: {maxUnavailable: 0, maxSurge: 150%} | spec.updateStrategy.rollingUpdate.maxSurge | FieldValueInvalid
      bad percentage          | rollingUpdate: {maxUnavailable: 1} | rollingUpdate: {maxUnavailable: ten} | spec.updateStrategy.rollingUpdate.maxUnavailable | FieldValueInvalid
      negative minReady       | selector: {matchLabels: {app: agent}} | selector: {matchLabels: {app: agent}}; minReadySeconds: -1 | spec.minReadySeconds | FieldValueInvalid
      restartPolicy Never     | containers: [{name: c, image: busybox}] | restartPolicy: Never; containers: [{name: c, image: busybox}] | spec.template.spec.restartPolicy | FieldValueNotSupported
      empty key with Equal    | key: dedicated, operator: Equal, value: infra | key: '', operator: Equal | spec.template.spec.tolerations[0].operator | FieldValueInvalid
      value with Exists       | operator: Equal | operator: Exists | spec.template.spec.tolerations[0].operator | FieldValueInvalid
      unknown operator        | operator: Equal | operator: Like | spec.template.spec.tolerations[0].operator | FieldValueNotSupported
      unknown effect          | effect: NoSchedule | effect: Sometimes | spec.template.spec.tolerations[0].effect | FieldValueNotSupported
      seconds without NoExecute | effect: NoSchedule | effect: NoSchedule, tolerationSeconds: 5 | spec.template.spec.tolerations[0].effect | FieldValueInvalid
      bad toleration key      | key: dedicated | key: 'bad key' | spec.template.spec.tolerations[0].key | FieldValueInvalid
      no terms                | nodeSelectorTerms: [{ | nodeSelectorTerms: []; x: [{ | spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms | FieldValueRequired
      In without values       | values: [ssd] | values: [] | spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values | FieldValueRequired
      Exists with values      | operator: In | operator: Exists | spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values | FieldValueForbidden
      Gt not a number         | operator: In | operator: Gt | spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0] | FieldValueInvalid
      unknown node operator   | operator: In | operator: Near | spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator | FieldValueNotSupported
      field other than name   | matchExpressions: [{key: disk | matchFields: [{key: metadata.uid | spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key | FieldValueInvalid
      """)
  void refused(String what, String from, String to, String field, String reason) {
    assertRefused(replace(DAEMON_SET, from, to), field, reason);
  }

  @Test
  void emptyKeyWithExistsToleratesEverythingAndIsValid() {
    String yaml = DAEMON_SET.replace(TOLERATION, "tolerations: [{operator: Exists}]");
    assertEquals(List.of(), Validator.validate(parse(yaml)));
  }

  @Test
  void updatesKeepTheSelector() {
    Resource old = parse(DAEMON_SET);
    Resource changed =
        parse(
            DAEMON_SET
                .replace("{matchLabels: {app: agent}}", "{matchLabels: {app: other}}")
                .replace("{labels: {app: agent}}", "{labels: {app: other}}"));
    assertEquals(List.of(), Validator.validate(changed));
    List<FieldError> errors = Validator.validateUpdate(old, changed);
    assertTrue(errors.stream().anyMatch(e -> e.field().equals("spec.selector")), errors::toString);
  }

  @Test
  void aPodMayGainTolerationsButNotLoseThem() {
    Pod pod =
        (Pod)
            parse(
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
                    + "spec: {containers: [{name: c, image: busybox}], tolerations: [{key: a, operator: Exists}]}");
    List<Toleration> more = new ArrayList<>(pod.spec().tolerations());
    more.add(new Toleration("b", "Exists", null, "NoExecute", 30L));
    Pod gained = pod.withSpec(pod.spec().withTolerations(more));
    assertEquals(List.of(), Validator.validateUpdate(pod, gained));
    Pod lost = pod.withSpec(pod.spec().withTolerations(List.of()));
    assertTrue(
        Validator.validateUpdate(pod, lost).stream().anyMatch(e -> e.field().equals("spec")));
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

  private static void assertRefused(String yaml, String field, String reason) {
    List<FieldError> errors = Validator.validate(parse(yaml));
    assertTrue(
        errors.stream().anyMatch(e -> e.field().equals(field) && e.type().reason().equals(reason)),
        () -> "expected " + reason + " at " + field + ", got " + errors + "\n" + yaml);
  }

  private static Resource parse(String yaml) {
    Decoded decoded = ManifestCodec.parseAll(yaml.getBytes(StandardCharsets.UTF_8)).get(0);
    if (decoded instanceof Decoded.Ok ok) {
      return ok.resource();
    }
    throw new AssertionError(decoded + "\n" + yaml);
  }
}
