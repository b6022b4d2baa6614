package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.ControllerRunner;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.controllers.storage.LocalProvisioner;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.PersistentVolumeClaimSpec;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.StatefulSet;
import dev.shoal.manifests.model.StatefulSetSpec;
import dev.shoal.manifests.model.VolumeResourceRequirements;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stateful set with a claim per pod, with every leader component, a fake kubelet and each node's
 * real local provisioner (directories under a temporary dir) on the in-memory store and virtual
 * time: each claim is made on its pod's node, a deleted pod comes back on its node with its claim,
 * a pod of a lost node is not started twice, and a deleted claim goes once its pod is gone, its
 * volume and directory with it.
 */
@ExtendWith(VertxExtension.class)
class StatefulSetControllerTest {

  private static final Map<String, String> APP = Map.of("app", "web");
  private static final Duration STEP = Duration.ofMillis(10);

  private final FakeTimer timer = new FakeTimer();
  @TempDir Path data;

  private void advancingUntil(Eventually.Check check) throws Exception {
    Eventually.check(
        () -> {
          timer.advance(STEP);
          return check.holds();
        });
  }

  static StatefulSet statefulSet(int replicas) {
    PersistentVolumeClaim claim =
        new PersistentVolumeClaim(
            ObjectMeta.named(null, "data"),
            new PersistentVolumeClaimSpec(
                List.of("ReadWriteOnce"),
                null,
                new VolumeResourceRequirements(Map.of("storage", "1Gi"), null),
                null,
                null,
                null),
            null);
    return new StatefulSet(
        ObjectMeta.named("ns", "web"),
        new StatefulSetSpec(
            replicas,
            LabelSelector.matching(APP),
            TestObjects.template(APP, "img:1"),
            List.of(claim),
            "web",
            null,
            null,
            null,
            null,
            null,
            null),
        null);
  }

  private static Map<String, String> nodes(List<Pod> pods) {
    Map<String, String> byName = new TreeMap<>();
    pods.stream()
        .filter(PodFacts::isActive)
        .forEach(p -> byName.put(p.metadata().name(), p.spec().nodeName()));
    return byName;
  }

  private static Optional<Pod> pod(LeaderHarness h, String name) throws Exception {
    return h.pods("ns").stream().filter(p -> p.metadata().name().equals(name)).findFirst();
  }

  private PersistentVolume volumeOf(LeaderHarness h, String claim) throws Exception {
    PersistentVolumeClaim c =
        h.get(PersistentVolumeClaim.class, PersistentVolumeClaim.KIND, "ns", claim);
    return h.get(PersistentVolume.class, PersistentVolume.KIND, "", c.spec().volumeName());
  }

  @Test
  void claimsFollowTheirPodsNodesAndAPodOfALostNodeIsNotStartedTwice(Vertx vertx) throws Exception {
    LeaderOptions options =
        LeaderOptions.DEFAULT.withNodeGrace(Duration.ofMillis(800)).withTimer(timer);
    try (LeaderHarness h = new LeaderHarness(vertx, options, node -> false, "n1", "n2", "n3")) {
      List<ControllerRunner> provisioners = new ArrayList<>();
      for (String n : List.of("n1", "n2", "n3")) {
        ControllerRunner r =
            new ControllerRunner(
                vertx,
                h.store,
                new LocalProvisioner(h.store, n, data.resolve(n), vertx.fileSystem()),
                ControllerRunner.Options.DEFAULT.withTimer(timer));
        await(r.start());
        provisioners.add(r);
      }
      try {
        h.kubelet.heartbeat(100);
        await(h.store.create(statefulSet(3)));
        advancingUntil(() -> h.readyPods("ns").size() == 3);
        advancingUntil(
            () ->
                await(h.store.list(PersistentVolumeClaim.KIND, "ns")).items().stream()
                        .filter(c -> "Bound".equals(((PersistentVolumeClaim) c).phase()))
                        .count()
                    == 3);
        Map<String, String> placed = nodes(h.pods("ns"));
        assertEquals(List.of("web-0", "web-1", "web-2"), List.copyOf(placed.keySet()));
        for (Map.Entry<String, String> e : placed.entrySet()) {
          PersistentVolume pv = volumeOf(h, "data-" + e.getKey());
          assertTrue(
              pv.spec().path().startsWith(data.resolve(e.getValue()).toString()),
              "the volume of " + e.getKey() + " is on its node " + e.getValue());
          assertTrue(Files.isDirectory(Path.of(pv.spec().path())));
          assertEquals("Bound", pv.phase());
          assertEquals("local", pv.spec().storageClassName(), "the default class");
        }

        // A deleted pod comes back under its name, on its node, with its claim.
        Pod web1 = pod(h, "web-1").orElseThrow();
        await(
            h.store.modify(
                ObjectKey.of(web1),
                p -> p.withMetadata(p.metadata().withDeletion(timer.clock().instant(), 0L))));
        advancingUntil(
            () ->
                pod(h, "web-1")
                    .filter(p -> !p.metadata().uid().equals(web1.metadata().uid()))
                    .filter(PodFacts::isReady)
                    .isPresent());
        assertEquals(placed, nodes(h.pods("ns")));

        // The node of web-2 is lost: its pod is deleted but stays, and no second web-2 starts.
        String lost = placed.get("web-2");
        Pod web2 = pod(h, "web-2").orElseThrow();
        h.kubelet.silence(lost);
        advancingUntil(() -> pod(h, "web-2").map(PodFacts::isDeleting).orElse(false));
        timer.advance(Duration.ofSeconds(30));
        advancingUntil(() -> true);
        List<Pod> named2 =
            h.pods("ns").stream().filter(p -> p.metadata().name().equals("web-2")).toList();
        assertEquals(1, named2.size());
        assertEquals(web2.metadata().uid(), named2.get(0).metadata().uid(), "the old pod stays");

        // An operator forces it: the new web-2 must wait for its volume's node.
        await(h.store.delete(ObjectKey.of(web2)));
        advancingUntil(
            () ->
                pod(h, "web-2")
                    .filter(p -> !p.metadata().uid().equals(web2.metadata().uid()))
                    .isPresent());
        timer.advance(Duration.ofSeconds(5));
        advancingUntil(() -> true);
        Pod again = pod(h, "web-2").orElseThrow();
        assertFalse(PodFacts.isBound(again), "not placed away from its volume");
        h.kubelet.unsilence(lost);
        advancingUntil(() -> pod(h, "web-2").map(PodFacts::isReady).orElse(false));
        assertEquals(lost, pod(h, "web-2").orElseThrow().spec().nodeName());

        // Scale to one: claims stay; a deleted claim goes once its pod is gone, with its volume.
        await(
            h.store.modify(
                new ObjectKey(StatefulSet.KIND, "ns", "web"),
                s -> ((StatefulSet) s).withSpec(((StatefulSet) s).spec().withReplicas(1))));
        advancingUntil(() -> nodes(h.pods("ns")).keySet().equals(java.util.Set.of("web-0")));
        advancingUntil(() -> h.pods("ns").size() == 1);
        assertEquals(3, await(h.store.list(PersistentVolumeClaim.KIND, "ns")).items().size());
        PersistentVolume pv2 = volumeOf(h, "data-web-2");
        ObjectKey claim2 = new ObjectKey(PersistentVolumeClaim.KIND, "ns", "data-web-2");
        await(
            dev.shoal.agent.control.Finalizers.markDeleting(
                h.store, claim2, timer.clock().instant()));
        advancingUntil(() -> missing(h, claim2));
        advancingUntil(() -> missing(h, ObjectKey.of(pv2)));
        assertFalse(Files.exists(Path.of(pv2.spec().path())), "its directory is removed");
        assertNotEquals(
            null,
            h.get(PersistentVolumeClaim.class, PersistentVolumeClaim.KIND, "ns", "data-web-0"));
      } finally {
        for (ControllerRunner r : provisioners) {
          await(r.stop());
        }
      }
    }
  }

  private static boolean missing(LeaderHarness h, ObjectKey key) throws Exception {
    try {
      await(h.store.get(key));
      return false;
    } catch (Exception e) {
      Throwable cause = e;
      while (cause != null && !(cause instanceof StoreException)) {
        cause = cause.getCause();
      }
      if (cause instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }
}
