package dev.shoal.agent.store;

import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import java.util.Map;
import java.util.Optional;

/**
 * Kinds the store keeps for the agents' own bookkeeping that the API does not serve: they are not
 * in {@link ResourceKinds}, so no URL, manifest or {@code /apply} names them. A store that decodes
 * stored objects by kind looks here after {@link ResourceKinds}.
 */
public final class InternalKinds {

  private static final Map<String, Class<? extends Resource>> TYPES =
      Map.of(RangeAllocation.KIND, RangeAllocation.class);

  private InternalKinds() {}

  /** The record of a kind the store may hold: an API kind or an internal one. */
  public static Optional<Class<? extends Resource>> typeOf(String kind) {
    return ResourceKinds.byKind(kind)
        .<Class<? extends Resource>>map(k -> k.type())
        .or(() -> Optional.ofNullable(TYPES.get(kind)));
  }
}
