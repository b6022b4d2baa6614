package dev.shoal.agent.control;

import static dev.shoal.agent.control.Await.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DebounceTest {

  private static final Duration SETTLE = Duration.ofMillis(10);
  private static final Duration MAX = Duration.ofMillis(100);

  private final FakeTimer timer = new FakeTimer();
  private final List<Instant> fired = new CopyOnWriteArrayList<>();

  private Debounce debounce(Context context) {
    return new Debounce(
        context,
        timer,
        "test",
        SETTLE,
        MAX,
        () -> {
          fired.add(timer.clock().instant());
          return Future.succeededFuture();
        });
  }

  private void signalAt(Debounce debounce, Context context, long millis) throws Exception {
    timer.advance(Duration.between(timer.clock().instant(), FakeClock.START.plusMillis(millis)));
    debounce.signal();
    drain(context);
  }

  private static Instant at(long millis) {
    return FakeClock.START.plusMillis(millis);
  }

  @Test
  void aBurstFiresOnceWhenItHasBeenQuietForTheSettleTime(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    Debounce debounce = debounce(context);
    signalAt(debounce, context, 0);
    signalAt(debounce, context, 4);
    signalAt(debounce, context, 9);
    timer.advance(Duration.ofMillis(9)); // t = 18
    assertEquals(List.of(), fired);
    timer.advance(Duration.ofMillis(1)); // t = 19: 10 ms after the last signal
    assertEquals(List.of(at(19)), fired);
    timer.advance(Duration.ofSeconds(1));
    assertEquals(1, fired.size(), "once per burst");

    signalAt(debounce, context, 2_000);
    timer.advance(Duration.ofSeconds(1));
    assertEquals(List.of(at(19), at(2_010)), fired, "the next burst fires again");
  }

  @Test
  void aBurstThatNeverSettlesFiresAtMostTheMaxDelayAfterItsFirstSignal(Vertx vertx)
      throws Exception {
    Context context = vertx.getOrCreateContext();
    Debounce debounce = debounce(context);
    List<Instant> firsts = new ArrayList<>();
    int before = 0;
    for (long t = 0; t <= 450; t += 3) {
      if (fired.size() != before || firsts.isEmpty()) {
        firsts.add(at(t));
        before = fired.size();
      }
      signalAt(debounce, context, t);
    }
    timer.advance(Duration.ofSeconds(1));
    assertTrue(fired.size() >= 4, fired.toString());
    for (int i = 0; i < fired.size(); i++) {
      Duration waited = Duration.between(firsts.get(i), fired.get(i));
      assertTrue(waited.compareTo(MAX) <= 0, "burst " + i + " waited " + waited);
    }
    assertEquals(at(100), fired.get(0));
  }

  @Test
  void signalsWhileTheActionRunsMakeOneMoreRunAfterIt(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Promise<Void>> runs = new CopyOnWriteArrayList<>();
    Debounce debounce =
        new Debounce(
            context,
            timer,
            "test",
            SETTLE,
            MAX,
            () -> {
              Promise<Void> run = Promise.promise();
              runs.add(run);
              return run.future();
            });
    signalAt(debounce, context, 0);
    timer.advance(SETTLE);
    assertEquals(1, runs.size());
    signalAt(debounce, context, 20);
    signalAt(debounce, context, 200);
    timer.advance(Duration.ofSeconds(1));
    assertEquals(1, runs.size(), "never two runs at once");
    context.runOnContext(x -> runs.get(0).complete());
    drain(context);
    assertEquals(
        2,
        runs.size(),
        "the burst during the run fires once it ends (it has waited past the max delay)");
    context.runOnContext(x -> runs.get(1).complete());
    drain(context);
    timer.advance(Duration.ofSeconds(1));
    assertEquals(2, runs.size());
  }
}
