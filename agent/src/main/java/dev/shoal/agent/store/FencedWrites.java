package dev.shoal.agent.store;

import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.function.UnaryOperator;

/**
 * The writes of a store that can fence: each carries the writer's leadership epoch and fails with
 * FENCED once a newer epoch has been bumped. {@link FencedStore} binds an epoch to them.
 */
public interface FencedWrites extends ClusterStore {

  Future<Resource> create(Resource object, long fence);

  Future<Resource> update(Resource object, long fence);

  Future<Resource> modify(ObjectKey key, UnaryOperator<Resource> change, long fence);

  Future<Resource> delete(ObjectKey key, long fence);
}
