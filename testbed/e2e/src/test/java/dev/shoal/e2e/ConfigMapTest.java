package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A Deployment spread over the three hosts reads one ConfigMap as environment variables ({@code
 * configMapKeyRef}, {@code envFrom} with a prefix) and as files (a {@code configMap} volume); a
 * change to the ConfigMap reaches the mounted file in every replica on every host, while the
 * environment keeps the value the container started with, as in Kubernetes.
 */
@SharedBed(namespace = ConfigMapTest.NS)
class ConfigMapTest extends ThreeHostTestbed {

  static final String NS = "config";
  static final String MANIFESTS =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: config}
      data:
        greeting: hello
        app.conf: |
          mode=one
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: reader, namespace: config}
      spec:
        replicas: 3
        selector: {matchLabels: {app: reader}}
        template:
          metadata: {labels: {app: reader}}
          spec:
            terminationGracePeriodSeconds: 1
            containers:
            - name: main
              image: shoal-test/busybox:1
              imagePullPolicy: IfNotPresent
              command: ["sleep", "3600"]
              env:
              - name: GREETING
                valueFrom: {configMapKeyRef: {name: settings, key: greeting}}
              envFrom:
              - prefix: CFG_
                configMapRef: {name: settings}
              volumeMounts:
              - {name: config, mountPath: /etc/config}
            volumes:
            - name: config
              configMap: {name: settings}
      """;

  @Test
  void everyReplicaReadsTheConfigMapAndSeesAnUpdateToItsFile() {
    long start = System.nanoTime();
    api(2).apply(MANIFESTS);
    List<PodView> pods =
        Poll.until(
            "3 running readers",
            SETTLE_LIMIT,
            () -> api(1).pods(NS, "app=reader").stream().filter(PodView::serving).toList(),
            p -> p.size() == 3);
    figure("configmap-readers %d pods in %s (%s)", pods.size(), since(start), spread(pods));
    assertEquals(Map.of("h1", 1L, "h2", 1L, "h3", 1L), perNode(pods), "one reader per host");

    for (PodView pod : pods) {
      Host host = hostNamed(pod.node());
      assertEquals(
          "hello|hello|mode=one",
          Probes.inPod(
                  host,
                  NS,
                  pod.name(),
                  "printf '%s|%s|' \"$GREETING\" \"$CFG_greeting\"; cat /etc/config/app.conf")
              .strip(),
          "env and file of " + pod.name() + " on " + pod.node());
    }

    long changed = System.nanoTime();
    api(3)
        .mergePatch(
            "/api/v1/namespaces/" + NS + "/configmaps/settings",
            "{\"data\": {\"app.conf\": \"mode=two\\n\"}}");
    Map<String, String> seen = new TreeMap<>();
    for (PodView pod : pods) {
      Host host = hostNamed(pod.node());
      Poll.until(
          "the new app.conf in " + pod.name() + " on " + pod.node(),
          SETTLE_LIMIT,
          () -> Probes.inPod(host, NS, pod.name(), "cat /etc/config/app.conf").strip(),
          "mode=two"::equals);
      seen.put(pod.node(), since(changed));
    }
    figure("configmap-update reached the file on %s", seen);
    for (PodView pod : pods) {
      assertEquals(
          "hello",
          Probes.inPod(hostNamed(pod.node()), NS, pod.name(), "printf '%s' \"$GREETING\""),
          "the environment is read once, at the container's start");
    }
  }

  private static Host hostNamed(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }
}
