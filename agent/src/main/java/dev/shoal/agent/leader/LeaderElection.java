package dev.shoal.agent.leader;

import dev.shoal.agent.cluster.MemberInfo;
import dev.shoal.agent.cluster.Membership;
import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Contexts;
import dev.shoal.agent.control.Retry;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.store.LeaderEpochs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether this agent leads: it does when it is the oldest member and sees a majority.
 * Re-checks on every membership change and periodically, one check at a time ({@link
 * CoalescingLoop}). Gaining bumps the epoch, then starts every component made for that epoch, in
 * order; losing stops them in reverse.
 *
 * <p>A term whose components do not all start is not kept: the ones that started are stopped, this
 * member steps down, and it tries a new term (a new epoch, fresh components) after a back-off that
 * doubles with each failed term and starts over once one succeeds. Re-checks in between do not cut
 * the back-off short.
 */
public final class LeaderElection {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  /** Back-off between terms whose start failed. */
  public static final Backoff START_RETRY =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2);

  private final Membership membership;
  private final LeaderEpochs epochs;
  private final Timer timer;
  private final Context context;
  private final CoalescingLoop checks;
  private final Retry startRetry;
  private final List<LeaderComponent.Factory> factories = new CopyOnWriteArrayList<>();
  private final List<Consumer<Boolean>> observers = new CopyOnWriteArrayList<>();
  private final List<LeaderComponent> running = new ArrayList<>();
  private boolean active;
  private Instant nextTermNotBefore;
  private Timer.Scheduled nextTermCheck;
  private volatile boolean leader;
  private volatile long epoch;

  public LeaderElection(
      Vertx vertx, Membership membership, LeaderEpochs epochs, Duration recheckEvery) {
    this(vertx, membership, epochs, recheckEvery, Timer.system(), START_RETRY);
  }

  public LeaderElection(
      Vertx vertx,
      Membership membership,
      LeaderEpochs epochs,
      Duration recheckEvery,
      Timer timer,
      Backoff startRetry) {
    this.membership = membership;
    this.epochs = epochs;
    this.timer = timer;
    this.context = vertx.getOrCreateContext();
    this.checks =
        new CoalescingLoop(
            context,
            timer,
            "leader election",
            this::check,
            recheckEvery,
            Backoff.fixed(recheckEvery));
    this.startRetry = new Retry(startRetry);
  }

  /** Registers a component made afresh for each term (call before {@link #start()}). */
  public LeaderElection register(LeaderComponent.Factory factory) {
    factories.add(factory);
    return this;
  }

  /** Registers one component that is started on every gain and stopped on every loss. */
  public LeaderElection register(LeaderComponent component) {
    return register(epoch -> component);
  }

  /** Called with true on gaining and false on losing leadership, on the election's context. */
  public void onChange(Consumer<Boolean> observer) {
    observers.add(observer);
  }

  public boolean isLeader() {
    return leader;
  }

  /** The epoch of this member's current (or last) term; 0 before it first led. */
  public long epoch() {
    return epoch;
  }

  public Future<Void> start() {
    membership.onChange(change -> checks.trigger());
    return Future.<Void>future(
        promise ->
            context.runOnContext(
                ignored -> {
                  active = true;
                  checks.start();
                  promise.complete();
                }));
  }

  /** Stops the components if leading and stops taking part. */
  public Future<Void> stop() {
    return Future.<Void>future(
            promise ->
                context.runOnContext(
                    ignored -> {
                      active = false;
                      if (nextTermCheck != null) {
                        nextTermCheck.cancel();
                      }
                      checks.stop().onComplete(promise);
                    }))
        .compose(ignored -> leader ? lose() : Future.succeededFuture());
  }

  /** One check: gains or loses leadership when that changed; a failed gain has handled itself. */
  private Future<Void> check() {
    boolean should = active && shouldLead();
    if (should == leader) {
      return Future.succeededFuture();
    }
    if (!should) {
      return lose();
    }
    if (nextTermNotBefore != null && timer.clock().instant().isBefore(nextTermNotBefore)) {
      return Future.succeededFuture();
    }
    List<LeaderComponent> started = new ArrayList<>();
    return Contexts.on(context, gain(started))
        .transform(
            result -> {
              if (result.failed()) {
                return stepDown(result.cause(), started);
              }
              startRetry.succeeded();
              nextTermNotBefore = null;
              return Future.succeededFuture();
            });
  }

  private boolean shouldLead() {
    List<MemberInfo> members = membership.members();
    return !members.isEmpty()
        && members.get(0).id().equals(membership.local().id())
        && membership.hasMajority();
  }

  private Future<Void> gain(List<LeaderComponent> started) {
    return Contexts.on(context, epochs.bumpEpoch())
        .compose(
            newEpoch -> {
              epoch = newEpoch;
              leader = true;
              LOG.info("{} is the leader, epoch {}", membership.local().nodeName(), newEpoch);
              for (LeaderComponent.Factory factory : factories) {
                running.add(factory.create(newEpoch));
              }
              notifyObservers(true);
              Future<Void> chain = Future.succeededFuture();
              for (LeaderComponent component : List.copyOf(running)) {
                chain =
                    chain.compose(
                        ignored ->
                            component
                                .start()
                                .map(
                                    v -> {
                                      started.add(component);
                                      return null;
                                    }));
              }
              return chain;
            });
  }

  /**
   * A term that did not start: stops what did, steps down, and asks for a new term after the
   * back-off.
   */
  private Future<Void> stepDown(Throwable failure, List<LeaderComponent> started) {
    Duration delay = startRetry.failed();
    LOG.warn(
        "{}: term {} did not start ({} failed term(s) in a row), stepping down and trying a new term in {} ms",
        membership.local().nodeName(),
        epoch,
        startRetry.failures(),
        delay.toMillis(),
        failure);
    boolean wasLeader = leader;
    leader = false;
    running.clear();
    if (wasLeader) {
      notifyObservers(false);
    }
    nextTermNotBefore = timer.clock().instant().plus(delay);
    if (nextTermCheck != null) {
      nextTermCheck.cancel();
    }
    nextTermCheck = timer.schedule(delay, checks::trigger);
    return stopInReverse(started);
  }

  private Future<Void> lose() {
    leader = false;
    LOG.info("{} is no longer the leader (epoch {})", membership.local().nodeName(), epoch);
    List<LeaderComponent> stopping = new ArrayList<>(running);
    running.clear();
    notifyObservers(false);
    return stopInReverse(stopping);
  }

  private static Future<Void> stopInReverse(List<LeaderComponent> components) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = components.size() - 1; i >= 0; i--) {
      LeaderComponent component = components.get(i);
      chain =
          chain.compose(
              ignored ->
                  component
                      .stop()
                      .recover(
                          failure -> {
                            LOG.warn("leader component did not stop cleanly", failure);
                            return Future.succeededFuture();
                          }));
    }
    return chain;
  }

  private void notifyObservers(boolean leading) {
    for (Consumer<Boolean> observer : observers) {
      observer.accept(leading);
    }
  }
}
