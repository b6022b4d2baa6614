package dev.shoal.agent.control;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Timer} on virtual time: nothing fires until the test calls {@link #advance}, which moves
 * the {@link FakeClock} to each due task in turn and runs it on the context that scheduled it (as
 * Vert.x does), waiting for it to finish before the next, so timer tests are deterministic and
 * never sleep. Tasks scheduled by a task inside the window fire in the same call. Call it from a
 * test thread.
 */
public final class FakeTimer implements Timer {

  private static final long TASK_WAIT_SECONDS = 30;

  private final FakeClock clock;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();

  public FakeTimer() {
    this(new FakeClock());
  }

  public FakeTimer(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public FakeClock clock() {
    return clock;
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    Instant due = clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay);
    Task scheduled =
        new Task(
            due, sequence.incrementAndGet(), Vertx.currentContext(), task, new AtomicBoolean());
    synchronized (tasks) {
      tasks.add(scheduled);
    }
    return () -> scheduled.cancelled().set(true);
  }

  /**
   * Moves virtual time forward by {@code by}, firing every task that falls due on the way, in
   * order.
   */
  public void advance(Duration by) {
    Instant end = clock.instant().plus(by);
    for (Task next = nextDue(end); next != null; next = nextDue(end)) {
      clock.moveTo(next.due());
      fire(next);
    }
    clock.moveTo(end);
  }

  /** Fires the tasks due now (for instance ones that were scheduled with no delay). */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** When the earliest task waiting is due, or null when none waits. */
  public Instant nextDue() {
    synchronized (tasks) {
      tasks.removeIf(t -> t.cancelled().get());
      Task first = tasks.peek();
      return first == null ? null : first.due();
    }
  }

  /** How many tasks wait (not cancelled, not fired). */
  public int pending() {
    synchronized (tasks) {
      tasks.removeIf(t -> t.cancelled().get());
      return tasks.size();
    }
  }

  /** The delays, from now, of the tasks waiting, soonest first. */
  public List<Duration> pendingDelays() {
    List<Duration> delays = new ArrayList<>();
    synchronized (tasks) {
      tasks.stream()
          .filter(t -> !t.cancelled().get())
          .sorted()
          .forEach(t -> delays.add(Duration.between(clock.instant(), t.due())));
    }
    return delays;
  }

  private Task nextDue(Instant end) {
    synchronized (tasks) {
      while (!tasks.isEmpty()) {
        Task first = tasks.peek();
        if (first.cancelled().get()) {
          tasks.poll();
        } else if (first.due().isAfter(end)) {
          return null;
        } else {
          return tasks.poll();
        }
      }
      return null;
    }
  }

  private static void fire(Task task) {
    Context context = task.context();
    if (context == null || Vertx.currentContext() == context) {
      task.run();
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    context.runOnContext(
        ignored -> {
          try {
            task.run();
          } finally {
            done.countDown();
          }
        });
    try {
      if (!done.await(TASK_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "a timer task did not finish on its context within " + TASK_WAIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while a timer task ran", e);
    }
  }

  private record Task(
      Instant due, long sequence, Context context, Runnable action, AtomicBoolean cancelled)
      implements Comparable<Task> {

    void run() {
      if (!cancelled.get()) {
        action.run();
      }
    }

    @Override
    public int compareTo(Task other) {
      int byDue = due.compareTo(other.due);
      return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }
  }
}
