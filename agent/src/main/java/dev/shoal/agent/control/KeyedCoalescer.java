package dev.shoal.agent.control;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * At most one run per key at a time, and no request lost: {@link #begin} lets a run start only when
 * none runs for that key, else remembers that the key was asked for again, which {@link #end} hands
 * back so the caller runs it once more (however many requests came meanwhile). Safe from any
 * thread.
 */
public final class KeyedCoalescer<K> {

  private final Set<K> running = new HashSet<>();
  private final Set<K> again = new HashSet<>();
  private final List<Promise<Void>> idleWaiters = new ArrayList<>();

  /**
   * True: the caller runs {@code key} now and must call {@link #end}. False: one runs; it is asked
   * for again.
   */
  public synchronized boolean begin(K key) {
    if (running.add(key)) {
      return true;
    }
    again.add(key);
    return false;
  }

  /**
   * When {@code key} runs, remembers that it was asked for again and returns true; else returns
   * false.
   */
  public synchronized boolean askAgainIfRunning(K key) {
    if (running.contains(key)) {
      again.add(key);
      return true;
    }
    return false;
  }

  /** Ends the run of {@code key}; true when it was asked for again while it ran. */
  public boolean end(K key) {
    List<Promise<Void>> nowIdle = List.of();
    boolean askedAgain;
    synchronized (this) {
      running.remove(key);
      askedAgain = again.remove(key);
      if (running.isEmpty() && !idleWaiters.isEmpty()) {
        nowIdle = List.copyOf(idleWaiters);
        idleWaiters.clear();
      }
    }
    nowIdle.forEach(Promise::tryComplete);
    return askedAgain;
  }

  public synchronized boolean isRunning(K key) {
    return running.contains(key);
  }

  /** How many keys run now. */
  public synchronized int running() {
    return running.size();
  }

  /** Completes once no key runs (at once when none does). */
  public synchronized Future<Void> idle() {
    if (running.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> idle = Promise.promise();
    idleWaiters.add(idle);
    return idle.future();
  }
}
