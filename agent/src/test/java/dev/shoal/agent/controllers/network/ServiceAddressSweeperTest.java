package dev.shoal.agent.controllers.network;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shoal.agent.addresses.AddressResult;
import dev.shoal.agent.addresses.NodePortClaims;
import dev.shoal.agent.addresses.ServiceAddresses;
import dev.shoal.agent.addresses.ServiceAddressesTest;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import dev.shoal.overlay.ipam.Cidr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Repair of address claims: orphans go (after the grace), missing claims come back, ports after two
 * passes.
 */
class ServiceAddressSweeperTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final InMemoryStore store = new InMemoryStore(Clock.fixed(T0, ZoneOffset.UTC), 1000);
  private final ServiceAddresses addresses = new ServiceAddresses(store, Cidr.of("198.19.0.0/24"));

  private ServiceAddressSweeper sweeperAt(Instant now) {
    return new ServiceAddressSweeper(
        store, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(60));
  }

  private Service createService(String name, String type, String ip) throws Exception {
    Service s = ServiceAddressesTest.service(name, type, ip);
    Service assigned =
        assertInstanceOf(AddressResult.Assigned.class, await(addresses.assign(s))).service();
    await(store.create(assigned));
    return assigned;
  }

  @Test
  void orphanedClaimsGoAfterTheGraceAndMissingOnesComeBack() throws Exception {
    await(store.create(new Namespace(ObjectMeta.named(null, "kube-system"), null, null)));
    Service kept = createService("kept", null, "198.19.0.10");
    createService("gone", null, "198.19.0.11");
    await(store.delete(new ObjectKey(Service.KIND, "default", "gone")));
    await(store.create(IPAddress.forService("198.19.0.12", "default", "kept")));
    await(
        store.create(
            new Service(
                ObjectMeta.named("default", "legacy"),
                kept.spec().withClusterIP("198.19.0.13"),
                null)));

    ServiceAddressSweeper.Report early = await(sweeperAt(T0.plusSeconds(10)).sweep());
    assertEquals(List.of(), early.released(), "young claims are left alone");
    assertEquals(List.of("198.19.0.13"), early.restored());

    ServiceAddressSweeper.Report late = await(sweeperAt(T0.plusSeconds(120)).sweep());
    assertEquals(List.of("198.19.0.11", "198.19.0.12"), late.released().stream().sorted().toList());
    List<String> left =
        await(store.list(IPAddress.KIND, null)).items().stream()
            .map(r -> r.metadata().name())
            .sorted()
            .toList();
    assertEquals(List.of("198.19.0.10", "198.19.0.13"), left);
  }

  @Test
  void anOrphanedNodePortIsFreedOnTheSecondPass() throws Exception {
    await(store.create(new Namespace(ObjectMeta.named(null, "kube-system"), null, null)));
    Service np = createService("np", "NodePort", null);
    int port = np.spec().ports().get(0).nodePort();
    createService("other", "NodePort", null);
    await(store.delete(ObjectKey.of(np)));
    ServiceAddressSweeper sweeper = sweeperAt(T0.plusSeconds(120));
    assertEquals(List.of(), await(sweeper.sweep()).portsReleased());
    assertEquals(List.of(port), await(sweeper.sweep()).portsReleased());
    Resource record = await(store.get(NodePortClaims.RECORD));
    assertEquals(1, NodePortClaims.read(record).owners().size());
  }

  @Test
  void aLostOrStaleNodePortTableIsRebuiltFromTheServices() throws Exception {
    await(store.create(new Namespace(ObjectMeta.named(null, "kube-system"), null, null)));
    int a = createService("a", "NodePort", null).spec().ports().get(0).nodePort();
    int b = createService("b", "NodePort", null).spec().ports().get(0).nodePort();
    NodePortClaims claims =
        new NodePortClaims(store, 30000, 32767, java.util.random.RandomGenerator.getDefault());

    // Stale: b's entry is gone, so b's port looks free.
    await(claims.removeIf((port, owner) -> owner.equals("default/b")));
    assertEquals(List.of(b), await(sweeperAt(T0.plusSeconds(1)).sweep()).portsRestored());
    assertEquals(
        java.util.Map.of(a, "default/a", b, "default/b"),
        NodePortClaims.read(await(store.get(NodePortClaims.RECORD))).owners());

    // Lost: the whole table is gone (the next claim would rebuild it too; here the sweeper comes
    // first).
    await(store.delete(NodePortClaims.RECORD));
    await(sweeperAt(T0.plusSeconds(2)).sweep());
    assertEquals(
        java.util.Map.of(a, "default/a", b, "default/b"),
        NodePortClaims.read(await(store.get(NodePortClaims.RECORD))).owners());
    var refused =
        assertInstanceOf(
                AddressResult.Refused.class,
                await(addresses.assign(ServiceAddressesTest.service("c", "NodePort", null, b))))
            .error();
    assertEquals(b + ": provided port is already allocated", refused.message());
  }

  @Test
  void anUpgradeMovesTheOlderAgentsAnnotationTableIntoTheRecord() throws Exception {
    // An older agent kept 30000 for a service being created and 30001 for "old", and no record
    // exists yet.
    await(
        store.create(
            new Namespace(
                ObjectMeta.named(null, "kube-system")
                    .withAnnotations(
                        java.util.Map.of(
                            NodePortClaims.LEGACY_ANNOTATION,
                            "30000=default/inflight,30001=default/old",
                            "team",
                            "platform")),
                null,
                null)));
    await(store.create(ServiceAddressesTest.service("old", "NodePort", "198.19.0.30", 30001)));
    java.util.random.RandomGenerator lowestFirst =
        new java.util.random.RandomGenerator() {
          @Override
          public long nextLong() {
            return 0;
          }

          @Override
          public int nextInt(int bound) {
            return 0;
          }
        };
    ServiceAddresses upgraded = new ServiceAddresses(store, Cidr.of("198.19.0.0/24"), lowestFirst);
    Service fresh =
        assertInstanceOf(
                AddressResult.Assigned.class,
                await(upgraded.assign(ServiceAddressesTest.service("fresh", "NodePort", null))))
            .service();
    assertEquals(
        30002, fresh.spec().ports().get(0).nodePort(), "neither migrated port is handed out again");
    await(store.create(fresh));
    assertEquals(
        java.util.Map.of(30000, "default/inflight", 30001, "default/old", 30002, "default/fresh"),
        NodePortClaims.read(await(store.get(NodePortClaims.RECORD))).owners());

    ServiceAddressSweeper sweeper = sweeperAt(T0.plusSeconds(120));
    await(sweeper.sweep());
    Resource kubeSystem = await(store.get(NodePortClaims.LEGACY_RECORD));
    assertEquals(
        java.util.Map.of("team", "platform"),
        kubeSystem.metadata().annotations(),
        "the older table is removed, the rest kept");
    assertEquals(
        List.of(30000),
        await(sweeper.sweep()).portsReleased(),
        "the in-flight claim that never came");
  }
}
