package dev.shoal.agent.cluster;

import dev.shoal.agent.store.hazelcast.HazelcastStore;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A cluster member in its own JVM, so a test can freeze it (SIGSTOP) the way a hung or cut-off host
 * looks to the others: sockets open, nothing answering. Reads commands on stdin, answers one line
 * on stdout: {@code members} -> {@code MEMBERS <size> <hasMajority>}, {@code write <name>} ->
 * {@code OK} or {@code ERR <exception class>}.
 */
public final class MemberProcess {

  private MemberProcess() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    ClusterConfig config =
        ClusterConfig.defaults()
            .withClusterName(args[0])
            .withAddress("127.0.0.1", Integer.parseInt(args[1]))
            .withJoin(ClusterConfig.parseJoin(args[2]));
    HazelcastMember member = TestCluster.await(HazelcastMember.start(vertx, config, "child"));
    HazelcastStore store = TestCluster.openStore(vertx, member, null);
    System.out.println("READY " + member.local().id());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals("members")) {
        System.out.println("MEMBERS " + member.members().size() + " " + member.hasMajority());
      } else if (line.startsWith("write ")) {
        try {
          TestCluster.await(
              store.create(new Pod(ObjectMeta.named("child", line.substring(6)), null, null)));
          System.out.println("OK");
        } catch (Exception e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          System.out.println("ERR " + cause.getClass().getSimpleName());
        }
      }
    }
    member.terminate();
    System.exit(0);
  }
}
