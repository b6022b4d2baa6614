package dev.shoal.agent.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.api.ApiError;
import dev.shoal.agent.api.ApiPath;
import dev.shoal.agent.api.ResourceService;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.model.StatusCause;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes through the API's verbs (ResourceService over an in-memory store): Secrets are stored with
 * their stringData folded into data; host access is refused with a 403 naming the field and the
 * label, unless the namespace carries the label.
 */
class HostAccessAndSecretAdmissionTest {
  static final String CONTAINER = "{name: c, image: shoal-test/busybox:1}";

  InMemoryStore store;
  ResourceService service;

  @BeforeEach
  void start() throws Exception {
    store = new InMemoryStore();
    service = new ResourceService(store, new Admission(), Clock.systemUTC());
    await(store.create(new Namespace(ObjectMeta.named(null, "plain"), null, null)));
    await(
        store.create(
            new Namespace(
                ObjectMeta.named(null, "ops")
                    .withLabels(Map.of(HostAccess.LABEL, HostAccess.ALLOWED)),
                null,
                null)));
  }

  static Stream<Arguments> hostUses() {
    return Stream.of(
        Arguments.of(
            "pod with a hostPath",
            ResourceKinds.POD,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
                + "spec: {volumes: [{name: e, emptyDir: {}}, {name: h, hostPath: {path: /etc}}], containers: ["
                + CONTAINER
                + "]}",
            List.of("spec.volumes[1].hostPath")),
        Arguments.of(
            "privileged init container",
            ResourceKinds.POD,
            "apiVersion: v1\nkind: Pod\n"
                + "metadata: {name: p}\nspec: {initContainers: [{name: i, image: x, securityContext: {privileged: true}}],"
                + " containers: ["
                + CONTAINER
                + "]}",
            List.of("spec.initContainers[0].securityContext.privileged")),
        Arguments.of(
            "deployment template adding capabilities and a hostPath",
            ResourceKinds.DEPLOYMENT,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n"
                + "  template:\n    metadata: {labels: {a: b}}\n    spec:\n      volumes: [{name: h, hostPath: {path: /}}]\n"
                + "      containers: [{name: c, image: x, securityContext: {capabilities: {add: [NET_ADMIN]}}}]\n",
            List.of(
                "spec.template.spec.volumes[0].hostPath",
                "spec.template.spec.containers[0].securityContext" + ".capabilities.add")),
        Arguments.of(
            "replica set template, privileged",
            ResourceKinds.REPLICA_SET,
            "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n  selector: {matchLabels: {a: b}}\n"
                + "  template:\n    metadata: {labels: {a: b}}\n    spec:\n"
                + "      containers: [{name: c, image: x, securityContext: {privileged: true}}]\n",
            List.of("spec.template.spec.containers[0].securityContext.privileged")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostUses")
  void hostAccessIsRefusedUnlessTheNamespaceAllowsIt(
      String name, KindInfo kind, String yaml, List<String> fields) throws Exception {
    Resource object = parse(yaml);
    Status status = refusal(service.create(new ApiPath(kind, "plain", null, null), object));
    assertEquals(403, status.code());
    assertEquals("Forbidden", status.reason());
    assertEquals(fields, status.details().causes().stream().map(StatusCause::field).toList());
    assertTrue(status.message().contains(fields.get(0)), status::message);
    assertTrue(status.message().contains("shoal.dev/host-access=allowed"), status::message);
    assertEquals(kind.plural(), status.details().kind());

    Resource created = await(service.create(new ApiPath(kind, "ops", null, null), object));
    assertEquals("ops", created.metadata().namespace());
  }

  @Test
  void anOrdinaryPodNeedsNoLabelAndDroppingCapabilitiesIsFine() throws Exception {
    Resource pod =
        parse(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x, "
                + "securityContext: {privileged: false, runAsUser: 1000, readOnlyRootFilesystem: true, "
                + "capabilities: {drop: [ALL]}}}]}");
    await(service.create(new ApiPath(ResourceKinds.POD, "plain", null, null), pod));
  }

  @Test
  void updatesAreRefusedOnlyForNewHostUses() throws Exception {
    String rs =
        "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r%s}\nspec:\n  selector: {matchLabels: {a: b}}\n"
            + "  template:\n    metadata: {labels: {a: b}}\n    spec:\n%s      containers: [{name: c, image: x}]\n";
    ApiPath collection = new ApiPath(ResourceKinds.REPLICA_SET, "plain", null, null);
    await(service.create(collection, parse(rs.formatted("", ""))));
    ApiPath named = new ApiPath(ResourceKinds.REPLICA_SET, "plain", "r", null);
    Status status =
        refusal(
            service.modify(
                named,
                false,
                stored ->
                    parse(
                        rs.formatted("", "      volumes: [{name: h, hostPath: {path: /var}}]\n"))));
    assertEquals(403, status.code());
    assertEquals(
        List.of("spec.template.spec.volumes[0].hostPath"),
        status.details().causes().stream().map(StatusCause::field).toList());
    Status replaced =
        refusal(
            service.replace(
                named,
                parse(rs.formatted("", "      volumes: [{name: h, hostPath: {path: /var}}]\n")),
                false));
    assertEquals(403, replaced.code());

    // Made while the namespace allowed it; the label is gone now: the object can still be
    // relabelled.
    store
        .create(
            parse(rs.formatted("-old", "      volumes: [{name: h, hostPath: {path: /var}}]\n"))
                .withMetadata(ObjectMeta.named("plain", "r-old")))
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    ApiPath old = new ApiPath(ResourceKinds.REPLICA_SET, "plain", "r-old", null);
    Resource relabelled =
        await(
            service.modify(
                old,
                false,
                stored -> stored.withMetadata(stored.metadata().withLabels(Map.of("team", "x")))));
    assertEquals("x", relabelled.metadata().labels().get("team"));
  }

  @Test
  void stringDataIsFoldedIntoDataAndNeverStored() throws Exception {
    Secret created =
        (Secret)
            await(
                service.create(
                    new ApiPath(ResourceKinds.SECRET, "plain", null, null),
                    parse(
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {a: YQ==, b: Yg==}\n"
                            + "stringData: {b: from-string-data, c: plain}\n")));
    assertEquals("Opaque", created.type());
    assertNull(created.stringData());
    assertEquals(
        Map.of("a", "YQ==", "b", b64("from-string-data"), "c", b64("plain")), created.data());
    Secret stored =
        (Secret) await(service.get(new ApiPath(ResourceKinds.SECRET, "plain", "s", null)));
    assertEquals(created.data(), stored.data());
    assertNull(stored.stringData());

    Secret patched =
        (Secret)
            await(
                service.modify(
                    new ApiPath(ResourceKinds.SECRET, "plain", "s", null),
                    false,
                    current ->
                        new Secret(
                            current.metadata(),
                            null,
                            ((Secret) current).data(),
                            Map.of("d", "more"),
                            null)));
    assertEquals(b64("more"), patched.data().get("d"));
    assertNull(patched.stringData());
  }

  @Test
  void badSecretsAre422AtTheirFieldsWithoutTheValue() throws Exception {
    Status status =
        refusal(
            service.create(
                new ApiPath(ResourceKinds.SECRET, "plain", null, null),
                parse(
                    "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {ok: 'c3VwZXJzZWNyZXQ!'}\n"
                        + "stringData: {'bad key': hunter2}\n")));
    assertEquals(422, status.code());
    assertEquals(
        List.of("data[ok]", "stringData[bad key]"),
        status.details().causes().stream().map(StatusCause::field).sorted().toList());
    assertFalse(
        status.message().contains("c3VwZXJzZWNyZXQ") || status.message().contains("hunter2"),
        status::message);
  }

  @Test
  void immutableSecretsRefuseNewData() throws Exception {
    ApiPath collection = new ApiPath(ResourceKinds.SECRET, "plain", null, null);
    await(
        service.create(
            collection,
            parse(
                "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nimmutable: true\n"
                    + "stringData: {a: one}\n")));
    Status status =
        refusal(
            service.modify(
                new ApiPath(ResourceKinds.SECRET, "plain", "s", null),
                false,
                current -> new Secret(current.metadata(), null, null, Map.of("a", "two"), true)));
    assertEquals(422, status.code());
    assertTrue(status.details().causes().stream().anyMatch(c -> "data".equals(c.field())));
  }

  private static String b64(String plain) {
    return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static Resource parse(String yaml) {
    Decoded d = ManifestCodec.parseAll(yaml.getBytes(StandardCharsets.UTF_8)).get(0);
    return assertInstanceOf(Decoded.Ok.class, d, d::toString).resource();
  }

  static Status refusal(Future<?> write) throws Exception {
    try {
      write.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return assertInstanceOf(ApiError.class, e.getCause()).status();
    }
    throw new AssertionError("the write was accepted");
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
