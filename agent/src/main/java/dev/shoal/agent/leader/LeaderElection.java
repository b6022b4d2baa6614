package dev.shoal.agent.leader;

import dev.shoal.agent.cluster.MemberInfo;
import dev.shoal.agent.cluster.Membership;
import dev.shoal.agent.store.LeaderEpochs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether this agent leads: it does when it is the oldest member and sees a majority. Re-checks on
 * every membership change and periodically. Transitions run one at a time on this election's Vert.x context:
 * gaining bumps the epoch, then starts every component made for that epoch; losing stops them.
 */
public final class LeaderElection {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  private final Vertx vertx;
  private final Membership membership;
  private final LeaderEpochs epochs;
  private final Duration recheckEvery;
  private final List<LeaderComponent.Factory> factories = new CopyOnWriteArrayList<>();
  private final List<Consumer<Boolean>> observers = new CopyOnWriteArrayList<>();
  private final List<LeaderComponent> running = new ArrayList<>();
  private Context context;
  private long timer = -1;
  private boolean active;
  private boolean busy;
  private boolean again;
  private volatile boolean leader;
  private volatile long epoch;

  public LeaderElection(Vertx vertx, Membership membership, LeaderEpochs epochs, Duration recheckEvery) {
    this.vertx = vertx;
    this.membership = membership;
    this.epochs = epochs;
    this.recheckEvery = recheckEvery;
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
    context = vertx.getOrCreateContext();
    membership.onChange(change -> context.runOnContext(ignored -> recheck()));
    return Future.future(promise -> context.runOnContext(ignored -> {
      active = true;
      timer = vertx.setPeriodic(recheckEvery.toMillis(), id -> recheck());
      recheck();
      promise.complete();
    }));
  }

  /** Stops the components if leading and stops taking part. */
  public Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    return Future.<Void>future(promise -> context.runOnContext(ignored -> {
      active = false;
      vertx.cancelTimer(timer);
      promise.complete();
    })).compose(ignored -> leader ? lose() : Future.succeededFuture());
  }

  private void recheck() {
    if (busy) {
      again = true;
      return;
    }
    boolean should = active && shouldLead();
    if (should == leader) {
      return;
    }
    busy = true;
    (should ? gain() : lose()).onComplete(result -> {
      busy = false;
      if (result.failed()) {
        LOG.warn("leadership change failed; retrying on the next check", result.cause());
      }
      if (again) {
        again = false;
        recheck();
      }
    });
  }

  private boolean shouldLead() {
    List<MemberInfo> members = membership.members();
    return !members.isEmpty() && members.get(0).id().equals(membership.local().id()) && membership.hasMajority();
  }

  private Future<Void> gain() {
    return epochs.bumpEpoch().compose(newEpoch -> {
      epoch = newEpoch;
      leader = true;
      LOG.info("{} is the leader, epoch {}", membership.local().nodeName(), newEpoch);
      for (LeaderComponent.Factory factory : factories) {
        running.add(factory.create(newEpoch));
      }
      notifyObservers(true);
      Future<Void> chain = Future.succeededFuture();
      for (LeaderComponent component : List.copyOf(running)) {
        chain = chain.compose(ignored -> component.start());
      }
      return chain;
    });
  }

  private Future<Void> lose() {
    leader = false;
    LOG.info("{} is no longer the leader (epoch {})", membership.local().nodeName(), epoch);
    List<LeaderComponent> stopping = new ArrayList<>(running);
    running.clear();
    notifyObservers(false);
    Future<Void> chain = Future.succeededFuture();
    for (int i = stopping.size() - 1; i >= 0; i--) {
      LeaderComponent component = stopping.get(i);
      chain = chain.compose(ignored -> component.stop()
          .recover(failure -> {
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
