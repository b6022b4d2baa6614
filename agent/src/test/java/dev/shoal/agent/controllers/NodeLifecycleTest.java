package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static dev.shoal.agent.control.TestObjects.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobCondition;
import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.PodTemplateSpec;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Node lifecycle on virtual time: the leader's components, the fake kubelet's heartbeats and the
 * grace periods all run on one {@link FakeTimer}, so a grace period passes when the test moves the
 * timer, never by waiting for the machine (a busy machine only makes the test slower, never wrong).
 */
@ExtendWith(VertxExtension.class)
class NodeLifecycleTest {

  private static final Map<String, String> APP = Map.of("app", "web");

  /** Virtual time per poll while waiting for the controllers to converge. */
  private static final Duration STEP = Duration.ofMillis(10);

  private final FakeTimer timer = new FakeTimer();

  private LeaderHarness harness(Vertx vertx, Duration grace, String... nodes) throws Exception {
    return new LeaderHarness(
        vertx, LeaderOptions.DEFAULT.withNodeGrace(grace).withTimer(timer), node -> false, nodes);
  }

  /** Polls {@code check}, moving virtual time on by {@link #STEP} before each look. */
  private void advancingUntil(Eventually.Check check) throws Exception {
    Eventually.check(
        () -> {
          timer.advance(STEP);
          return check.holds();
        });
  }

  @Test
  void silentNodeIsMarkedUnknownAndItsPodsAreRecreatedElsewhere(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, Duration.ofMillis(800), "n1", "n2", "n3")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(replicaSet("ns", "web", 6, APP)));
      advancingUntil(() -> h.readyPods("ns").size() == 6);
      Set<String> lostReasons = watchFailures(vertx, h.store);

      h.kubelet.silence("n2");
      Instant silenced = timer.clock().instant();
      advancingUntil(() -> "Unknown".equals(ready(h, "n2").status()));
      Duration noticed = Duration.between(silenced, timer.clock().instant());
      assertTrue(
          noticed.compareTo(Duration.ofMillis(700)) >= 0,
          "marked lost before the grace period: " + noticed);
      assertEquals("NodeStatusUnknown", ready(h, "n2").reason());
      advancingUntil(
          () -> {
            List<Pod> ready = h.readyPods("ns");
            return ready.size() == 6
                && ready.stream().noneMatch(p -> "n2".equals(p.spec().nodeName()));
          });
      assertEquals(Set.of("NodeLost"), lostReasons);
      assertEquals("True", ready(h, "n1").status());
    }
  }

  @Test
  void membershipSignalEvictsWithoutWaitingForTheGracePeriod(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, Duration.ofMinutes(5), "n1", "n2")) {
      await(h.store.create(replicaSet("ns", "web", 4, APP)));
      advancingUntil(() -> h.readyPods("ns").size() == 4);
      Instant signalled = timer.clock().instant();
      h.kubelet.silence("n1");
      h.leader.nodeGone("n1");
      advancingUntil(
          () -> {
            List<Pod> pods = h.readyPods("ns");
            return pods.size() == 4
                && pods.stream().allMatch(p -> "n2".equals(p.spec().nodeName()));
          });
      assertEquals("Unknown", ready(h, "n1").status());
      assertTrue(h.pods("ns").stream().allMatch(PodFacts::isActive));
      assertTrue(
          Duration.between(signalled, timer.clock().instant()).compareTo(Duration.ofMinutes(1)) < 0,
          "evicted at once, not after the 5 min grace period");
    }
  }

  @Test
  void aSilentNodeWhoseAgentIsStillAMemberKeepsItsPodsForTheMemberGrace(Vertx vertx)
      throws Exception {
    // As after every agent restarted: n2's agent is back in the cluster but has not heartbeaten
    // yet.
    Set<String> members = ConcurrentHashMap.newKeySet();
    members.addAll(List.of("n1", "n2"));
    LeaderOptions options =
        LeaderOptions.DEFAULT
            .withNodeGrace(Duration.ofMillis(300))
            .withMemberGrace(Duration.ofMinutes(5))
            .withTimer(timer);
    try (LeaderHarness h = new LeaderHarness(vertx, options, members::contains, "n1", "n2")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(replicaSet("ns", "web", 4, APP)));
      advancingUntil(() -> h.readyPods("ns").size() == 4);
      List<String> uids = uids(h.pods("ns"));
      h.kubelet.silence("n2");
      timer.advance(
          Duration.ofMillis(
              1_500)); // five node grace periods of virtual time, every timer on the way fired
      assertEquals("True", ready(h, "n2").status());
      assertEquals(uids, uids(h.pods("ns")), "no pod of n2 evicted while its agent is a member");

      members.remove(
          "n2"); // the membership layer dropped it without a leave event: the heartbeat rule again
      advancingUntil(() -> "Unknown".equals(ready(h, "n2").status()));
      advancingUntil(
          () -> {
            List<Pod> ready = h.readyPods("ns");
            return ready.size() == 4
                && ready.stream().allMatch(p -> "n1".equals(p.spec().nodeName()));
          });
    }
  }

  @Test
  void aLostNodesFinishedJobPodsAreKeptAndTheirIndexesDoNotRunAgain(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, Duration.ofMillis(800), "n1", "n2")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(new Admission().withDefaults(indexedJob("sq", 4))));
      advancingUntil(() -> running(h).size() == 4);
      List<Pod> onN2 = running(h).stream().filter(p -> "n2".equals(p.spec().nodeName())).toList();
      assertTrue(onN2.size() >= 2, "the scheduler spread the job: " + nodesOf(running(h)));
      // n2 finishes one index and fails another on its own, then goes silent.
      Pod succeeded = onN2.get(0);
      Pod failed = onN2.get(1);
      await(h.store.modify(ObjectKey.of(succeeded), p -> finished((Pod) p, "Succeeded", null)));
      await(h.store.modify(ObjectKey.of(failed), p -> finished((Pod) p, "Failed", "Error")));
      h.kubelet.silence("n2");
      advancingUntil(() -> "Unknown".equals(ready(h, "n2").status()));

      advancingUntil(
          () -> {
            running(h).forEach(p -> finish(h, p));
            Job job = h.get(Job.class, Job.KIND, "ns", "sq");
            return job.status() != null && job.status().hasTrue(JobCondition.COMPLETE);
          });
      List<String> kept = uids(h.pods("ns"));
      assertTrue(
          kept.contains(succeeded.metadata().uid()), "the Succeeded pod of the lost node is kept");
      assertTrue(kept.contains(failed.metadata().uid()), "the Failed pod of the lost node is kept");
      assertEquals(
          "Error",
          h.get(Pod.class, Pod.KIND, "ns", failed.metadata().name()).status().reason(),
          "its own failure is not overwritten by NodeLost");
      Map<String, Long> succeededPerIndex =
          h.pods("ns").stream()
              .filter(p -> "Succeeded".equals(p.status().phase()))
              .collect(
                  Collectors.groupingBy(
                      p ->
                          p.metadata()
                              .annotations()
                              .get("batch.kubernetes.io/job-completion-index"),
                      Collectors.counting()));
      assertEquals(
          Map.of("0", 1L, "1", 1L, "2", 1L, "3", 1L),
          succeededPerIndex,
          "each index succeeded once; the lost node's finished index did not run again");
      Job job = h.get(Job.class, Job.KIND, "ns", "sq");
      assertEquals("0-3", job.status().completedIndexes());
      assertTrue(job.status().failed() >= 1, "the pod that failed on its own is counted");
      assertTrue(
          h.pods("ns").stream()
              .filter(p -> "n2".equals(p.spec().nodeName()))
              .allMatch(p -> PodFacts.isTerminal(p) && !"NodeLost".equals(p.status().reason())),
          "n2 keeps only the pods that finished before it was lost");
    }
  }

  private static Job indexedJob(String name, int completions) {
    PodTemplateSpec template =
        new PodTemplateSpec(
            ObjectMeta.named(null, null).withLabels(Map.of("app", "batch")),
            PodSpec.of(List.of(Container.of("work", "shoal-test/busybox:1")))
                .withRestartPolicy("Never"));
    return new Job(
        ObjectMeta.named("ns", name),
        new JobSpec(
            completions, completions, null, 6, null, null, template, null, JobSpec.INDEXED, false),
        null);
  }

  private static List<Pod> running(LeaderHarness h) throws Exception {
    return h.pods("ns").stream()
        .filter(p -> p.status() != null && "Running".equals(p.status().phase()))
        .filter(p -> !PodFacts.isDeleting(p))
        .toList();
  }

  private static List<String> nodesOf(List<Pod> pods) {
    return pods.stream().map(p -> p.spec().nodeName()).toList();
  }

  /** The status a node reports when the pod's container exited. */
  private static Pod finished(Pod pod, String phase, String reason) {
    PodStatus status = pod.status().withPhase(phase);
    return pod.withStatus(reason == null ? status : status.withReason(reason, "exited"));
  }

  /** What a live node would report when the pod's container exits 0. */
  private static void finish(LeaderHarness h, Pod pod) {
    h.store.modify(
        ObjectKey.of(pod),
        current -> {
          Pod p = (Pod) current;
          return "Running".equals(p.status().phase()) ? finished(p, "Succeeded", null) : current;
        });
  }

  private static List<String> uids(List<Pod> pods) {
    return pods.stream().map(p -> p.metadata().uid()).sorted().toList();
  }

  private static NodeCondition ready(LeaderHarness h, String node) throws Exception {
    return h.get(Node.class, Node.KIND, "", node).status().conditions().stream()
        .filter(c -> "Ready".equals(c.type()))
        .findFirst()
        .orElseThrow();
  }

  /** Collects the status reason of every pod seen Failed. */
  private static Set<String> watchFailures(Vertx vertx, ClusterStore store) throws Exception {
    Set<String> reasons = ConcurrentHashMap.newKeySet();
    Promise<ClusterStore.Watch> started = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            x ->
                store
                    .currentVersion()
                    .compose(
                        v ->
                            store.watch(
                                Pod.KIND,
                                null,
                                v,
                                (WatchEvent e) -> {
                                  Pod p = (Pod) e.object();
                                  if (p.status() != null && "Failed".equals(p.status().phase())) {
                                    reasons.add(p.status().reason());
                                  }
                                }))
                    .onComplete(started));
    await(started.future());
    return reasons;
  }
}
