package dev.shoal.agent.metrics;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where the nodes leave their newest {@link NodeSample} for each other: one entry per node,
 * replaced at every sample and gone a while after its node stops sampling. Nothing watches it.
 */
public interface SampleShare {

  /** Replaces this node's entry. */
  Future<Void> publish(NodeSample sample);

  /** The newest sample of every node that sampled lately, in no particular order. */
  Future<List<NodeSample>> all();
}
