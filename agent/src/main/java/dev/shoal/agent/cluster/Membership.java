package dev.shoal.agent.cluster;

import java.util.List;
import java.util.function.Consumer;

/** Who is in the cluster, oldest first, and whether this side may act. No Hazelcast types. */
public interface Membership {

  MemberInfo local();

  /** Current members, oldest first (the first one is the leader candidate). */
  List<MemberInfo> members();

  /**
   * True when this member sees a majority of the largest cluster it has known (and at least the
   * minimum).
   */
  boolean hasMajority();

  /** Called (on a Hazelcast event thread) when a member joins or leaves; keep it short. */
  void onChange(Consumer<MembershipChange> listener);

  /** A member joined ({@code joined}) or left. */
  record MembershipChange(boolean joined, MemberInfo member) {}
}
