package dev.shoal.agent.node;

import dev.shoal.agent.cluster.Membership;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this agent's Node object in the store: creates it (or takes over the stored one, keeping user
 * labels and spec), then refreshes its Ready heartbeat every {@code heartbeat}. Also tells subscribers the
 * node name of every member that leaves the cluster (for the node-lifecycle controller).
 */
public final class NodeRegistration {

  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);

  private final Vertx vertx;
  private final ClusterStore store;
  private final Membership membership;
  private final NodeFacts facts;
  private final Duration heartbeat;
  private final Clock clock;
  private final ObjectKey key;
  private final List<Consumer<String>> goneListeners = new CopyOnWriteArrayList<>();
  private Context context;
  private long timer = -1;
  private boolean writing;

  public NodeRegistration(Vertx vertx, ClusterStore store, Membership membership, NodeFacts facts, Duration heartbeat,
      Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.membership = membership;
    this.facts = facts;
    this.heartbeat = heartbeat;
    this.clock = clock;
    this.key = new ObjectKey(Node.KIND, "", facts.nodeName());
  }

  /** {@code nodeGone} gets the node name of each member that leaves (on this registration's context). */
  public void onNodeGone(Consumer<String> nodeGone) {
    goneListeners.add(nodeGone);
  }

  /**
   * Starts the heartbeat and completes once the Node is written the first time. If that first write fails
   * (say the cluster is not writable yet) the future fails but the heartbeat keeps trying.
   */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    membership.onChange(change -> {
      if (!change.joined() && !change.member().nodeName().isEmpty()) {
        context.runOnContext(ignored -> goneListeners.forEach(listener -> listener.accept(change.member().nodeName())));
      }
    });
    return Future.<Void>future(promise -> context.runOnContext(ignored -> {
      timer = vertx.setPeriodic(heartbeat.toMillis(), id -> beat());
      promise.complete();
    })).compose(ignored -> register()).mapEmpty();
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }

  public ObjectKey key() {
    return key;
  }

  private Future<Node> register() {
    return store.modify(key, stored -> NodeObjects.refreshed((Node) stored, facts, clock.instant()))
        .map(Node.class::cast)
        .recover(failure -> isNotFound(failure)
            ? store.create(NodeObjects.initial(facts, clock.instant())).map(Node.class::cast)
            : Future.failedFuture(failure));
  }

  private void beat() {
    if (writing) {
      return;
    }
    writing = true;
    register().onComplete(result -> {
      writing = false;
      if (result.failed()) {
        LOG.warn("node heartbeat for {} failed: {}", key.name(), result.cause().toString());
      }
    });
  }

  private static boolean isNotFound(Throwable failure) {
    return failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND;
  }
}
