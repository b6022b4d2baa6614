package dev.shoal.manifests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per rule: the manifest, and the exact field paths and error types it must produce. */
class ValidatorTest {
  static final String POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n";
  static final String C = "{name: c, image: i}";

  static Resource parse(String yaml) {
    Decoded d = ManifestCodec.parseAll(yaml.getBytes(StandardCharsets.UTF_8)).get(0);
    return assertInstanceOf(Decoded.Ok.class, d, d::toString).resource();
  }

  static List<String> errors(Resource r) {
    return Validator.validate(r).stream().map(e -> e.field() + " " + e.type()).toList();
  }

  static Arguments pod(String name, String spec, String... expected) {
    return Arguments.of(name, POD + "spec: " + spec, List.of(expected));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // metadata
        Arguments.of("valid pod", POD + "spec: {containers: [" + C + "]}", List.of()),
        Arguments.of(
            "name missing",
            "apiVersion: v1\nkind: Pod\nspec: {containers: [" + C + "]}",
            List.of("metadata.name REQUIRED")),
        Arguments.of(
            "generateName instead of a name",
            "apiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}\n"
                + "spec: {containers: ["
                + C
                + "]}",
            List.of()),
        Arguments.of(
            "bad generateName",
            "apiVersion: v1\nkind: Pod\nmetadata: {generateName: Web_}\n"
                + "spec: {containers: ["
                + C
                + "]}",
            List.of("metadata.generateName INVALID")),
        Arguments.of(
            "pod name is a subdomain, uppercase is not",
            "apiVersion: v1\nkind: Pod\n"
                + "metadata: {name: Web.1}\nspec: {containers: ["
                + C
                + "]}",
            List.of("metadata.name INVALID")),
        Arguments.of(
            "pod name may have dots",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web.v1}\n"
                + "spec: {containers: ["
                + C
                + "]}",
            List.of()),
        Arguments.of(
            "pod name too long",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: "
                + "a".repeat(254)
                + "}\n"
                + "spec: {containers: ["
                + C
                + "]}",
            List.of("metadata.name INVALID")),
        Arguments.of(
            "bad namespace",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a.b}\n"
                + "spec: {containers: ["
                + C
                + "]}",
            List.of("metadata.namespace INVALID")),
        Arguments.of(
            "bad label key and value",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: "
                + "{'-x': ok, y: 'not ok'}}\nspec: {containers: ["
                + C
                + "]}",
            List.of("metadata.labels INVALID", "metadata.labels INVALID")),
        Arguments.of(
            "label value too long",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: "
                + "v".repeat(64)
                + "}}\nspec: {containers: ["
                + C
                + "]}",
            List.of("metadata.labels INVALID")),
        Arguments.of(
            "annotations too large",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {a: "
                + "v".repeat(256 * 1024)
                + "}}\nspec: {containers: ["
                + C
                + "]}",
            List.of("metadata.annotations TOO_LONG")),
        Arguments.of(
            "namespace on a cluster-scoped kind",
            "apiVersion: v1\nkind: Namespace\n" + "metadata: {name: a, namespace: b}",
            List.of("metadata.namespace FORBIDDEN")),
        Arguments.of(
            "namespace name is a label, not a subdomain",
            "apiVersion: v1\nkind: Namespace\n" + "metadata: {name: a.b}",
            List.of("metadata.name INVALID")),
        Arguments.of(
            "service name must start with a letter",
            "apiVersion: v1\nkind: Service\n"
                + "metadata: {name: 1web}\nspec: {ports: [{port: 80}]}",
            List.of("metadata.name INVALID")),
        Arguments.of(
            "owner reference without uid",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, "
                + "ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: rs}]}\nspec: {containers: ["
                + C
                + "]}",
            List.of("metadata.ownerReferences[0].uid REQUIRED")),
        // pod spec
        pod("no containers", "{containers: []}", "spec.containers REQUIRED"),
        pod("no spec", "null", "spec REQUIRED"),
        pod(
            "container without name and image", "{containers: [{}]}",
            "spec.containers[0].name REQUIRED", "spec.containers[0].image REQUIRED"),
        pod(
            "container name not a DNS label",
            "{containers: [{name: Web, image: i}]}",
            "spec.containers[0].name INVALID"),
        pod(
            "duplicate container names across init and app",
            "{initContainers: ["
                + C
                + "], containers: ["
                + C
                + ", {name: d, image: i}, "
                + C
                + "]}",
            "spec.containers[0].name DUPLICATE",
            "spec.containers[2].name DUPLICATE"),
        pod(
            "port out of range",
            "{containers: ["
                + C
                + ", {name: d, image: i, ports: [{containerPort: 80}, "
                + "{containerPort: 70000}]}]}",
            "spec.containers[1].ports[1].containerPort INVALID"),
        pod(
            "port missing",
            "{containers: [{name: c, image: i, ports: [{name: http}]}]}",
            "spec.containers[0].ports[0].containerPort REQUIRED"),
        pod(
            "host port out of range",
            "{containers: [{name: c, image: i, ports: [{containerPort: 80, hostPort: -1}]}]}",
            "spec.containers[0].ports[0].hostPort INVALID"),
        pod(
            "host port used twice",
            "{containers: [{name: c, image: i, ports: [{containerPort: 80, hostPort: 8080}]},"
                + " {name: d, image: i, ports: [{containerPort: 81, hostPort: 8080}]}]}",
            "spec.containers[1].ports[0].hostPort DUPLICATE"),
        pod(
            "port names: IANA syntax and unique",
            "{containers: [{name: c, image: i, ports: [{name: http, "
                + "containerPort: 80}, {name: http, containerPort: 81}, {name: '8080', containerPort: 82}, "
                + "{name: a-very-long-port-name, containerPort: 83}]}]}",
            "spec.containers[0].ports[1].name DUPLICATE",
            "spec.containers[0].ports[2].name INVALID",
            "spec.containers[0].ports[3].name INVALID"),
        pod(
            "protocol",
            "{containers: [{name: c, image: i, ports: [{containerPort: 80, protocol: tcp}]}]}",
            "spec.containers[0].ports[0].protocol NOT_SUPPORTED"),
        pod(
            "restart policy",
            "{restartPolicy: Sometimes, containers: [" + C + "]}",
            "spec.restartPolicy NOT_SUPPORTED"),
        pod(
            "pull policy",
            "{containers: [{name: c, image: i, imagePullPolicy: Maybe}]}",
            "spec.containers[0].imagePullPolicy NOT_SUPPORTED"),
        pod(
            "env name",
                "{containers: [{name: c, image: i, env: [{name: '1A', value: x}, {value: y}]}]}",
            "spec.containers[0].env[0].name INVALID", "spec.containers[0].env[1].name REQUIRED"),
        pod(
            "mount of an undeclared volume",
            "{volumes: [{name: data, emptyDir: {}}], containers: [{name: c, "
                + "image: i, volumeMounts: [{name: data, mountPath: /d}, {name: cache, mountPath: /c}]}]}",
            "spec.containers[0].volumeMounts[1].name NOT_FOUND"),
        pod(
            "mount path relative and repeated",
            "{volumes: [{name: a, emptyDir: {}}], containers: [{name: c, "
                + "image: i, volumeMounts: [{name: a, mountPath: d}, {name: a, mountPath: /x}, {name: a, mountPath: /x}]}]}",
            "spec.containers[0].volumeMounts[0].mountPath INVALID",
            "spec.containers[0].volumeMounts[2].mountPath INVALID"),
        pod(
            "volumes: unique names, one source",
            "{volumes: [{name: a, emptyDir: {}}, {name: a, hostPath: "
                + "{path: /tmp}}, {name: b}, {name: c, emptyDir: {}, hostPath: {path: /x}}], containers: ["
                + C
                + "]}",
            "spec.volumes[1].name DUPLICATE",
            "spec.volumes[2] REQUIRED",
            "spec.volumes[3].hostPath FORBIDDEN"),
        pod(
            "hostPath must be absolute",
            "{volumes: [{name: a, hostPath: {path: tmp}}], containers: [" + C + "]}",
            "spec.volumes[0].hostPath.path INVALID"),
        pod(
            "probe without a handler",
            "{containers: [{name: c, image: i, readinessProbe: {periodSeconds: 1}}]}",
            "spec.containers[0].readinessProbe REQUIRED"),
        pod(
            "probe with two handlers",
            "{containers: [{name: c, image: i, livenessProbe: {exec: {command: [true]}, "
                + "tcpSocket: {port: 80}}}]}",
            "spec.containers[0].livenessProbe FORBIDDEN"),
        pod(
            "probe port and timings",
            "{containers: [{name: c, image: i, readinessProbe: {httpGet: {port: 0, "
                + "scheme: FTP}, periodSeconds: 0, initialDelaySeconds: -1}}]}",
            "spec.containers[0].readinessProbe.httpGet.port INVALID",
            "spec.containers[0].readinessProbe.httpGet.scheme NOT_SUPPORTED",
            "spec.containers[0].readinessProbe.initialDelaySeconds INVALID",
            "spec.containers[0].readinessProbe.periodSeconds INVALID"),
        pod(
            "probe port by bad name: two reasons, two errors",
            "{containers: [{name: c, image: i, livenessProbe: {tcpSocket: {port: HTTP}}}]}",
            "spec.containers[0].livenessProbe.tcpSocket.port INVALID",
            "spec.containers[0].livenessProbe.tcpSocket.port INVALID"),
        pod(
            "liveness success threshold",
            "{containers: [{name: c, image: i, livenessProbe: {tcpSocket: {port: 1}, "
                + "successThreshold: 2}}]}",
            "spec.containers[0].livenessProbe.successThreshold INVALID"),
        pod(
            "init containers have no probes",
            "{initContainers: [{name: i, image: i, readinessProbe: {exec: "
                + "{command: [x]}}}], containers: ["
                + C
                + "]}",
            "spec.initContainers[0].readinessProbe FORBIDDEN"),
        pod(
            "quantities parse, are not negative, requests within limits",
                "{containers: [{name: c, image: i, "
                    + "resources: {requests: {cpu: 2, memory: 1Gx}, limits: {cpu: 500m, memory: '-1', gpu: 1}}}]}",
            "spec.containers[0].resources.limits[gpu] INVALID",
                "spec.containers[0].resources.limits[memory] INVALID",
            "spec.containers[0].resources.requests[memory] INVALID",
                "spec.containers[0].resources.requests[cpu] INVALID"),
        pod(
            "dns policy None needs nameservers",
            "{dnsPolicy: None, containers: [" + C + "]}",
            "spec.dnsConfig.nameservers REQUIRED"),
        pod(
            "dns config",
            "{dnsConfig: {nameservers: [1.2.3.4, 1.2.3.400], searches: [ok.local, 'Bad_'], "
                + "options: [{value: '1'}]}, containers: ["
                + C
                + "]}",
            "spec.dnsConfig.nameservers[1] INVALID",
            "spec.dnsConfig.searches[1] INVALID",
            "spec.dnsConfig.options[0].name REQUIRED"),
        pod(
            "hostname, subdomain, nodeName",
            "{hostname: A, subdomain: b.c, nodeName: 'n_1', containers: [" + C + "]}",
            "spec.nodeName INVALID",
            "spec.hostname INVALID",
            "spec.subdomain INVALID"),
        pod(
            "grace period",
            "{terminationGracePeriodSeconds: -1, containers: [" + C + "]}",
            "spec.terminationGracePeriodSeconds INVALID"),
        pod(
            "node selector labels",
            "{nodeSelector: {'a b': c}, containers: [" + C + "]}",
            "spec.nodeSelector INVALID"),
        // workloads
        Arguments.of(
            "replica set: selector must match template",
            rs("{matchLabels: {app: web}}", "{app: api}", 1),
            List.of("spec.template.metadata.labels INVALID")),
        Arguments.of(
            "replica set: selector required",
            rs(null, "{app: web}", 1),
            List.of("spec.selector REQUIRED")),
        Arguments.of(
            "replica set: empty selector",
            rs("{}", "{app: web}", 1),
            List.of("spec.selector INVALID")),
        Arguments.of(
            "replica set: negative replicas",
            rs("{matchLabels: {app: web}}", "{app: web}", -1),
            List.of("spec.replicas INVALID")),
        Arguments.of(
            "replica set: bad expression",
            rs("{matchExpressions: [{key: app, operator: In}]}", "{app: web}", 1),
            List.of("spec.selector.matchExpressions[0].values REQUIRED")),
        Arguments.of(
            "replica set: matchExpressions select the template",
            rs(
                "{matchExpressions: [{key: app, "
                    + "operator: NotIn, values: [api]}, {key: canary, operator: DoesNotExist}]}",
                "{app: web}",
                2),
            List.of()),
        Arguments.of(
            "replica set: template restart policy must be Always",
            "apiVersion: apps/v1\nkind: ReplicaSet\n"
                + "metadata: {name: r}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
                + "    spec: {restartPolicy: Never, containers: ["
                + C
                + "]}\n",
            List.of("spec.template.spec.restartPolicy NOT_SUPPORTED")),
        Arguments.of(
            "replica set: template errors carry the template path",
            "apiVersion: apps/v1\nkind: ReplicaSet\n"
                + "metadata: {name: r}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
                + "    spec: {containers: [{name: c, image: i, ports: [{containerPort: 0}]}]}\n",
            List.of("spec.template.spec.containers[0].ports[0].containerPort REQUIRED")),
        Arguments.of(
            "deployment: strategy",
            deployment("{type: Recreate, rollingUpdate: {maxSurge: 1}}"),
            List.of("spec.strategy.rollingUpdate FORBIDDEN")),
        Arguments.of(
            "deployment: surge and unavailable both zero",
            deployment("{rollingUpdate: {maxSurge: 0, " + "maxUnavailable: 0%}}"),
            List.of("spec.strategy.rollingUpdate.maxUnavailable INVALID")),
        Arguments.of(
            "deployment: bad percentages",
            deployment(
                "{type: RollingUpdate, rollingUpdate: {maxSurge: "
                    + "lots, maxUnavailable: 150%}}"),
            List.of(
                "spec.strategy.rollingUpdate.maxSurge INVALID",
                "spec.strategy.rollingUpdate.maxUnavailable INVALID")),
        Arguments.of(
            "deployment: unknown strategy",
            deployment("{type: BlueGreen}"),
            List.of("spec.strategy.type NOT_SUPPORTED")),
        // services
        Arguments.of(
            "service: ports required",
            svc("{selector: {app: web}}"),
            List.of("spec.ports REQUIRED")),
        Arguments.of(
            "headless service needs no ports",
            svc("{clusterIP: None, selector: {app: web}}"),
            List.of()),
        Arguments.of(
            "service: port rules",
            svc(
                "{ports: [{port: 80}, {name: b, port: 70000, protocol: SCTP}, "
                    + "{name: b, port: 81, targetPort: 0}, {name: d, port: 81, targetPort: bad_name}]}"),
            List.of(
                "spec.ports[0].name REQUIRED",
                "spec.ports[1].port INVALID",
                "spec.ports[1].protocol NOT_SUPPORTED",
                "spec.ports[2].name DUPLICATE",
                "spec.ports[2].targetPort INVALID",
                "spec.ports[3].targetPort INVALID",
                "spec.ports[3] DUPLICATE")),
        Arguments.of(
            "service: nodePort only on NodePort services",
            svc("{ports: [{port: 80, nodePort: 30080}]}"),
            List.of("spec.ports[0].nodePort FORBIDDEN")),
        Arguments.of(
            "service: NodePort",
            svc("{type: NodePort, ports: [{port: 80, nodePort: 30080}]}"),
            List.of()),
        Arguments.of(
            "service: types Shoal does not implement",
            svc("{type: LoadBalancer, ports: [{port: 80}]}"),
            List.of("spec.type NOT_SUPPORTED")),
        Arguments.of(
            "service: cluster IP",
            svc("{clusterIP: 10.0.0.300, clusterIPs: [10.0.0.1], ports: [{port: 80}]}"),
            List.of("spec.clusterIP INVALID", "spec.clusterIPs[0] INVALID")),
        Arguments.of(
            "service: session affinity",
            svc("{sessionAffinity: Sticky, ports: [{port: 80}]}"),
            List.of("spec.sessionAffinity NOT_SUPPORTED")),
        Arguments.of(
            "service: traffic policy and affinity timeout",
            svc(
                "{type: NodePort, externalTrafficPolicy: Local, "
                    + "sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}, ports: [{port: 80}]}"),
            List.of()),
        Arguments.of(
            "service: bad traffic policy and affinity timeout",
            svc(
                "{externalTrafficPolicy: Nearby, "
                    + "sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 86401}}, ports: [{port: 80}]}"),
            List.of(
                "spec.externalTrafficPolicy NOT_SUPPORTED",
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds INVALID")),
        Arguments.of(
            "service: affinity timeout without affinity",
            svc(
                "{sessionAffinityConfig: {clientIP: {timeoutSeconds: 5}}, "
                    + "ports: [{port: 80}]}"),
            List.of("spec.sessionAffinityConfig FORBIDDEN")),
        // network policies
        Arguments.of(
            "network policy: SCTP is a protocol of its ports, as upstream",
            np("{podSelector: {}, ingress: [{ports: [{protocol: SCTP, port: 80, endPort: 81}]}]}"),
            List.of()),
        Arguments.of(
            "network policy: pod selector required",
            np("{policyTypes: [Ingress]}"),
            List.of("spec.podSelector REQUIRED")),
        Arguments.of(
            "network policy: rules",
            np(
                "{podSelector: {}, policyTypes: [Ingress, Sideways], ingress: [{from: "
                    + "[{}, {podSelector: {}, ipBlock: {cidr: 10.0.0.0/8}}, {ipBlock: {cidr: 10.0.0.0/33, except: [x]}}], "
                    + "ports: [{protocol: ICMP, port: 70000}, {port: http, endPort: 90}, {port: 100, endPort: 90}]}], "
                    + "egress: [{to: [{namespaceSelector: {matchExpressions: [{key: a, operator: Exists, values: [b]}]}}]}]}"),
            List.of(
                "spec.policyTypes[1] NOT_SUPPORTED",
                "spec.ingress[0].from[0] REQUIRED",
                "spec.ingress[0].from[1] FORBIDDEN",
                "spec.ingress[0].from[2].ipBlock.cidr INVALID",
                "spec.ingress[0].from[2].ipBlock.except[0] INVALID",
                "spec.ingress[0].ports[0].protocol NOT_SUPPORTED",
                "spec.ingress[0].ports[0].port INVALID",
                "spec.ingress[0].ports[1].port REQUIRED",
                "spec.ingress[0].ports[2].endPort INVALID",
                "spec.egress[0].to[0].namespaceSelector.matchExpressions[0].values FORBIDDEN")),
        // endpoints and nodes
        Arguments.of(
            "endpoints",
            "apiVersion: v1\nkind: Endpoints\nmetadata: {name: web}\nsubsets: [{addresses: "
                + "[{ip: 10.1.2.3}, {ip: nope}], ports: [{port: 0}]}]",
            List.of("subsets[0].addresses[1].ip INVALID", "subsets[0].ports[0].port INVALID")),
        Arguments.of(
            "node",
            "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec: {podCIDR: 10.244.1.0/24, "
                + "taints: [{key: a, effect: Sometimes}]}\nstatus: {capacity: {cpu: '2', memory: 8Gi, pods: lots}}",
            List.of("spec.taints[0].effect NOT_SUPPORTED", "status.capacity[pods] INVALID")));
  }

  static String rs(String selector, String labels, int replicas) {
    return "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n  replicas: "
        + replicas
        + "\n"
        + (selector == null ? "" : "  selector: " + selector + "\n")
        + "  template:\n    metadata: {labels: "
        + labels
        + "}\n    spec: {containers: ["
        + C
        + "]}\n";
  }

  static String deployment(String strategy) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n"
        + "  strategy: "
        + strategy
        + "\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: ["
        + C
        + "]}\n";
  }

  static String svc(String spec) {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: " + spec + "\n";
  }

  static String np(String spec) {
    return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n}\nspec: "
        + spec
        + "\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryErrorAtItsPath(String name, String yaml, List<String> expected) {
    assertEquals(expected, errors(parse(yaml)));
  }

  @Test
  void messagesReadLikeKubernetes() {
    List<FieldError> errors =
        Validator.validate(
            parse(
                POD
                    + "spec: {containers: ["
                    + C
                    + ", {name: Web, image: i, "
                    + "ports: [{containerPort: 70000}]}]}"));
    assertEquals(
        List.of(
            "spec.containers[1].name: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric "
                + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or "
                + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "spec.containers[1].ports[0].containerPort: 70000: must be between 1 and 65535, inclusive"),
        errors.stream().map(FieldError::toString).toList());
    assertEquals(
        "Invalid value: 70000: must be between 1 and 65535, inclusive",
        errors.get(1).toCause().message());
    assertEquals("FieldValueInvalid", errors.get(1).toCause().reason());
    dev.shoal.manifests.model.Status status =
        dev.shoal.manifests.model.Status.invalid("", "Pod", "p", List.of(errors.get(1).toCause()));
    assertEquals(
        "Pod \"p\" is invalid: spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be "
            + "between 1 and 65535, inclusive",
        status.message());
    assertEquals(422, status.code());
  }
}
