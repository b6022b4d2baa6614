package dev.shoal.manifests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jobs and cron jobs refused with the field path Kubernetes names, and good ones accepted. */
class JobValidationTest {

  private static final String JOB =
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        completions: 3
        parallelism: 2
        template:
          spec:
            restartPolicy: Never
            containers: [{name: c, image: busybox}]
      """;

  private static final String CRON_JOB =
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: tick}
      spec:
        schedule: "*/5 * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{name: c, image: busybox}]
      """;

  @Test
  void goodOnesPass() {
    assertEquals(List.of(), Validator.validate(parse(JOB)));
    assertEquals(List.of(), Validator.validate(parse(CRON_JOB)));
  }

  @ParameterizedTest(name = "job {0}: {1} at {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      restartPolicy Always   | restartPolicy: Never       | restartPolicy: Always      | spec.template.spec.restartPolicy | FieldValueNotSupported
      no restartPolicy       | restartPolicy: Never       | dnsPolicy: ClusterFirst    | spec.template.spec.restartPolicy | FieldValueRequired
      negative completions   | completions: 3             | completions: -1            | spec.completions                 | FieldValueInvalid
      negative parallelism   | parallelism: 2             | parallelism: -2            | spec.parallelism                 | FieldValueInvalid
      unknown mode           | completions: 3             | completions: 3; completionMode: Sometimes | spec.completionMode | FieldValueNotSupported
      indexed without count  | completions: 3             | completionMode: Indexed    | spec.completions                 | FieldValueRequired
      negative backoffLimit  | parallelism: 2             | parallelism: 2; backoffLimit: -1 | spec.backoffLimit        | FieldValueInvalid
      zero deadline          | parallelism: 2             | parallelism: 2; activeDeadlineSeconds: 0 | spec.activeDeadlineSeconds | FieldValueInvalid
      negative ttl           | parallelism: 2             | parallelism: 2; ttlSecondsAfterFinished: -5 | spec.ttlSecondsAfterFinished | FieldValueInvalid
      manual without selector | parallelism: 2            | parallelism: 2; manualSelector: true | spec.selector        | FieldValueRequired
      selector not matching  | parallelism: 2             | parallelism: 2; selector: {matchLabels: {a: b}} | spec.template.metadata.labels | FieldValueInvalid
      no containers          | containers: [{name: c, image: busybox}] | containers: []  | spec.template.spec.containers    | FieldValueRequired
      """)
  void badJobs(String what, String from, String to, String field, String reason) {
    assertRefused(replace(JOB, from, to), field, reason);
  }

  @ParameterizedTest(name = "cronjob {0}: at {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      bad schedule           | schedule: "*/5 * * * *"    | schedule: "61 * * * *"     | spec.schedule                    | FieldValueInvalid
      TZ in schedule         | schedule: "*/5 * * * *"    | schedule: "TZ=UTC */5 * * * *" | spec.schedule                | FieldValueInvalid
      no schedule            | schedule: "*/5 * * * *"    | suspend: false             | spec.schedule                    | FieldValueRequired
      unknown zone           | schedule: "*/5 * * * *"    | schedule: "*/5 * * * *"; timeZone: Mars/Olympus | spec.timeZone | FieldValueInvalid
      unknown policy         | schedule: "*/5 * * * *"    | schedule: "*/5 * * * *"; concurrencyPolicy: Sometimes | spec.concurrencyPolicy | FieldValueNotSupported
      negative deadline      | schedule: "*/5 * * * *"    | schedule: "*/5 * * * *"; startingDeadlineSeconds: -1 | spec.startingDeadlineSeconds | FieldValueInvalid
      negative history       | schedule: "*/5 * * * *"    | schedule: "*/5 * * * *"; successfulJobsHistoryLimit: -1 | spec.successfulJobsHistoryLimit | FieldValueInvalid
      restartPolicy Always   | restartPolicy: OnFailure   | restartPolicy: Always      | spec.jobTemplate.spec.template.spec.restartPolicy | FieldValueNotSupported
      name too long          | name: tick                 | name: a-cron-job-name-that-is-longer-than-fifty-two-characters | metadata.name | FieldValueInvalid
      """)
  void badCronJobs(String what, String from, String to, String field, String reason) {
    assertRefused(replace(CRON_JOB, from, to), field, reason);
  }

  @Test
  void updatesKeepTheSelectorAndTheCompletionMode() {
    Resource old =
        parse(
            replace(JOB, "parallelism: 2", "parallelism: 2; selector: {matchLabels: {a: b}}")
                .replace(
                    "    spec:\n      restartPolicy",
                    "    metadata: {labels: {a: b}}\n    spec:\n      restartPolicy"));
    assertEquals(List.of(), Validator.validate(old));
    Resource changed =
        parse(
            replace(JOB, "parallelism: 2", "parallelism: 2; selector: {matchLabels: {a: c}}")
                .replace(
                    "    spec:\n      restartPolicy",
                    "    metadata: {labels: {a: c}}\n    spec:\n      restartPolicy"));
    List<FieldError> errors = Validator.validateUpdate(old, changed);
    assertTrue(errors.stream().anyMatch(e -> e.field().equals("spec.selector")), errors::toString);
  }

  /** {@code from} replaced by {@code to}, whose {@code "; "} separate lines at the same indent. */
  private static String replace(String yaml, String from, String to) {
    int at = yaml.indexOf(from);
    int lineStart = yaml.lastIndexOf('\n', at) + 1;
    String indent = yaml.substring(lineStart, at);
    return yaml.replace(from, to.replace("; ", "\n" + indent));
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
