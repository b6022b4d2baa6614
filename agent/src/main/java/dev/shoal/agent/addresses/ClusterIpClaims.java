package dev.shoal.agent.addresses;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.Resource;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.Ipv4;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * ClusterIPs claimed the Kubernetes 1.33 way: one {@link IPAddress} object per address, named by
 * it. The store refuses a second object of the same name with ALREADY_EXISTS on every node alike,
 * so two API servers creating services at once can never hand out one address twice. Free addresses
 * are picked at random (so concurrent creates seldom collide); a collision just tries another.
 */
public final class ClusterIpClaims {

  static final int MAX_ATTEMPTS = 64;

  private final ClusterStore store;
  private final Cidr range;
  private final RandomGenerator random;

  ClusterIpClaims(ClusterStore store, Cidr range, RandomGenerator random) {
    this.store = store;
    this.range = range;
    this.random = random;
  }

  /** Claims {@code ip} for the service; false when another claim holds it. */
  Future<Boolean> claim(String ip, String namespace, String name) {
    return store
        .create(IPAddress.forService(ip, namespace, name))
        .map(created -> true)
        .recover(
            e ->
                isReason(e, StoreException.Reason.ALREADY_EXISTS)
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(e));
  }

  /** Claims some free address of the range; null when the range is full (or every try collided). */
  Future<String> claimAny(String namespace, String name) {
    return store
        .list(IPAddress.KIND, null)
        .compose(
            listing -> {
              Set<String> used = new HashSet<>();
              for (Resource r : listing.items()) {
                used.add(r.metadata().name());
              }
              return attempt(used, namespace, name, 0);
            });
  }

  private Future<String> attempt(Set<String> used, String namespace, String name, int tries) {
    String candidate = tries >= MAX_ATTEMPTS ? null : pickFree(used);
    if (candidate == null) {
      return Future.succeededFuture(null);
    }
    return claim(candidate, namespace, name)
        .compose(
            won -> {
              if (won) {
                return Future.succeededFuture(candidate);
              }
              used.add(candidate);
              return attempt(used, namespace, name, tries + 1);
            });
  }

  /**
   * A random free address from the third of the range to the one before broadcast; null when none.
   */
  String pickFree(Set<String> used) {
    long first = 2;
    long count = range.size() - 3;
    if (count <= 0) {
      return null;
    }
    long start = random.nextLong(count);
    for (long i = 0; i < count; i++) {
      String ip = Ipv4.format(range.nth(first + (start + i) % count));
      if (!used.contains(ip)) {
        return ip;
      }
    }
    return null;
  }

  /** Deletes the claim of {@code ip} if it is this service's. */
  Future<Void> release(String ip, String namespace, String name) {
    ObjectKey key = new ObjectKey(IPAddress.KIND, "", ip);
    return store
        .get(key)
        .compose(
            found -> {
              IPAddress claim = (IPAddress) found;
              boolean ours =
                  claim.spec() != null
                      && claim.spec().parentRef() != null
                      && claim.spec().parentRef().isService(namespace, name);
              return ours ? store.delete(key).<Void>mapEmpty() : Future.<Void>succeededFuture();
            })
        .recover(
            e ->
                isReason(e, StoreException.Reason.NOT_FOUND)
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  Cidr range() {
    return range;
  }

  public static boolean isReason(Throwable e, StoreException.Reason reason) {
    return e instanceof StoreException se && se.reason() == reason;
  }
}
