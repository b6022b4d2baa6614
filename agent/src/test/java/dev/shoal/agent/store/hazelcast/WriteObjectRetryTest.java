package dev.shoal.agent.store.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.shoal.manifests.model.Namespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hazelcast may run a key operation twice: when the partition's owner leaves after running it but
 * before answering, the caller retries on the new owner, which holds the first run's result through
 * the backup. The second run must report the write as done, not as refused (a DELETE of a Node
 * answered 404 while the node was being removed, in the end-to-end SecurityTest).
 */
class WriteObjectRetryTest {

  private static HazelcastInstance member;
  private static IMap<String, String> objects;

  @BeforeAll
  static void start() {
    Config config = new Config();
    config.setClusterName("write-object-retry-" + System.nanoTime());
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.getNetworkConfig().setPortAutoIncrement(true).setPort(0);
    member = Hazelcast.newHazelcastInstance(config);
    objects = member.getMap("objects");
  }

  @AfterAll
  static void stop() {
    member.getLifecycleService().terminate();
  }

  private static String envelope(long version, boolean deleted) {
    return Envelope.encode(version, deleted, Namespace.named("ns-" + version));
  }

  private static WriteObject write(
      WriteObject.Mode mode, long expected, long version, boolean deleted) {
    return new WriteObject(mode, expected, version, envelope(version, deleted), 60, -1, "t");
  }

  @Test
  void aCreateRunTwiceIsOneCreate() {
    WriteObject create = write(WriteObject.Mode.CREATE, -1, 10, false);
    assertEquals("OK", objects.executeOnKey("a", create)[0]);
    assertEquals("OK", objects.executeOnKey("a", create)[0], "the same create again");
    assertEquals(
        "EXISTS",
        objects.executeOnKey("a", write(WriteObject.Mode.CREATE, -1, 11, false))[0],
        "another create");
  }

  @Test
  void aDeleteRunTwiceIsOneDelete() {
    objects.executeOnKey("b", write(WriteObject.Mode.CREATE, -1, 20, false));
    WriteObject delete = write(WriteObject.Mode.DELETE, 20, 21, true);
    assertEquals("OK", objects.executeOnKey("b", delete)[0]);
    assertEquals("OK", objects.executeOnKey("b", delete)[0], "the same delete again");
    assertEquals(
        "NOT_FOUND",
        objects.executeOnKey("b", write(WriteObject.Mode.DELETE, -1, 22, true))[0],
        "another delete");
  }
}
