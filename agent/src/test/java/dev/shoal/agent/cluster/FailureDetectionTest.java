package dev.shoal.agent.cluster;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.hazelcast.HazelcastStore;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member in another JVM is frozen with SIGSTOP: no goodbye, no closed socket, so only the
 * heartbeat timeout can find it. Measures how long the others take to drop it; then thaws it and
 * checks that, cut off and alone, it refuses writes, and that it merges back into the cluster.
 */
class FailureDetectionTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<HazelcastMember> members = new ArrayList<>();
  private final List<HazelcastStore> stores = new ArrayList<>();
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private Process child;
  private PrintWriter commands;

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    stores.forEach(HazelcastStore::close);
    members.forEach(HazelcastMember::terminate);
    await(vertx.close());
  }

  @Test
  void aFrozenMemberIsDroppedAfterTheHeartbeatTimeoutAndMergesBackWhenThawed() throws Exception {
    TestCluster cluster = new TestCluster(3);
    for (int i = 0; i < 2; i++) {
      members.add(cluster.start(vertx, i));
      stores.add(TestCluster.openStore(vertx, members.get(i), null));
    }
    long begin = System.nanoTime();
    startChild(cluster);
    System.out.printf(
        "FAILURE-DETECTION child JVM ready after %d ms%n", (System.nanoTime() - begin) / 1_000_000);
    assertTrue(
        eventually(Duration.ofSeconds(30), () -> members.get(0).members().size() == 3),
        "child joined");
    assertTrue(
        eventually(Duration.ofSeconds(30), () -> members.get(0).isClusterSafe()),
        "backups in place");
    assertEquals("OK", ask("write before-freeze"));
    System.out.printf(
        "FAILURE-DETECTION cluster of 3 safe after %d ms%n",
        (System.nanoTime() - begin) / 1_000_000);

    signal("STOP");
    long frozen = System.nanoTime();
    assertTrue(
        eventually(
            Duration.ofSeconds(30),
            () -> members.get(0).members().size() == 2 && members.get(1).members().size() == 2),
        "frozen member dropped");
    long detectedMillis = (System.nanoTime() - frozen) / 1_000_000;
    System.out.printf(
        "FAILURE-DETECTION frozen member (SIGSTOP) dropped after %d ms (heartbeat 1 s, timeout 5 s)%n",
        detectedMillis);
    assertTrue(members.get(0).hasMajority(), "two of three may still act");
    await(
        stores
            .get(0)
            .create(
                new dev.shoal.manifests.model.Pod(
                    dev.shoal.manifests.model.ObjectMeta.named("child", "while-frozen"),
                    null,
                    null)));

    signal("CONT");
    long thawed = System.nanoTime();
    assertTrue(
        eventually(Duration.ofSeconds(20), () -> ask("members").equals("MEMBERS 1 false")),
        "the thawed member finds itself alone and in the minority");
    assertEquals(
        "ERR StoreUnavailableException", ask("write while-alone"), "the minority refuses writes");
    assertTrue(
        eventually(Duration.ofSeconds(60), () -> members.get(0).members().size() == 3),
        "merged back");
    System.out.printf(
        "FAILURE-DETECTION thawed member merged back after %d ms%n",
        (System.nanoTime() - thawed) / 1_000_000);
    assertTrue(eventually(Duration.ofSeconds(20), () -> ask("write after-merge").equals("OK")));
    System.out.printf(
        "FAILURE-DETECTION thawed member writes again after %d ms%n",
        (System.nanoTime() - thawed) / 1_000_000);
    assertTrue(
        eventually(
            Duration.ofSeconds(5),
            () ->
                stores
                    .get(1)
                    .localView()
                    .get(new ObjectKey("Pod", "child", "after-merge"))
                    .isPresent()));
    assertEquals(
        3, await(stores.get(1).list("Pod", "child")).items().size(), "nothing lost in the merge");
  }

  private void startChild(TestCluster cluster) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-")) {
        command.add(argument);
      }
    }
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-cp",
            System.getProperty("java.class.path"),
            MemberProcess.class.getName(),
            cluster.name,
            "0",
            String.join(",", cluster.seedsExcept(2))));
    child =
        new ProcessBuilder(command).redirectError(new File("target/member-process.log")).start();
    commands = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  replies.add(line);
                }
              } catch (Exception e) {
                replies.add("GONE " + e);
              }
            });
    reader.setDaemon(true);
    reader.start();
    String ready = replies.poll(60, TimeUnit.SECONDS);
    assertTrue(ready != null && ready.startsWith("READY"), "child started: " + ready);
  }

  private String ask(String command) {
    commands.println(command);
    try {
      String reply = replies.poll(30, TimeUnit.SECONDS);
      return reply == null ? "NO REPLY" : reply;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "INTERRUPTED";
    }
  }

  private void signal(String name) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + name);
  }
}
