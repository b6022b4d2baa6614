package dev.shoal.agent.join;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The addresses let through to the cluster port: those admitted by a handshake with this node
 * during this run, and every node whose Node object carries {@value #ANNOTATION}. Each change goes
 * to {@code apply} (the firewall). A deleted Node object takes its address out of both.
 */
public final class AdmittedMembers {

  public static final String ANNOTATION = "shoal.dev/admitted-address";
  private static final Logger LOG = LoggerFactory.getLogger(AdmittedMembers.class);

  private final Function<Set<String>, Future<?>> apply;
  private final Set<String> handshaken = ConcurrentHashMap.newKeySet();
  private final Map<String, String> byNode = new ConcurrentHashMap<>();
  private ClusterStore.Watch watch;

  /**
   * The set last handed to the firewall: Node heartbeats change Node objects every second, not the
   * set.
   */
  private Set<String> applied;

  public AdmittedMembers(Function<Set<String>, Future<?>> apply) {
    this.apply = apply;
  }

  public Future<?> admitHandshaken(String address) {
    return handshaken.add(address) ? push() : Future.succeededFuture();
  }

  /** Follows the Node objects of the cluster from now on. */
  public Future<Void> follow(ClusterStore store) {
    return store
        .list(Node.KIND, null)
        .compose(
            listing -> {
              listing.items().forEach(this::seen);
              return store.watch(Node.KIND, null, listing.version(), this::onEvent);
            })
        .onSuccess(
            started -> {
              watch = started;
              push();
            })
        .mapEmpty();
  }

  public void stop() {
    if (watch != null) {
      watch.cancel();
    }
  }

  /** The addresses admitted now. */
  public Set<String> current() {
    Set<String> all = new TreeSet<>(handshaken);
    all.addAll(byNode.values());
    return all;
  }

  /** Records this node's own admission on its Node object, so every node lets it in. */
  public static Future<Resource> admitSelf(ClusterStore store, String nodeName, String address) {
    return store.modify(
        new ObjectKey(Node.KIND, "", nodeName),
        stored -> {
          Map<String, String> annotations =
              new TreeMap<>(
                  stored.metadata().annotations() == null
                      ? Map.of()
                      : stored.metadata().annotations());
          if (address.equals(annotations.put(ANNOTATION, address))) {
            return stored;
          }
          ObjectMeta meta = stored.metadata().withAnnotations(annotations);
          return stored.withMetadata(meta);
        });
  }

  private void onEvent(WatchEvent event) {
    String name = event.object().metadata().name();
    if (event.type() == WatchEvent.Type.DELETED) {
      String address = byNode.remove(name);
      String annotated = addressOf(event.object());
      if (annotated != null && handshaken.remove(annotated) | address != null) {
        LOG.info("node {} was removed: {} loses the cluster port", name, annotated);
      }
    } else {
      seen(event.object());
    }
    push();
  }

  private void seen(Resource node) {
    String address = addressOf(node);
    if (address == null) {
      byNode.remove(node.metadata().name());
    } else {
      byNode.put(node.metadata().name(), address);
    }
  }

  private static String addressOf(Resource node) {
    Map<String, String> annotations = node.metadata().annotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }

  private synchronized Future<?> push() {
    Set<String> now = current();
    if (now.equals(applied)) {
      return Future.succeededFuture();
    }
    applied = now;
    return apply
        .apply(now)
        .onFailure(
            e -> {
              LOG.warn("cannot update the member firewall: {}", e.getMessage());
              synchronized (this) {
                applied = null; // try again at the next change
              }
            });
  }
}
