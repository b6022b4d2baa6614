package dev.shoal.agent.controllers.batch;

import static dev.shoal.agent.controllers.batch.BatchObjects.cronJob;
import static dev.shoal.agent.controllers.batch.BatchObjects.cronJobsJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobCondition;
import dev.shoal.manifests.schedule.CronSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cron job planner on a fixed clock: which run it starts, which jobs it deletes, what it
 * reports.
 */
class CronJobPlannerTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:30Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      due this minute                              | * * * * *    | 2026-06-01T11:59:00Z | -1   | 2026-06-01T12:00:00Z
      ran this minute already                      | * * * * *    | 2026-06-01T12:00:00Z | -1   | ''
      an hour down: only the latest missed run     | * * * * *    | 2026-06-01T11:00:00Z | -1   | 2026-06-01T12:00:00Z
      a week down, hourly: only the latest         | 0 * * * *    | 2026-05-25T11:00:00Z | -1   | 2026-06-01T12:00:00Z
      missed by more than the deadline             | 0 11 * * *   | 2026-05-31T11:00:00Z | 60   | ''
      missed but within the deadline               | 0 12 * * *   | 2026-05-31T12:00:00Z | 60   | 2026-06-01T12:00:00Z
      not yet due                                  | 30 12 * * *  | 2026-05-31T12:30:00Z | -1   | ''
      """)
  void whichRunStarts(
      String name, String schedule, String lastSchedule, long deadline, String expected) {
    CronJob cj =
        cronJob(schedule, "Allow", deadline < 0 ? null : deadline, Instant.parse(lastSchedule));
    CronJobPlan plan = plan(cj, List.of(), NOW);
    if (expected.isEmpty()) {
      assertNull(plan.create(), name);
      assertNull(plan.scheduledTime(), name);
    } else {
      Instant t = Instant.parse(expected);
      assertEquals(t, plan.scheduledTime(), name);
      assertEquals("tick-" + t.getEpochSecond() / 60, plan.create().metadata().name());
    }
  }

  @Test
  void theJobComesFromTheTemplateWithAnOwnerReferenceAndTheScheduledTime() {
    CronJobPlan plan =
        plan(
            cronJob("* * * * *", "Allow", null, Instant.parse("2026-06-01T11:59:00Z")),
            List.of(),
            NOW);
    Job job = plan.create();
    assertEquals("tick", job.metadata().labels().get("cron"));
    assertEquals("cron-uid", job.metadata().ownerReferences().get(0).uid());
    assertEquals(
        "2026-06-01T12:00:00Z",
        job.metadata().annotations().get("batch.kubernetes.io/cronjob-scheduled-timestamp"));
    assertEquals(30_100, plan.recheckAfterMillis(), "the next minute, plus a little");
  }

  @Test
  void tooManyMissedTimesIsReportedButStartsOnlyOneRun() {
    CronJobPlan plan =
        plan(
            cronJob("* * * * *", "Allow", null, Instant.parse("2026-05-31T12:00:00Z")),
            List.of(),
            NOW);
    assertEquals(Instant.parse("2026-06-01T12:00:00Z"), plan.scheduledTime());
    assertTrue(
        plan.notes().stream()
            .anyMatch(n -> n.startsWith("TooManyMissedTimes: too many missed start times: 1440")),
        plan.notes()::toString);
  }

  @Test
  void aRunStartedByAnEarlierLeaderIsRecordedNotStartedAgain() {
    CronJob cj = cronJob("* * * * *", "Allow", null, Instant.parse("2026-06-01T11:59:00Z"));
    Job made =
        cronJobsJob(
            cj,
            CronJobPlanner.jobName(cj, Instant.parse("2026-06-01T12:00:00Z")),
            Instant.parse("2026-06-01T12:00:01Z"),
            null);
    CronJobPlan plan = plan(cj, List.of(made), NOW);
    assertNull(plan.create());
    assertEquals(Instant.parse("2026-06-01T12:00:00Z"), plan.scheduledTime());
  }

  @ParameterizedTest(name = "{0} with a job running: create {1}, delete the running one {2}")
  @CsvSource({"Allow, true, false", "Forbid, false, false", "Replace, true, true"})
  void concurrencyPolicies(String policy, boolean creates, boolean deletesRunning) {
    CronJob cj = cronJob("* * * * *", policy, null, Instant.parse("2026-06-01T11:59:00Z"));
    Job running = cronJobsJob(cj, "tick-1", Instant.parse("2026-06-01T11:59:00Z"), null);
    CronJobPlan plan = plan(cj, List.of(running), NOW);
    assertEquals(creates, plan.create() != null);
    assertEquals(deletesRunning, plan.delete().contains(running));
    assertEquals(
        deletesRunning ? null : List.of("tick-1"),
        plan.status().active() == null
            ? null
            : plan.status().active().stream().map(r -> r.name()).toList());
    if (policy.equals("Forbid")) {
      assertTrue(plan.notes().get(0).startsWith("JobAlreadyActive"));
    }
  }

  @Test
  void historyLimitsDeleteTheOldestFinishedJobs() {
    CronJob cj = cronJob("0 0 1 1 *", "Allow", null, Instant.parse("2026-01-01T00:00:00Z"));
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(cronJobsJob(cj, "ok-" + i, NOW.minusSeconds(600 - i * 60L), JobCondition.COMPLETE));
    }
    for (int i = 0; i < 3; i++) {
      jobs.add(cronJobsJob(cj, "bad-" + i, NOW.minusSeconds(500 - i * 60L), JobCondition.FAILED));
    }
    CronJobPlan plan = plan(cj, jobs, NOW);
    assertEquals(
        List.of("ok-0", "ok-1", "bad-0", "bad-1"),
        plan.delete().stream().map(j -> j.metadata().name()).toList());
    assertEquals(
        NOW.minusSeconds(600 - 4 * 60L).plusSeconds(5), plan.status().lastSuccessfulTime());
    assertNull(plan.status().active());
  }

  @Test
  void aSuspendedCronJobStartsNothing() {
    CronJob cj = cronJob("* * * * *", "Allow", null, Instant.parse("2026-06-01T11:00:00Z"));
    CronJob suspended = cj.withSpec(cj.spec().withSuspend(true));
    CronJobPlan plan = plan(suspended, List.of(), NOW);
    assertNull(plan.create());
    assertEquals(-1, plan.recheckAfterMillis());
  }

  @Test
  void aTimeZoneMovesTheRunWithDaylightSavingTime() {
    CronJob cj = cronJob("0 9 * * *", "Allow", null, Instant.parse("2026-03-28T08:00:00Z"));
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    CronSchedule schedule = CronSchedule.parse("0 9 * * *").value();
    // 28 March 09:00 CET is 08:00Z; after the change on the 29th, 09:00 CEST is 07:00Z.
    CronJobPlan plan =
        CronJobPlanner.plan(cj, List.of(), schedule, berlin, Instant.parse("2026-03-29T07:00:10Z"));
    assertEquals(Instant.parse("2026-03-29T07:00:00Z"), plan.scheduledTime());
    assertEquals(
        "2026-03-29T09:00:00+02:00",
        plan.create()
            .metadata()
            .annotations()
            .get("batch.kubernetes.io/cronjob-scheduled-timestamp"));
  }

  /**
   * Property: over random outages, exactly the latest scheduled time in (lastScheduleTime, now] is
   * started.
   */
  @Test
  void theCatchUpRunIsAlwaysTheMostRecentMissedTime() {
    java.util.Random random = new java.util.Random(3);
    String[] schedules = {
      "*/7 * * * *", "0 */5 * * *", "15 3 * * 1-5", "0 0 1,15 * *", "*/3 1-4 * * *"
    };
    for (int round = 0; round < 300; round++) {
      String text = schedules[random.nextInt(schedules.length)];
      CronSchedule schedule = CronSchedule.parse(text).value();
      Instant last =
          Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * random.nextInt(200_000));
      Instant now = last.plusSeconds(random.nextInt(40 * 24 * 3600));
      Instant expected = null;
      for (Instant t = schedule.next(last, UTC).orElseThrow();
          !t.isAfter(now);
          t = schedule.next(t, UTC).orElseThrow()) {
        expected = t;
      }
      CronJobPlan plan =
          CronJobPlanner.plan(cronJob(text, "Allow", null, last), List.of(), schedule, UTC, now);
      assertEquals(expected, plan.scheduledTime(), text + " from " + last + " to " + now);
    }
  }

  private static CronJobPlan plan(CronJob cj, List<Job> jobs, Instant now) {
    return CronJobPlanner.plan(
        cj, jobs, CronSchedule.parse(cj.spec().schedule()).value(), UTC, now);
  }
}
