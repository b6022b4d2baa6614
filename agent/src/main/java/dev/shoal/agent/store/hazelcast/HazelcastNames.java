package dev.shoal.agent.store.hazelcast;

import dev.shoal.agent.store.ObjectKey;

/** Names of the distributed structures and the string form of object keys. */
public final class HazelcastNames {

  /** Map names start with this; the member configures every such map alike. */
  public static final String PREFIX = "shoal-";

  /** Every API object: key {@code kind/namespace/name}, value an {@link Envelope} string. */
  public static final String OBJECTS = "objects";

  /** Cluster-wide counters; one entry, {@link #META_KEY}, holding a {@link Meta} array. */
  public static final String META = "meta";

  public static final String META_KEY = "cluster";

  /** Per member (uuid): the newest leadership epoch it has seen. */
  public static final String EPOCH_ACKS = "epoch-acks";

  private HazelcastNames() {}

  static String key(ObjectKey key) {
    return key.kind() + "/" + key.namespace() + "/" + key.name();
  }

  static ObjectKey objectKey(String key) {
    String[] parts = key.split("/", 3);
    return new ObjectKey(parts[0], parts[1], parts[2]);
  }
}
