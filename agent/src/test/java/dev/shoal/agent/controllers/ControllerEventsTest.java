package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.events.EventStore;
import dev.shoal.agent.events.InMemoryEvents;
import dev.shoal.agent.events.StoreEventRecorder;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentSpec;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The leader's components write the Events Kubernetes' own write, under their upstream names: the
 * deployment controller's ScalingReplicaSet, the replica set controller's SuccessfulCreate, the
 * scheduler's Scheduled and FailedScheduling.
 */
@ExtendWith(VertxExtension.class)
class ControllerEventsTest {

  private static final Map<String, String> APP = Map.of("app", "web");
  private final FakeTimer timer = new FakeTimer();
  private final InMemoryEvents events =
      new InMemoryEvents(Clock.systemUTC(), EventStore.Limits.DEFAULT);

  @Test
  void aDeploymentScaledUpLeavesTheUpstreamEventsBehind(Vertx vertx) throws Exception {
    try (LeaderHarness cluster =
        new LeaderHarness(
            vertx,
            LeaderOptions.DEFAULT
                .withTimer(timer)
                .withEvents(component -> StoreEventRecorder.of(events, component, "n1")),
            node -> true,
            "n1")) {
      await(
          cluster.store.create(
              new Deployment(
                  ObjectMeta.named("ns", "web"),
                  new DeploymentSpec(
                      2,
                      LabelSelector.matching(APP),
                      TestObjects.template(APP, "shoal-test/busybox:1"),
                      null,
                      null,
                      null,
                      null,
                      null),
                  null)));
      Eventually.check(
          () -> {
            timer.advance(Duration.ofMillis(10));
            List<String> seen = summary();
            return seen.stream()
                    .anyMatch(
                        e ->
                            e.matches(
                                "deployment-controller Deployment/web ScalingReplicaSet Scaled up replica set web-\\w+ to 2 from 0"))
                && seen.stream()
                        .filter(
                            e ->
                                e.matches(
                                    "replicaset-controller ReplicaSet/web-\\w+ SuccessfulCreate Created pod: web-\\w+-\\w+"))
                        .count()
                    == 2
                && seen.stream()
                        .filter(
                            e ->
                                e.matches(
                                    "default-scheduler Pod/web-\\w+-\\w+ Scheduled Successfully assigned ns/web-\\w+-\\w+ to n1"))
                        .count()
                    == 2;
          },
          Duration.ofSeconds(20),
          "the deployment's, the replica set's and the scheduler's events");

      await(
          cluster.store.create(
              new Pod(
                  ObjectMeta.named("ns", "huge"),
                  PodSpec.of(List.of(TestObjects.container("64", "1Gi"))),
                  null)));
      Eventually.check(
          () -> {
            timer.advance(Duration.ofMillis(10));
            return summary().stream()
                .anyMatch(
                    e ->
                        e.startsWith(
                                "default-scheduler Pod/huge FailedScheduling 0/1 nodes are available")
                            && e.contains("Insufficient cpu"));
          },
          Duration.ofSeconds(20),
          "FailedScheduling for a pod no node fits: " + summary());
    }
  }

  /** Each event as "component Kind/name reason message". */
  private List<String> summary() throws Exception {
    return await(events.list("ns")).items().stream()
        .map(Event.class::cast)
        .map(
            e ->
                e.source().component()
                    + " "
                    + e.involvedObject().kind()
                    + "/"
                    + e.involvedObject().name()
                    + " "
                    + e.reason()
                    + " "
                    + e.message())
        .toList();
  }
}
