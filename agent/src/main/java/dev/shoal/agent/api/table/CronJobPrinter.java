package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.CronJobSpec;
import dev.shoal.manifests.model.JobTemplateSpec;
import dev.shoal.manifests.model.PodTemplateSpec;
import java.time.Instant;
import java.util.List;

/**
 * {@code NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE}, wide {@code CONTAINERS IMAGES
 * SELECTOR}.
 */
final class CronJobPrinter implements Printer<CronJob> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Schedule", "The schedule in Cron format."),
          Column.text("Timezone", "The time zone name for the given schedule."),
          new Column(
              "Suspend",
              "boolean",
              "",
              "This flag tells the controller to suspend subsequent executions.",
              0),
          Column.integer("Active", "A list of pointers to currently running jobs."),
          Column.text(
              "Last Schedule",
              "Information when was the last time the job was successfully scheduled."),
          Column.age(),
          Column.wide("Containers", "Names of each container in the template."),
          Column.wide("Images", "Images referenced by each container in the template."),
          Column.wide("Selector", "A label query over pods that should match the pod count."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(CronJob cron, Instant now) {
    CronJobSpec spec = cron.spec();
    JobTemplateSpec job = spec == null ? null : spec.jobTemplate();
    PodTemplateSpec template = job == null || job.spec() == null ? null : job.spec().template();
    Instant last = cron.status() == null ? null : cron.status().lastScheduleTime();
    long active =
        cron.status() == null || cron.status().active() == null ? 0 : cron.status().active().size();
    return List.of(
        cron.metadata().name(),
        spec == null ? "" : Cells.orEmpty(spec.schedule()),
        spec == null ? Cells.NONE : Cells.orNone(spec.timeZone()),
        spec == null || spec.suspend() == null ? "<unset>" : spec.suspend() ? "True" : "False",
        active,
        last == null ? Cells.NONE : Ages.since(last, now),
        Ages.since(cron.metadata().creationTimestamp(), now),
        Cells.containerNames(template),
        Cells.containerImages(template),
        Cells.selector(job == null || job.spec() == null ? null : job.spec().selector()));
  }
}
