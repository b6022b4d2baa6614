package dev.shoal.agent.api.protobuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.shoal.manifests.codec.Json;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies captured from kubectl 1.32 ({@code create namespace|deployment|configmap|secret|job}
 * against a recording server) decode to the JSON kubectl sends for the same objects with {@code -o
 * json}; bodies built with the upstream generated classes check the special types and kept zeros;
 * broken bodies are refused with a reason.
 */
class ProtobufBodyTest {

  static Stream<Arguments> captured() {
    return Stream.of(
        Arguments.of(
            "create-namespace.bin",
            "{'apiVersion':'v1','kind':'Namespace','metadata':{'creationTimestamp':null},"
                + "'spec':{},'status':{}}",
            "demo"),
        Arguments.of(
            "create-configmap.bin",
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cfg','creationTimestamp':null},"
                + "'data':{'a':'b'}}",
            null),
        Arguments.of(
            "create-secret.bin",
            "{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s1','creationTimestamp':null},"
                + "'data':{'k':'dg=='}}",
            null),
        Arguments.of(
            "create-deployment.bin",
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                + "'creationTimestamp':null,'labels':{'app':'web'}},'spec':{'replicas':0,"
                + "'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{"
                + "'creationTimestamp':null,'labels':{'app':'web'}},'spec':{'containers':[{"
                + "'name':'nginx','image':'nginx:1','ports':[{'containerPort':80}],"
                + "'resources':{}}]}},'strategy':{}},'status':{}}",
            null),
        Arguments.of(
            "create-job.bin",
            "{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'j1','creationTimestamp':null},"
                + "'spec':{'template':{'metadata':{'creationTimestamp':null},'spec':{'containers':[{"
                + "'name':'j1','image':'busybox','command':['echo','hi'],'resources':{}}],"
                + "'restartPolicy':'Never'}}},'status':{}}",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captured")
  void kubectlBodiesDecodeToWhatKubectlSendsAsJson(String file, String expected, String name)
      throws Exception {
    JsonNode tree = ProtobufBody.decode(resource(file));
    JsonNode want = Json.mapper().readTree(expected.replace('\'', '"'));
    if (name != null) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) want.get("metadata")).put("name", name);
    }
    assertEquals(want, reparsed(tree));
  }

  @Test
  void specialTypesAndZerosSetOnPurpose() throws Exception {
    V1.Pod pod =
        V1.Pod.newBuilder()
            .setMetadata(
                Meta.ObjectMeta.newBuilder()
                    .setName("p")
                    .setNamespace("")
                    .setGeneration(0)
                    .setCreationTimestamp(
                        Meta.Time.newBuilder().setSeconds(1_700_000_000L).setNanos(5))
                    .putAnnotations("empty", ""))
            .setSpec(
                V1.PodSpec.newBuilder()
                    .setTerminationGracePeriodSeconds(0) // *int64: a zero set on purpose
                    .setHostNetwork(false) // bool: Go's zero, left out
                    .setAutomountServiceAccountToken(false) // *bool: kept
                    .addContainers(
                        V1.Container.newBuilder()
                            .setName("c")
                            .addArgs("")
                            .setReadinessProbe(
                                V1.Probe.newBuilder()
                                    .setPeriodSeconds(0)
                                    .setHandler(
                                        V1.ProbeHandler.newBuilder()
                                            .setTcpSocket(
                                                V1.TCPSocketAction.newBuilder()
                                                    .setPort(
                                                        IntStr.IntOrString.newBuilder()
                                                            .setType(1)
                                                            .setStrVal("http")))))
                            .setResources(
                                V1.ResourceRequirements.newBuilder()
                                    .putLimits(
                                        "cpu",
                                        Resource.Quantity.newBuilder().setString("100m").build())))
                    .addVolumes(
                        V1.Volume.newBuilder()
                            .setName("v")
                            .setVolumeSource(
                                V1.VolumeSource.newBuilder()
                                    .setConfigMap(
                                        V1.ConfigMapVolumeSource.newBuilder()
                                            .setLocalObjectReference(
                                                V1.LocalObjectReference.newBuilder().setName("cfg"))
                                            .setDefaultMode(0)))))
            .build();
    JsonNode tree = ProtobufBody.decode(envelope("v1", "Pod", pod.toByteString()));
    JsonNode want =
        Json.mapper()
            .readTree(
                ("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p',"
                        + "'creationTimestamp':'2023-11-14T22:13:20Z','annotations':{'empty':''}},"
                        + "'spec':{'containers':[{'name':'c','args':[''],'readinessProbe':{"
                        + "'tcpSocket':{'port':'http'}},'resources':{'limits':{'cpu':'100m'}}}],"
                        + "'volumes':[{'name':'v','configMap':{'name':'cfg','defaultMode':0}}],"
                        + "'terminationGracePeriodSeconds':0,'automountServiceAccountToken':false}}")
                    .replace('\'', '"'));
    assertEquals(want, reparsed(tree));
  }

  static Stream<Arguments> broken() throws IOException {
    byte[] namespace = resource("create-namespace.bin");
    return Stream.of(
        Arguments.of("json", "{\"kind\":\"Namespace\"}".getBytes(), "starts with the 4 bytes"),
        Arguments.of("empty", new byte[0], "starts with the 4 bytes"),
        Arguments.of(
            "cut short",
            Arrays.copyOf(namespace, namespace.length - 9),
            "envelope (runtime.Unknown)"),
        Arguments.of(
            "unknown kind",
            envelope("v1", "Gadget", ByteString.EMPTY),
            "no kind \"Gadget\" is registered for version \"v1\""),
        Arguments.of(
            "unknown version",
            envelope("apps/v9", "Deployment", ByteString.EMPTY),
            "no kind \"Deployment\" is registered for version \"apps/v9\""),
        Arguments.of("no type", envelope("", "", ByteString.EMPTY), "names no apiVersion and kind"),
        Arguments.of(
            "raw not a message",
            envelope("v1", "Namespace", ByteString.copyFrom(new byte[] {0x0a, 0x7f, 0x01})),
            "not a valid v1 Namespace"),
        Arguments.of(
            "gzip",
            wrap(
                Runtime.Unknown.newBuilder()
                    .setTypeMeta(
                        Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("Namespace"))
                    .setContentEncoding("gzip")
                    .build()),
            "contentEncoding \"gzip\" is not supported"),
        Arguments.of(
            "bad IntOrString",
            envelope(
                "v1",
                "Service",
                V1.Service.newBuilder()
                    .setSpec(
                        V1.ServiceSpec.newBuilder()
                            .addPorts(
                                V1.ServicePort.newBuilder()
                                    .setTargetPort(IntStr.IntOrString.newBuilder().setType(7))))
                    .build()
                    .toByteString()),
            "IntOrString has type 7"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void brokenBodiesAreRefusedWithAReason(String name, byte[] body, String reason) {
    ProtobufBodyException e =
        assertThrows(ProtobufBodyException.class, () -> ProtobufBody.decode(body));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  /** The tree as a JSON client would read it (an int64 zero and an int32 zero are both 0). */
  static JsonNode reparsed(JsonNode tree) throws IOException {
    return Json.mapper().readTree(tree.toString());
  }

  static byte[] envelope(String apiVersion, String kind, ByteString raw) {
    return wrap(
        Runtime.Unknown.newBuilder()
            .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
            .setRaw(raw)
            .build());
  }

  static byte[] wrap(Runtime.Unknown unknown) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(unknown.toByteArray());
    return out.toByteArray();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = ProtobufBodyTest.class.getResourceAsStream("/protobuf/" + name)) {
      return in.readAllBytes();
    }
  }
}
