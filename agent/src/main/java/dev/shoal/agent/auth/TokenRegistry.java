package dev.shoal.agent.auth;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * This node's copy of every ApiToken, kept by a watch on the store, so checking a token never
 * leaves the node. Deleting a token revokes it everywhere within one watch event; whoever
 * registered with {@link #onRevoked} (a watch stream opened with the token) is told at once.
 */
public final class TokenRegistry {

  private final Map<String, ApiToken> tokens = new ConcurrentHashMap<>();
  private final Map<String, Set<Runnable>> revocationListeners = new ConcurrentHashMap<>();
  private ClusterStore.Watch watch;

  /** Loads the tokens and follows changes from then on. */
  public Future<Void> start(ClusterStore store) {
    return store
        .list(ApiToken.KIND, null)
        .compose(
            listing -> {
              listing.items().forEach(this::put);
              return store.watch(ApiToken.KIND, null, listing.version(), this::onEvent);
            })
        .onSuccess(started -> watch = started)
        .mapEmpty();
  }

  public void stop() {
    if (watch != null) {
      watch.cancel();
    }
  }

  /** The caller a bearer token stands for; empty for a malformed, unknown or wrong token alike. */
  public Optional<Caller> authenticate(String bearer) {
    return BearerTokens.parse(bearer)
        .flatMap(
            presented -> {
              ApiToken token = tokens.get(presented.name());
              boolean valid =
                  token != null
                      && token.spec() != null
                      && BearerTokens.matches(presented.secret(), token.spec().tokenHash());
              return valid ? Optional.of(Caller.of(token)) : Optional.empty();
            });
  }

  /** Runs {@code action} once if the token is revoked; the returned handle unregisters it. */
  public Runnable onRevoked(String tokenName, Runnable action) {
    revocationListeners
        .computeIfAbsent(tokenName, ignored -> new CopyOnWriteArraySet<>())
        .add(action);
    if (!tokens.containsKey(tokenName)) {
      revoked(tokenName);
    }
    return () -> {
      Set<Runnable> listeners = revocationListeners.get(tokenName);
      if (listeners != null) {
        listeners.remove(action);
      }
    };
  }

  private void onEvent(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      tokens.remove(event.object().metadata().name());
      revoked(event.object().metadata().name());
    } else {
      String name = event.object().metadata().name();
      ApiToken before = tokens.get(name);
      put(event.object());
      if (before != null && !sameGrant(before, (ApiToken) event.object())) {
        revoked(name);
      }
    }
  }

  private void put(Resource object) {
    tokens.put(object.metadata().name(), (ApiToken) object);
  }

  /** A changed role, namespace list or secret ends what was opened under the old grant. */
  private static boolean sameGrant(ApiToken a, ApiToken b) {
    return a.spec() != null && b.spec() != null && a.spec().equals(b.spec());
  }

  private void revoked(String tokenName) {
    Set<Runnable> listeners = revocationListeners.remove(tokenName);
    if (listeners != null) {
      List.copyOf(listeners).forEach(Runnable::run);
    }
  }
}
