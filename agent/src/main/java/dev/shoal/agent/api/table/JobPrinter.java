package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobCondition;
import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code NAME STATUS COMPLETIONS DURATION AGE}, wide {@code CONTAINERS IMAGES SELECTOR}. */
final class JobPrinter implements Printer<Job> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Status", "Status of the job."),
          Column.text("Completions", "The completion status of the job."),
          Column.text("Duration", "Time required to complete the job."),
          Column.age(),
          Column.wide("Containers", "Names of each container in the template."),
          Column.wide("Images", "Images referenced by each container in the template."),
          Column.wide("Selector", "A label query over pods that should match the pod count."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Job job, Instant now) {
    JobSpec spec = job.spec();
    JobStatus status = job.status();
    long succeeded = status == null ? 0 : Cells.count(status.succeeded());
    String completions;
    if (spec != null && spec.completions() != null) {
      completions = succeeded + "/" + spec.completions();
    } else {
      long parallelism = spec == null ? 0 : Cells.count(spec.parallelism());
      completions = parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }
    String duration = "";
    if (status != null && status.startTime() != null) {
      Instant end = status.completionTime() == null ? now : status.completionTime();
      duration = Ages.human(Duration.between(status.startTime(), end));
    }
    return List.of(
        job.metadata().name(),
        state(job),
        completions,
        duration,
        Ages.since(job.metadata().creationTimestamp(), now),
        Cells.containerNames(spec == null ? null : spec.template()),
        Cells.containerImages(spec == null ? null : spec.template()),
        Cells.selector(spec == null ? null : spec.selector()));
  }

  private static String state(Job job) {
    List<JobCondition> conditions =
        job.status() == null || job.status().conditions() == null
            ? List.of()
            : job.status().conditions();
    if (has(conditions, "Complete")) {
      return "Complete";
    }
    if (has(conditions, "Failed")) {
      return "Failed";
    }
    if (job.metadata().deletionTimestamp() != null) {
      return "Terminating";
    }
    for (String type : List.of("Suspended", "FailureTarget", "SuccessCriteriaMet")) {
      if (has(conditions, type)) {
        return type;
      }
    }
    return "Running";
  }

  private static boolean has(List<JobCondition> conditions, String type) {
    return conditions.stream().anyMatch(c -> type.equals(c.type()) && "True".equals(c.status()));
  }
}
