package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Member admission and the node firewall on three real agents: only admitted members reach the
 * cluster port, pods reach neither the API nor the cluster port, a node with the wrong join secret
 * is refused while the cluster keeps working, and a node whose Node object is deleted loses the
 * cluster port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityTest extends ThreeHostTestbed {

  static final String CLUSTER_PORT = "5701";
  static final String API_PORT = "7070";

  /** "open" or "closed": a TCP connect from the host's namespace, 3 s at most. */
  static String tcpFrom(Host from, String ip, String port) {
    return testbed
        .exec(
            from,
            "sh",
            "-c",
            "timeout 3 bash -c '</dev/tcp/"
                + ip
                + "/"
                + port
                + "' 2>/dev/null && echo open || echo closed")
        .trim();
  }

  /** The same from the machine itself (192.0.2.254 on the bed's switch): never a member. */
  static String tcpFromOutside(String ip, String port) throws Exception {
    Process p =
        new ProcessBuilder(
                "sh",
                "-c",
                "timeout 3 bash -c '</dev/tcp/"
                    + ip
                    + "/"
                    + port
                    + "' 2>/dev/null && echo open || echo closed")
            .start();
    p.waitFor();
    return new String(p.getInputStream().readAllBytes()).trim();
  }

  @Test
  @Order(1)
  void onlyAdmittedMembersReachTheClusterPort() throws Exception {
    assertEquals("open", tcpFrom(host(2), host(1).ip(), CLUSTER_PORT), "h2 is a member");
    assertEquals(
        "closed", tcpFromOutside(host(1).ip(), CLUSTER_PORT), "the machine is not a member");
    assertEquals(
        "open", tcpFromOutside(host(1).ip(), API_PORT), "the API is for everyone (with a token)");
    assertEquals(
        401,
        new ShoalApi(host(1), Credentials.ofTestbed().withToken("shoal.nobody.x"))
            .status("/api/v1/pods"));
  }

  @Test
  @Order(2)
  void podsReachNeitherTheApiNorTheClusterPortButStillResolveNames() {
    deploySleepers(api(2));
    String container = Probes.anyAppContainer(host(1), Sleepers.NAMESPACE);
    for (Host node : hosts) {
      for (String port : new String[] {API_PORT, CLUSTER_PORT}) {
        String answer =
            Probes.inContainer(
                    host(1),
                    container,
                    "nc -w 2 "
                        + node.ip()
                        + " "
                        + port
                        + " </dev/null >/dev/null 2>&1 && echo open || echo closed")
                .trim();
        assertEquals("closed", answer, "a pod on h1 reached " + node.name() + ":" + port);
      }
    }
    String lookup =
        Probes.inContainer(
                host(1),
                container,
                "nslookup sleepers.e2e.svc.cluster.local >/dev/null 2>&1 && echo resolved || echo failed")
            .trim();
    assertEquals("resolved", lookup, "cluster DNS on the pod bridge still answers");
  }

  @Test
  @Order(4)
  void aNodeWithTheWrongJoinSecretIsRefusedWhileTheClusterKeepsWorking() throws Exception {
    testbed.kill(
        host(3)); // it was removed above; it comes back as a stranger who does not know the secret
    Path wrong = Files.createTempFile("wrong-join", ".secret");
    Files.writeString(wrong, "not-the-cluster-secret-at-all\n");
    assertThrows(
        IllegalStateException.class,
        () -> testbed.restartWithAgentArgs(host(3), "--join-secret-file " + wrong));
    String h3Log = Files.readString(testbed.logDir(host(3)).resolve("h3-agent.log"));
    assertTrue(h3Log.contains("refused this node's join secret"), "h3 says why it stopped");
    // h3 asks its seeds at once and stops at the first refusal, so which seed logs it is a race.
    String refusal = "refused a join request from " + host(3).ip();
    assertTrue(
        Files.readString(testbed.logDir(host(1)).resolve("h1-agent.log")).contains(refusal)
            || Files.readString(testbed.logDir(host(2)).resolve("h2-agent.log")).contains(refusal),
        "a seed refused h3");
    api(1)
        .apply(
            """
        apiVersion: v1
        kind: Namespace
        metadata: {name: after-refusal}
        """);
    Poll.until(
        "h2 sees the namespace written through h1",
        Duration.ofSeconds(10),
        () -> api(2).status("/api/v1/namespaces/after-refusal"),
        code -> code == 200);
  }

  @Test
  @Order(3)
  void aNodeWhoseNodeObjectIsDeletedLosesTheClusterPort() {
    // h3's agent keeps running: its own firewall still lets it out to h1 and h2, so a refusal is
    // theirs.
    assertEquals(
        "open",
        tcpFrom(host(3), host(1).ip(), CLUSTER_PORT),
        "h3 was admitted when the bed came up");
    long start = System.nanoTime();
    api(1).delete("/api/v1/nodes/h3");
    Poll.until(
        "h1 and h2 drop h3 from the cluster port",
        Duration.ofSeconds(15),
        () ->
            tcpFrom(host(3), host(1).ip(), CLUSTER_PORT)
                + tcpFrom(host(3), host(2).ip(), CLUSTER_PORT),
        both -> both.equals("closedclosed"));
    figure("removed node h3 lost the cluster port of h1 and h2 in %s", since(start));
  }
}
