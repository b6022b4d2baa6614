package dev.shoal.e2e;

/**
 * The workload most end-to-end classes run: namespace {@code e2e}, a Service and a 6-replica
 * Deployment whose containers answer every TCP connection on port 8080 (the Service's target port)
 * with their hostname, which is their pod name, and close it.
 */
final class Sleepers {
  static final String NAMESPACE = "e2e";
  static final String SELECTOR = "app=sleepers";
  static final int REPLICAS = 6;

  static final String MANIFESTS =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: e2e
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: sleepers
        namespace: e2e
      spec:
        selector:
          app: sleepers
        ports:
        - name: p
          port: 80
          targetPort: 8080
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: sleepers
        namespace: e2e
      spec:
        replicas: 6
        selector:
          matchLabels:
            app: sleepers
        template:
          metadata:
            labels:
              app: sleepers
          spec:
            terminationGracePeriodSeconds: 2
            containers:
            - name: main
              image: shoal-test/busybox:1
              imagePullPolicy: IfNotPresent
              command: ["nc", "-ll", "-p", "8080", "-e", "hostname"]
      """;

  /** A Service created while the cluster is disturbed, to check that such writes survive too. */
  static String extraService(String name) {
    return """
        apiVersion: v1
        kind: Service
        metadata:
          name: %s
          namespace: e2e
        spec:
          selector:
            app: sleepers
          ports:
          - name: p
            port: 81
            targetPort: 8080
        """
        .formatted(name);
  }

  private Sleepers() {}
}
