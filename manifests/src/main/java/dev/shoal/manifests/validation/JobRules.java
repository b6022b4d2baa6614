package dev.shoal.manifests.validation;

import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.CronJobSpec;
import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.JobTemplateSpec;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.schedule.CronSchedule;
import dev.shoal.manifests.selectors.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs and cron jobs (batch/v1), with Kubernetes' rules: counts not negative, an Indexed job names
 * its completions, pods restart Never or OnFailure, a manual selector selects the template, a
 * schedule that parses in a time zone that exists.
 */
final class JobRules {
  static final List<String> RESTART_POLICIES = List.of("OnFailure", "Never");
  static final List<String> COMPLETION_MODES = List.of(JobSpec.NON_INDEXED, JobSpec.INDEXED);
  static final List<String> CONCURRENCY_POLICIES =
      List.of(CronJobSpec.ALLOW, CronJobSpec.FORBID, CronJobSpec.REPLACE);

  /** Kubernetes' limit for Indexed jobs' completions and parallelism. */
  static final int MAX_INDEXED_COMPLETIONS = 100_000;

  /** A cron job's name leaves room for the 11-character suffix of its jobs' names. */
  static final int MAX_CRON_JOB_NAME = 52;

  private JobRules() {}

  static List<FieldError> job(JobSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    jobSpec(errors, spec, "spec", true);
    return errors;
  }

  static List<FieldError> cronJob(ObjectMeta meta, CronJobSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (meta != null && meta.name() != null && meta.name().length() > MAX_CRON_JOB_NAME) {
      errors.add(
          FieldError.invalid(
              "metadata.name",
              "\""
                  + meta.name()
                  + "\": must be no more than "
                  + MAX_CRON_JOB_NAME
                  + " characters"));
    }
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    if (!Checks.present(spec.schedule())) {
      errors.add(FieldError.required("spec.schedule", "must be specified"));
    } else {
      Result<CronSchedule> schedule = CronSchedule.parse(spec.schedule());
      if (!schedule.isOk()) {
        errors.add(
            FieldError.invalid(
                "spec.schedule", "\"" + spec.schedule() + "\": " + schedule.error()));
      }
    }
    if (spec.timeZone() != null) {
      Result<java.time.ZoneId> zone = CronSchedule.zone(spec.timeZone());
      if (!zone.isOk()) {
        errors.add(
            FieldError.invalid("spec.timeZone", "\"" + spec.timeZone() + "\": " + zone.error()));
      }
    }
    Checks.oneOf(errors, "spec.concurrencyPolicy", spec.concurrencyPolicy(), CONCURRENCY_POLICIES);
    Checks.nonNegative(errors, "spec.startingDeadlineSeconds", spec.startingDeadlineSeconds());
    Checks.nonNegative(
        errors, "spec.successfulJobsHistoryLimit", spec.successfulJobsHistoryLimit());
    Checks.nonNegative(errors, "spec.failedJobsHistoryLimit", spec.failedJobsHistoryLimit());
    JobTemplateSpec template = spec.jobTemplate();
    if (template == null) {
      errors.add(FieldError.required("spec.jobTemplate", "must be specified"));
      return errors;
    }
    if (template.metadata() != null) {
      Checks.labels(errors, "spec.jobTemplate.metadata.labels", template.metadata().labels());
    }
    if (template.spec() == null) {
      errors.add(FieldError.required("spec.jobTemplate.spec", "must be specified"));
    } else {
      jobSpec(errors, template.spec(), "spec.jobTemplate.spec", false);
    }
    return errors;
  }

  /**
   * {@code ofJob}: a Job's own spec (whose selector is generated), not a cron job's template of
   * one.
   */
  private static void jobSpec(List<FieldError> errors, JobSpec spec, String at, boolean ofJob) {
    Checks.nonNegative(errors, at + ".parallelism", spec.parallelism());
    Checks.nonNegative(errors, at + ".completions", spec.completions());
    if (spec.activeDeadlineSeconds() != null && spec.activeDeadlineSeconds() <= 0) {
      errors.add(
          FieldError.invalid(
              at + ".activeDeadlineSeconds",
              spec.activeDeadlineSeconds() + ": must be greater than 0"));
    }
    Checks.nonNegative(errors, at + ".backoffLimit", spec.backoffLimit());
    Checks.nonNegative(errors, at + ".ttlSecondsAfterFinished", spec.ttlSecondsAfterFinished());
    Checks.oneOf(errors, at + ".completionMode", spec.completionMode(), COMPLETION_MODES);
    if (spec.isIndexed()) {
      if (spec.completions() == null) {
        errors.add(FieldError.required(at + ".completions", "when completion mode is Indexed"));
      } else if (spec.completions() > MAX_INDEXED_COMPLETIONS) {
        errors.add(
            FieldError.invalid(
                at + ".completions",
                spec.completions()
                    + ": must be less than or equal to "
                    + MAX_INDEXED_COMPLETIONS
                    + " when completion mode is Indexed"));
      }
      if (spec.parallelism() != null && spec.parallelism() > MAX_INDEXED_COMPLETIONS) {
        errors.add(
            FieldError.invalid(
                at + ".parallelism",
                spec.parallelism()
                    + ": must be less than or equal to "
                    + MAX_INDEXED_COMPLETIONS
                    + " when completion mode is Indexed"));
      }
    }
    selector(errors, spec, at, ofJob);
    template(errors, spec.template(), at + ".template");
  }

  private static void selector(List<FieldError> errors, JobSpec spec, String at, boolean ofJob) {
    LabelSelector selector = spec.selector();
    boolean manual = Boolean.TRUE.equals(spec.manualSelector());
    if (selector == null) {
      if (manual && ofJob) {
        errors.add(
            FieldError.required(at + ".selector", "must be specified when manualSelector is true"));
      }
      return;
    }
    List<FieldError> selectorErrors = Selector.check(selector, at + ".selector");
    errors.addAll(selectorErrors);
    if (!selectorErrors.isEmpty()) {
      return;
    }
    Selector compiled = Selector.fromLabelSelector(selector).value();
    if (compiled.matchesEverything()) {
      errors.add(FieldError.invalid(at + ".selector", "empty selector is invalid for job"));
      return;
    }
    PodTemplateSpec template = spec.template();
    java.util.Map<String, String> labels =
        template == null || template.metadata() == null
            ? java.util.Map.of()
            : template.metadata().labelsOrEmpty();
    if (template != null && !compiled.matches(labels)) {
      errors.add(
          FieldError.invalid(
              at + ".template.metadata.labels",
              "\"" + compiled + "\": `selector` does not match template `labels`"));
    }
  }

  private static void template(List<FieldError> errors, PodTemplateSpec template, String at) {
    if (template == null) {
      errors.add(FieldError.required(at, "must be specified"));
      return;
    }
    if (template.metadata() != null) {
      Checks.labels(errors, at + ".metadata.labels", template.metadata().labels());
    }
    PodSpecRules.validate(errors, template.spec(), at + ".spec");
    if (template.spec() == null) {
      return;
    }
    if (template.spec().restartPolicy() == null) {
      errors.add(
          FieldError.required(
              at + ".spec.restartPolicy", "supported values: \"OnFailure\", \"Never\""));
    } else if (PodSpecRules.RESTART_POLICIES.contains(template.spec().restartPolicy())) {
      // Unknown values were reported by the pod rules already; Always is the one a job refuses.
      Checks.oneOf(
          errors, at + ".spec.restartPolicy", template.spec().restartPolicy(), RESTART_POLICIES);
    }
  }
}
