package dev.shoal.agent.store.hazelcast;

import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.cluster.TestCluster;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ClusterStoreContract;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract against a Hazelcast store on a one-member cluster; each test gets maps of its
 * own.
 */
class HazelcastStoreContractTest extends ClusterStoreContract {

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static Vertx vertx;
  private static HazelcastMember member;
  private final List<HazelcastStore> opened = new ArrayList<>();

  @BeforeAll
  static void startMember() throws Exception {
    vertx = Vertx.vertx();
    member = new TestCluster(1).start(vertx, 0);
  }

  @AfterAll
  static void stopMember() throws Exception {
    member.terminate();
    TestCluster.await(vertx.close());
  }

  @Override
  protected ClusterStore newStore(int historyLimit) throws Exception {
    HazelcastStore.Options options =
        HazelcastStore.Options.defaults(null)
            .withHistory(historyLimit, "shoal-contract" + NEXT.incrementAndGet() + "-");
    HazelcastStore store =
        TestCluster.await(
            HazelcastStore.open(vertx, member.instance(), member::hasMajority, options));
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(HazelcastStore::close);
  }
}
