package dev.shoal.agent.node;

import dev.shoal.agent.cluster.Membership;
import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.Node;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Keeps this agent's Node object in the store: creates it (or takes over the stored one, keeping
 * user labels and spec), then refreshes its Ready heartbeat every {@code heartbeat} (a {@link
 * CoalescingLoop}: one write at a time, a failed one retried sooner with back-off). Also tells
 * subscribers the node name of every member that leaves the cluster (for the node-lifecycle
 * controller).
 */
public final class NodeRegistration {

  private final ClusterStore store;
  private final Membership membership;
  private final NodeFacts facts;
  private final Clock clock;
  private final ObjectKey key;
  private final Context context;
  private final CoalescingLoop beats;
  private final List<Consumer<String>> goneListeners = new CopyOnWriteArrayList<>();

  public NodeRegistration(
      Vertx vertx,
      ClusterStore store,
      Membership membership,
      NodeFacts facts,
      Duration heartbeat,
      Clock clock) {
    this(vertx, store, membership, facts, heartbeat, Timer.system(clock));
  }

  /** Heartbeats are timed, and stamped, on {@code timer}. */
  public NodeRegistration(
      Vertx vertx,
      ClusterStore store,
      Membership membership,
      NodeFacts facts,
      Duration heartbeat,
      Timer timer) {
    this.store = store;
    this.membership = membership;
    this.facts = facts;
    this.clock = timer.clock();
    this.key = new ObjectKey(Node.KIND, "", facts.nodeName());
    this.context = vertx.getOrCreateContext();
    this.beats =
        new CoalescingLoop(
            context,
            timer,
            "node heartbeat of " + facts.nodeName(),
            this::register,
            heartbeat,
            new Backoff(heartbeat.dividedBy(4), heartbeat));
  }

  /**
   * {@code nodeGone} gets the node name of each member that leaves (on this registration's
   * context).
   */
  public void onNodeGone(Consumer<String> nodeGone) {
    goneListeners.add(nodeGone);
  }

  /**
   * Starts the heartbeat and completes once the Node is written the first time. If that first write
   * fails (say the cluster is not writable yet) the future fails but the heartbeat keeps trying.
   */
  public Future<Void> start() {
    membership.onChange(
        change -> {
          if (!change.joined() && !change.member().nodeName().isEmpty()) {
            context.runOnContext(
                ignored ->
                    goneListeners.forEach(listener -> listener.accept(change.member().nodeName())));
          }
        });
    return beats.start();
  }

  /** Stops the heartbeat once the write in flight, if any, has ended. */
  public Future<Void> stop() {
    return beats.stop();
  }

  public ObjectKey key() {
    return key;
  }

  private Future<Node> register() {
    return store
        .modify(key, stored -> NodeObjects.refreshed((Node) stored, facts, clock.instant()))
        .map(Node.class::cast)
        .recover(
            failure ->
                isNotFound(failure)
                    ? store
                        .create(NodeObjects.initial(facts, clock.instant()))
                        .map(Node.class::cast)
                    : Future.failedFuture(failure));
  }

  private static boolean isNotFound(Throwable failure) {
    return failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND;
  }
}
