package dev.shoal.agent.addresses;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ClusterIP and NodePort assignment against the in-memory store: ranges, requests, conflicts,
 * release.
 */
public class ServiceAddressesTest {

  private final InMemoryStore store = new InMemoryStore();

  /** 32 addresses, 29 of them assignable: small enough that concurrent picks collide. */
  private final Cidr range = Cidr.of("198.19.0.0/27");

  private final ServiceAddresses addresses =
      new ServiceAddresses(store, range, RandomGenerator.of("L64X128MixRandom"));
  private final ExecutorService pool = Executors.newFixedThreadPool(20);

  @BeforeEach
  void kubeSystem() throws Exception {
    await(store.create(new Namespace(ObjectMeta.named(null, "kube-system"), null, null)));
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  public static Service service(String name, String type, String clusterIp, Integer... nodePorts) {
    List<ServicePort> ports = new ArrayList<>();
    for (int i = 0; i < Math.max(1, nodePorts.length); i++) {
      ports.add(
          new ServicePort(
              "p" + i, "TCP", 80 + i, null, nodePorts.length == 0 ? null : nodePorts[i]));
    }
    return new Service(
        ObjectMeta.named("default", name),
        new ServiceSpec(type, null, ports, clusterIp, null, null, null),
        null);
  }

  private Service assigned(Service s) throws Exception {
    return assertInstanceOf(AddressResult.Assigned.class, await(addresses.assign(s))).service();
  }

  private String refusal(Service s) throws Exception {
    AddressResult.Refused r =
        assertInstanceOf(AddressResult.Refused.class, await(addresses.assign(s)));
    return r.error().field() + " " + r.error().type() + " " + r.error().message();
  }

  @Test
  void twentyConcurrentAssignsGetTwentyDistinctAddresses() throws Exception {
    List<CompletableFuture<AddressResult>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Service s = service("s" + i, null, null);
      results.add(
          CompletableFuture.supplyAsync(() -> addresses.assign(s), pool)
              .thenCompose(f -> f.toCompletionStage()));
    }
    Set<String> ips = new HashSet<>();
    for (CompletableFuture<AddressResult> r : results) {
      Service s =
          assertInstanceOf(AddressResult.Assigned.class, r.get(10, TimeUnit.SECONDS)).service();
      assertTrue(range.contains(s.spec().clusterIP()), s.spec().clusterIP());
      assertEquals(List.of(s.spec().clusterIP()), s.spec().clusterIPs());
      ips.add(s.spec().clusterIP());
      IPAddress claim =
          (IPAddress) await(store.get(new ObjectKey(IPAddress.KIND, "", s.spec().clusterIP())));
      assertTrue(claim.spec().parentRef().isService("default", s.metadata().name()));
    }
    assertEquals(20, ips.size());
    assertEquals(20, await(store.list(IPAddress.KIND, null)).items().size());
  }

  @Test
  void theWholeRangeIsUsedThenRefused() throws Exception {
    Set<String> ips = new HashSet<>();
    for (int i = 0; i < 29; i++) {
      ips.add(assigned(service("s" + i, null, null)).spec().clusterIP());
    }
    assertEquals(29, ips.size());
    assertTrue(
        !ips.contains("198.19.0.0") && !ips.contains("198.19.0.1") && !ips.contains("198.19.0.31"));
    assertTrue(
        refusal(service("full", null, null))
            .startsWith("spec.clusterIP INVALID failed to allocate a serviceIP"));
  }

  @Test
  void aRequestedFreeAddressIsTakenAndATakenOneRefused() throws Exception {
    assertEquals("198.19.0.10", assigned(service("a", null, "198.19.0.10")).spec().clusterIP());
    assertEquals(
        "spec.clusterIP INVALID \"198.19.0.10\": failed to allocate IP 198.19.0.10: provided IP is already "
            + "allocated",
        refusal(service("b", null, "198.19.0.10")));
    assertTrue(
        refusal(service("c", null, "10.0.0.1"))
            .contains("is not in the valid range. The range of valid IPs " + "is 198.19.0.0/27"));
  }

  @Test
  void headlessStaysHeadlessAndClaimsNothing() throws Exception {
    assertEquals("None", assigned(service("h", null, "None")).spec().clusterIP());
    assertEquals(0, await(store.list(IPAddress.KIND, null)).items().size());
  }

  @Test
  void nodePortsAreFilledInOrTakenAndNeverShared() throws Exception {
    Service first = assigned(service("np", "NodePort", null, null, 30080));
    int auto = first.spec().ports().get(0).nodePort();
    assertTrue(auto >= 30000 && auto <= 32767, "auto port " + auto);
    assertNotEquals(30080, auto);
    assertEquals(30080, first.spec().ports().get(1).nodePort());

    String clash = refusal(service("np2", "NodePort", null, 30080));
    assertEquals("spec.ports[0].nodePort INVALID 30080: provided port is already allocated", clash);
    assertEquals(
        1,
        await(store.list(IPAddress.KIND, null)).items().size(),
        "the refused service's IP is given back");
    assertTrue(
        refusal(service("np3", "NodePort", null, 8080))
            .startsWith(
                "spec.ports[0].nodePort INVALID 8080: provided port is not in the valid range"));

    await(addresses.release(first));
    assertEquals(0, await(store.list(IPAddress.KIND, null)).items().size());
    assertEquals(
        30080, assigned(service("np2", "NodePort", null, 30080)).spec().ports().get(0).nodePort());
  }

  @Test
  void concurrentNodePortClaimsNeverShareAPort() throws Exception {
    List<CompletableFuture<AddressResult>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Service s = service("n" + i, "NodePort", null, null, null);
      results.add(
          CompletableFuture.supplyAsync(() -> addresses.assign(s), pool)
              .thenCompose(Future::toCompletionStage));
    }
    Set<Integer> ports = new HashSet<>();
    for (CompletableFuture<AddressResult> r : results) {
      Service s =
          assertInstanceOf(AddressResult.Assigned.class, r.get(10, TimeUnit.SECONDS)).service();
      s.spec().ports().forEach(p -> ports.add(p.nodePort()));
    }
    assertEquals(40, ports.size());
  }

  @Test
  void releaseLeavesAnotherServicesClaimAlone() throws Exception {
    Service a = assigned(service("a", null, "198.19.0.20"));
    Service impostor = service("b", null, "198.19.0.20");
    await(addresses.release(impostor));
    Resource claim = await(store.get(new ObjectKey(IPAddress.KIND, "", "198.19.0.20")));
    assertTrue(((IPAddress) claim).spec().parentRef().isService("default", a.metadata().name()));
  }

  @Test
  void anUpdateKeepsWhatItLeavesOutAndClaimsWhatItAdds() throws Exception {
    Service stored = assigned(service("np", "NodePort", null, null, null));
    int first = stored.spec().ports().get(0).nodePort();
    int second = stored.spec().ports().get(1).nodePort();

    Service kept =
        assertInstanceOf(
                AddressResult.Assigned.class,
                await(addresses.assignOnUpdate(stored, service("np", "NodePort", null))))
            .service();
    assertEquals(stored.spec().clusterIP(), kept.spec().clusterIP());
    assertEquals(first, kept.spec().ports().get(0).nodePort());

    Service moved =
        assertInstanceOf(
                AddressResult.Assigned.class,
                await(
                    addresses.assignOnUpdate(
                        stored, service("np", "NodePort", null, 31000, second))))
            .service();
    assertEquals(
        List.of(31000, second), moved.spec().ports().stream().map(ServicePort::nodePort).toList());
    await(addresses.releaseDropped(stored, moved));
    assertEquals(
        first,
        assigned(service("other", "NodePort", null, first)).spec().ports().get(0).nodePort(),
        "the port the update dropped is free again");

    Service plain = assigned(service("plain", null, null));
    Service nowNodePort =
        assertInstanceOf(
                AddressResult.Assigned.class,
                await(addresses.assignOnUpdate(plain, service("plain", "NodePort", null))))
            .service();
    assertTrue(nowNodePort.spec().ports().get(0).nodePort() >= 30000);
    assertEquals(plain.spec().clusterIP(), nowNodePort.spec().clusterIP());
  }

  @Test
  void collisionsAreRetriedUntilEveryoneHasAnAddress() throws Exception {
    // Every pick starts at the same address, so concurrent assigns must collide and retry on
    // ALREADY_EXISTS.
    RandomGenerator alwaysFirst =
        new RandomGenerator() {
          @Override
          public long nextLong() {
            return 0;
          }

          @Override
          public long nextLong(long bound) {
            return 0;
          }
        };
    ServiceAddresses colliding = new ServiceAddresses(store, range, alwaysFirst);
    List<CompletableFuture<AddressResult>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Service s = service("c" + i, null, null);
      results.add(
          CompletableFuture.supplyAsync(() -> colliding.assign(s), pool)
              .thenCompose(Future::toCompletionStage));
    }
    Set<String> ips = new HashSet<>();
    for (CompletableFuture<AddressResult> r : results) {
      ips.add(
          assertInstanceOf(AddressResult.Assigned.class, r.get(10, TimeUnit.SECONDS))
              .service()
              .spec()
              .clusterIP());
    }
    assertEquals(20, ips.size());
    for (int i = 2; i < 22; i++) {
      assertTrue(ips.contains("198.19.0." + i), "lowest addresses from the fixed start: " + ips);
    }
  }
}
