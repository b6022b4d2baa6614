package dev.shoal.agent.store.hazelcast;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.map.IMap;
import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.cluster.TestCluster;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Secret;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secret values sit in the shared map sealed with the cluster's key: the raw entry, read through
 * Hazelcast itself, holds neither a value nor its base64, nor does any member's local view or watch
 * history; reads, lists and watches through the store on either member give the values back, and an
 * entry an older agent wrote in the clear still reads.
 */
class SecretInMapTest {

  private static final byte[] CLUSTER_KEY = new byte[32];
  private static Vertx vertx;
  private static List<HazelcastMember> members;
  private static final List<HazelcastStore> stores = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    new SecureRandom().nextBytes(CLUSTER_KEY);
    vertx = Vertx.vertx();
    members = new TestCluster(2).startAll(vertx);
    for (HazelcastMember member : members) {
      stores.add(
          await(
              HazelcastStore.open(
                  vertx,
                  member.instance(),
                  member::hasMajority,
                  HazelcastStore.Options.defaults(null).withSecretKey(CLUSTER_KEY))));
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    stores.forEach(HazelcastStore::close);
    members.forEach(HazelcastMember::terminate);
    await(vertx.close());
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static IMap<String, String> rawMap(int member) {
    return members.get(member).instance().getMap(HazelcastNames.PREFIX + HazelcastNames.OBJECTS);
  }

  @Test
  void theMapHoldsNoPlainValueAndBothMembersReadListAndWatchIt() throws Exception {
    String value = "hunter2-" + System.nanoTime();
    List<WatchEvent> seenOnB = new CopyOnWriteArrayList<>();
    HazelcastStore a = stores.get(0);
    HazelcastStore b = stores.get(1);
    await(b.watch(Secret.KIND, "sealed", await(b.currentVersion()), seenOnB::add));

    Secret created =
        (Secret)
            await(
                a.create(
                    new Secret(
                        ObjectMeta.named("sealed", "db"),
                        "Opaque",
                        Map.of("password", base64(value)),
                        null,
                        null)));
    assertEquals(value, text(created, "password"), "the writer gets its value back");
    ObjectKey key = ObjectKey.of(created);

    for (int m = 0; m < 2; m++) {
      String raw = rawMap(m).get("Secret/sealed/db");
      assertNotNull(raw);
      assertFalse(raw.contains(value), raw);
      assertFalse(raw.contains(base64(value)), raw);
      assertTrue(raw.contains("\"password\""), "the data keys stay readable: " + raw);
    }
    assertEquals(value, text((Secret) await(a.get(key)), "password"));
    assertEquals(value, text((Secret) await(b.get(key)), "password"), "the other member reads it");
    assertTrue(eventually(Duration.ofSeconds(5), () -> b.localView().get(key).isPresent()));
    assertEquals(
        value, text((Secret) await(b.list(Secret.KIND, "sealed")).items().get(0), "password"));
    Secret inView = (Secret) b.localView().get(key).orElseThrow();
    assertFalse(
        inView.dataOrEmpty().get("password").contains(base64(value)), "the view keeps it sealed");
    assertTrue(eventually(Duration.ofSeconds(5), () -> !seenOnB.isEmpty()));
    assertEquals(
        value, text((Secret) seenOnB.get(0).object(), "password"), "watchers get the value");

    Secret changed =
        (Secret)
            await(
                b.modify(
                    key,
                    current ->
                        ((Secret) current)
                            .withData(
                                Map.of(
                                    "password", base64(value + "-2"), "user", base64("admin")))));
    assertEquals(value + "-2", text(changed, "password"));
    String raw = rawMap(0).get("Secret/sealed/db");
    assertFalse(raw.contains(base64(value + "-2")) || raw.contains(base64("admin")), raw);
    assertEquals("admin", text((Secret) await(a.get(key)), "user"));
    assertEquals(value + "-2", text((Secret) await(a.delete(key)), "password"));
  }

  @Test
  void anEntryAnOlderAgentWroteInTheClearStillReads() throws Exception {
    String plain = "legacy-" + System.nanoTime();
    Secret old =
        new Secret(
            ObjectMeta.named("sealed", "old").withResourceVersion("1"),
            "Opaque",
            Map.of("token", base64(plain)),
            null,
            null);
    rawMap(0).put("Secret/sealed/old", Envelope.encode(1, false, old));
    ObjectKey key = new ObjectKey(Secret.KIND, "sealed", "old");
    assertEquals(plain, text((Secret) await(stores.get(1).get(key)), "token"));
    assertTrue(
        eventually(Duration.ofSeconds(5), () -> stores.get(0).localView().get(key).isPresent()));
    Resource listed =
        await(stores.get(0).list(Secret.KIND, "sealed")).items().stream()
            .filter(r -> r.metadata().name().equals("old"))
            .findFirst()
            .orElseThrow();
    assertEquals(plain, text((Secret) listed, "token"));
    // An upgraded agent that opens its store seals what it finds in the clear.
    HazelcastStore upgraded =
        await(
            HazelcastStore.open(
                vertx,
                members.get(1).instance(),
                members.get(1)::hasMajority,
                HazelcastStore.Options.defaults(null).withSecretKey(CLUSTER_KEY)));
    try {
      assertTrue(
          eventually(
              Duration.ofSeconds(10),
              () -> !rawMap(0).get("Secret/sealed/old").contains(base64(plain))),
          () -> rawMap(0).get("Secret/sealed/old"));
    } finally {
      upgraded.close();
    }
    assertEquals(plain, text((Secret) await(stores.get(0).get(key)), "token"));
    assertEquals(plain, text((Secret) await(stores.get(1).get(key)), "token"));
  }

  private static String text(Secret secret, String key) {
    byte[] value = secret.value(key);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
